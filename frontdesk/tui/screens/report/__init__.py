"""The Report view (F11): the monthly report's tables and charts."""
