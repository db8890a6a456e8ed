"""Key bindings as the screens declare them: every key with an id (for user keymaps) and a
tooltip (for the help screen), one row a key."""

from textual.binding import Binding


def keys(view: str, *rows: tuple[str, str, str, str]) -> list[Binding]:
    """Bindings from rows of (key, action, footer label, what it does)."""
    return [
        Binding(key, action, label, id=f"{view}.{action.split('(')[0]}", tooltip=tip)
        for key, action, label, tip in rows
    ]


def refusals(
    view: str, *pairs: tuple[str, str], priority: frozenset[str] = frozenset()
) -> list[Binding]:
    """Hidden twins of (key, action) pairs, heard when the action's own key does nothing now:
    they run the view's ``refused(action)``, which says why where the key was pressed. Keys in
    ``priority`` are taken before the focused widget's own (Enter over a table)."""
    return [
        Binding(
            key,
            f"refused('{action}')",
            "",
            show=False,
            id=f"{view}.{action}_refused",
            priority=key in priority,
        )
        for key, action in pairs
    ]
