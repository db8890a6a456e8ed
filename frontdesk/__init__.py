"""frontdesk: the reception counter of a residential property-management service centre."""

__version__ = "0.1.0"
