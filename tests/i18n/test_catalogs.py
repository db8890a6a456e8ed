"""The catalogs are complete: every message of the source is in both, translated, with the
same placeholders, and the compiled .mo files say what the .po files say."""

import ast
import gettext
import re
from pathlib import Path

import pytest

from frontdesk import i18n
from scripts import i18n as tool

PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}")
SOURCE = sorted(tool.PACKAGE.rglob("*.py"))


@pytest.fixture(scope="module")
def template():
    return tool.extract()


@pytest.fixture(scope="module", params=sorted(tool.LANGUAGES))
def catalog(request):
    path = tool.po_path(request.param)
    assert path.exists(), f"no catalog {path}: run python -m scripts.i18n"
    return tool.read(path, tool.LANGUAGES[request.param])


def test_every_message_of_the_source_is_in_each_catalog(template, catalog):
    missing = [m.id for m in template if m.id and m.id not in catalog]
    assert not missing, f"{catalog.locale}: run python -m scripts.i18n and translate {missing}"


def test_every_message_is_translated_and_none_is_fuzzy(catalog):
    assert not tool.untranslated(catalog), f"{catalog.locale}: {tool.untranslated(catalog)}"


def test_no_catalog_keeps_messages_the_source_no_longer_has(template, catalog):
    assert not [m.id for m in catalog if m.id and m.id not in template]


def test_translations_keep_the_placeholders_of_their_message(catalog):
    wrong = [
        (m.id, m.string)
        for m in catalog
        if m.id and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert not wrong


def test_compiled_catalogs_say_what_the_po_files_say(catalog):
    folder = next(f for f, name in tool.LANGUAGES.items() if str(catalog.locale) == name)
    with tool.mo_path(folder).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    expected = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    assert {k: v for k, v in compiled.items() if k != ""} == expected, "run python -m scripts.i18n"


def test_the_app_reads_each_catalog_from_its_folder():
    for code, folder in i18n.FOLDERS.items():
        assert i18n.catalog_path(code) == tool.mo_path(folder)


def test_extraction_finds_every_message_the_code_translates(template):
    """Babel reads no _() inside an f-string (Python 3.11 tokenizes it as one string): such a
    message would never reach the catalogs and show in English whatever the language."""
    found = {
        node.args[0].value
        for path in SOURCE
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "sentence")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert not sorted(found - {m.id for m in template})


@pytest.mark.parametrize("path", SOURCE, ids=lambda p: str(p.relative_to(tool.ROOT)))
def test_messages_are_plain_strings_with_named_placeholders(path: Path):
    """An f-string or a variable inside _() or sentence() cannot be extracted; "{}" cannot be
    reordered. A sentence's values are its keywords."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        func = node.func if isinstance(node, ast.Call) else None
        if isinstance(func, ast.Name) and func.id in ("_", "sentence"):
            where = f"{path.name}:{node.lineno}"
            assert len(node.args) == 1 and (func.id == "sentence" or not node.keywords), where
            arg = node.args[0]
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), where
            assert "" not in PLACEHOLDER.findall(arg.value), where
