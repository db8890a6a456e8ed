"""The Textual screens of the counter. Database work goes through the services."""
