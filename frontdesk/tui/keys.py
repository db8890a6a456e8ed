"""Key bindings as the screens declare them: every key with an id (for user keymaps) and a
tooltip (for the help screen), one row a key."""

from textual.binding import Binding


def keys(view: str, *rows: tuple[str, str, str, str]) -> list[Binding]:
    """Bindings from rows of (key, action, footer label, what it does)."""
    return [
        Binding(key, action, label, id=f"{view}.{action.split('(')[0]}", tooltip=tip)
        for key, action, label, tip in rows
    ]
