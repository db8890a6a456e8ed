"""The Queue view (F4): open matters by next deadline, and what can be done to each."""
