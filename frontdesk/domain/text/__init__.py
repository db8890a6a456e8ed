"""Text as typed at the counter: cleaned of what a terminal or a database cannot hold, and how wide
it is on screen."""
