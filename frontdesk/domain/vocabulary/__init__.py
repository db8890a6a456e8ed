"""The counter's words and numbers: the closed lists (kinds, classes, roles), their names in each
language, durations, and the estate's policy file."""
