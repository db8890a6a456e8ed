"""How wide text is where it is shown: a Chinese character takes two columns of a terminal and
about two characters' width in a spreadsheet cell, a Latin letter one."""

import unicodedata


def shown_width(text: str) -> int:
    """Columns ``text`` takes: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
