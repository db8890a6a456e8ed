"""The Call view (F2): phone intake, walk-ins, letters and the comment book, step by step."""
