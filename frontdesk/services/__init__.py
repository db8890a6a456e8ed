"""Use cases of the counter. The CLI and the screens both call these; nothing is done twice."""
