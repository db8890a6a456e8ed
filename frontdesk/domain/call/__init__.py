"""Taking a call (DOMAIN.md §2): the script's lines, each matter's required fields, the never-say
guard, repeats and the ringing phone."""
