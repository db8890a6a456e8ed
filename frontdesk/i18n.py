"""The one translation function every user-facing string goes through.

Catalogs are standard gettext ones under ``frontdesk/locale/<folder>/LC_MESSAGES/frontdesk.mo``,
made from the ``.po`` files beside them by ``scripts/i18n.py``. The language is the interface
language of ``config`` unless ``use`` chose one first: ``frontdesk --lang`` does, before any
module whose constants are translated at import is loaded. Only the standard library is loaded
here: the plain launch translates its first screen before anything heavy.
"""

import contextlib
import gettext
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
    """Speak ``code`` (one of ``config.LANGUAGES``) from now on. Strings already translated at
    import stay as they were: choose before importing the screens."""
    global _current
    try:
        with catalog_path(code).open("rb") as handle:
            translation: gettext.NullTranslations = gettext.GNUTranslations(handle)
    except FileNotFoundError:
        translation = gettext.NullTranslations()
    _current = (code, translation)


def language() -> str:
    """The interface language in use: "zh-Hans" or "en"."""
    return _active()[0]


def _active() -> tuple[str, gettext.NullTranslations]:
    global _current
    if _current is None:
        # English while the setting is read: a ConfigError's own message is translated.
        _current = ("en", gettext.NullTranslations())
        from frontdesk import config

        # A wrong setting is said by the command line (cli/main.py); here English stands.
        with contextlib.suppress(config.ConfigError):
            use(config.interface_language())
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _active()[1].gettext(message)
