"""The one translation function every user-facing string goes through.

Catalogs are standard gettext ones under ``frontdesk/locale``; until a catalog is installed the
message id (English) is shown.
"""

import gettext
from pathlib import Path

_LOCALE_DIR = Path(__file__).parent / "locale"
_translation = gettext.translation("frontdesk", localedir=_LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _translation.gettext(message)
