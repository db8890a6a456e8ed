"""The ``frontdesk`` command line. It calls the services; it holds no rules of its own."""
