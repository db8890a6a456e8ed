"""The one translation function every user-facing string goes through.

Catalogs are standard gettext ones under ``frontdesk/locale/<folder>/LC_MESSAGES/frontdesk.mo``,
made from the ``.po`` files beside them by ``scripts/i18n.py``. The language is handed in by
the program's entry point (``cli/main.py`` reads it from the settings and calls ``use``) before
any module whose constants are translated at import is loaded; until then it is English. Only
the standard library is loaded here: the plain launch translates its first screen before
anything heavy.
"""

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "frontdesk"
#: Each language's folder under LOCALE_DIR. Named here rather than left to gettext's search
#: of the locale variables, which knows no "zh-Hans" and would pick up the machine's locale.
FOLDERS = {"zh-Hans": "zh_Hans", "en": "en"}

_current: tuple[str, gettext.NullTranslations] | None = None


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / FOLDERS[code] / "LC_MESSAGES" / f"{DOMAIN}.mo"


def use(code: str) -> None:
    """Speak ``code`` ("zh-Hans" or "en") from now on. Strings already translated at
    import stay as they were: choose before importing the screens."""
    global _current
    _current = (code, _catalog(code))


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Speak ``code`` for a while, then the interface language again: what leaves the counter
    (a message to a department's group) is in the language spoken to residents and staff,
    whatever the sender's own screen speaks."""
    global _current
    before = _active()
    use(code)
    try:
        yield
    finally:
        _current = before


@cache
def _catalog(code: str) -> gettext.NullTranslations:
    try:
        with catalog_path(code).open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except FileNotFoundError:
        return gettext.NullTranslations()


def in_language(code: str, message: str) -> str:
    """``message`` in ``code``, whatever the interface speaks: the Chinese name an input
    method commits is Chinese on an English screen too."""
    return _catalog(code).gettext(message)


def language() -> str:
    """The interface language in use: "zh-Hans" or "en"."""
    return _active()[0]


def _active() -> tuple[str, gettext.NullTranslations]:
    global _current
    if _current is None:
        # No entry point chose: English, the language the messages are written in.
        use("en")
    assert _current is not None
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _active()[1].gettext(message)


def translated(template: str) -> str:
    """A message collected from elsewhere than ``_()``: the template of a stored sentence
    (domain/vocabulary/sentences.py), looked up when it is read."""
    return _active()[1].gettext(template)
