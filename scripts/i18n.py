"""Refresh the translation catalogs: extract every ``_("…")`` of frontdesk/ into the template,
bring each language's ``.po`` up to it, and compile the ``.mo`` files the app reads.

    .venv/bin/python -m scripts.i18n          # extract, update, compile; list what to translate
    .venv/bin/python -m scripts.i18n --check  # change nothing; exit 1 if a catalog is behind

A new message arrives in the Chinese catalog with an empty msgstr: translate it in
``frontdesk/locale/zh_Hans/LC_MESSAGES/frontdesk.po`` and run this again to compile. The English
catalog's msgstr is the msgid itself, filled in here. Messages no longer in the source are
dropped. Needs Babel (the test extras).
"""

import gettext
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "frontdesk"
LOCALE = PACKAGE / "locale"
DOMAIN = "frontdesk"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
#: Babel's locale name for each folder (the folders are those frontdesk/i18n.py reads).
LANGUAGES = {"zh_Hans": "zh_Hans", "en": "en"}
#: The translation function (frontdesk/i18n.py), and the sentences kept as data
#: (frontdesk/domain/vocabulary/sentences.py), translated where they are read.
KEYWORDS = {"_": None, "sentence": None}
HEADER = "# The messages of frontdesk. Refreshed by scripts/i18n.py; translate the empty msgstr."


def extract() -> Catalog:
    """Every message of the source, with where it is used."""
    template = Catalog(header_comment=HEADER, project="frontdesk", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        path = f"frontdesk/{filename}"
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def po_path(folder: str) -> Path:
    return LOCALE / folder / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(folder: str) -> Path:
    return po_path(folder).with_suffix(".mo")


def read(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(
            locale=locale,
            header_comment=HEADER,
            project="frontdesk",
            last_translator="frontdesk",
            language_team=locale,
            charset="utf-8",
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def updated(folder: str, template: Catalog) -> Catalog:
    """The language's catalog brought up to the template: new messages untranslated (English:
    the msgid), none guessed from a similar one, the gone ones dropped."""
    catalog = read(po_path(folder), LANGUAGES[folder])
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    if folder == "en":
        for message in catalog:
            if message.id and not message.string:
                message.string = message.id
    return catalog


def po_bytes(catalog: Catalog, **options) -> bytes:
    out = BytesIO()
    write_po(out, catalog, width=100, omit_header=False, **options)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    return [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    template = extract()
    files = {TEMPLATE: po_bytes(template, include_lineno=False)}
    missing: dict[str, list[str]] = {}
    for folder in LANGUAGES:
        catalog = updated(folder, template)
        files[po_path(folder)] = po_bytes(catalog, include_lineno=False)
        files[mo_path(folder)] = mo_bytes(catalog)
        missing[folder] = untranslated(catalog)
    # The dates in the headers change on every run: files are compared without them (a .mo by
    # its messages), so that a run with nothing new writes nothing.
    stale = [p for p, data in files.items() if _without_dates(p, data) != _on_disk(p)]
    for folder, ids in missing.items():
        print(f"{folder}: {len(template)} messages, {len(ids)} to translate")
        for msgid in ids:
            print(f"  {msgid!r}")
    if check:
        for path in stale:
            print(f"behind the source: {path.relative_to(ROOT)}")
        return 1 if stale or any(missing.values()) else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    return 1 if any(missing.values()) else 0


def _without_dates(path: Path, data: bytes):
    if path.suffix == ".mo":
        messages = gettext.GNUTranslations(BytesIO(data))._catalog  # type: ignore[attr-defined]
        return sorted((k, v) for k, v in messages.items() if k != "")
    return b"\n".join(
        line
        for line in data.split(b"\n")
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))
    )


def _on_disk(path: Path) -> bytes | None:
    return _without_dates(path, path.read_bytes()) if path.exists() else None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
