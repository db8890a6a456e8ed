"""Pure rules of the counter: no database, no screens."""
