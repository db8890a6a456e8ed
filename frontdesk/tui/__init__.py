"""The Textual screens of the counter (issue 3). Database work goes through the services."""
