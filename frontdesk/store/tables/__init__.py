"""The tables, by what they hold: the people on file, the register, the staff."""
