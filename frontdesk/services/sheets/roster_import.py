"""Importing residents from the roster an estate keeps (业主名册), all or nothing.

A row is the resident named in that unit: the natural key is the name with the unit (张伟 in
3-2-1201). Names repeat across an estate and numbers are shared within families or change
hands, but one unit rarely has two people of one name. A row whose resident is on file
updates that card, field by field, only where the roster says something different; a blank
cell leaves what is on file, and numbers the roster lacks stay (the counter learnt them on
calls). Every other row is a new card. Importing the same roster twice changes nothing.

Every row is read first, with the counter's own parsers; if any fails, or two rows are the
same resident, nothing is written and every failing row is reported with its line. Otherwise
the whole roster is written in one transaction, and the store logs each change and keeps the
search index in step as for any card saved at the counter.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from frontdesk.domain.people.phones import EXTENSION_MARK, mask_stored
from frontdesk.domain.roster.columns import Column, ColumnMap, find_header, map_columns
from frontdesk.domain.roster.rows import RosterEntry, RowInvalid, read_entry
from frontdesk.domain.text.free_text import shown
from frontdesk.domain.vocabulary.kinds import ResidentRole
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.transaction import use_case
from frontdesk.services.sheets.roster_cards import add_cards
from frontdesk.services.sheets.roster_files import RosterTable
from frontdesk.store.queries import id_of, key
from frontdesk.store.tables.people import Estate, Resident, ResidentPhone, ResidentUnit, Unit

# Names asked for per query when matching the roster against the residents on file.
_BATCH = 500
# The card's own fields a roster may set, in the order a change is reported.
_CARD_FIELDS = ("title", "occupation", "interests", "notes")


@dataclass(frozen=True)
class RowProblem:
    line: int
    reasons: list[str]


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class PlannedRow:
    """A row that adds a card (``resident_id`` None) or changes one."""

    line: int
    name: str
    unit: str
    resident_id: int | None
    changes: list[FieldChange]


@dataclass
class ImportReport:
    """What an import did, or with ``dry_run`` would do; nothing is written unless ``written``."""

    read_as: str
    header_line: int = 0
    #: Header -> field, for every column used.
    columns: dict[str, str] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    #: Why the roster as a whole cannot be read (a column missing): no row was looked at.
    problems: list[str] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    added: list[PlannedRow] = field(default_factory=list)
    updated: list[PlannedRow] = field(default_factory=list)
    unchanged: int = 0
    written: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.errors)


@use_case
def import_roster(
    *,
    session: Session,
    desk: Desk,
    table: RosterTable,
    mapping: dict[str, Column] | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Read ``table`` as a roster and, unless ``dry_run`` or a row fails, put it on file.

    The changes are the system's in the audit log (no operator signs in to import), at the
    counter ``desk`` names."""
    report = ImportReport(read_as=table.read_as)
    rows = table.rows
    if not rows:
        report.problems.append(_("the roster is empty"))
        return report
    at = find_header([cells for _line, cells in rows], mapping)
    report.header_line, headers = rows[at]
    columns = map_columns(headers, mapping)
    report.columns = {shown(headers[p], 40): c.value for p, c in columns.columns.items()}
    report.unknown_columns = columns.unknown
    report.problems = columns.problems
    if report.problems:
        return report

    entries = _entries(rows[at + 1 :], columns, desk, report)
    plan, cards = _plan(session, desk, entries, report)
    report.errors.sort(key=lambda problem: problem.line)
    if report.failed or dry_run:
        return report

    add_cards(session, desk, [entry for row, entry in plan if row.resident_id is None])
    for row, entry in plan:
        if row.resident_id is not None and row.changes:
            _update(session, desk, cards[row.resident_id], entry)
    session.flush()
    report.written = True
    return report


def _entries(
    rows: list[tuple[int, list[str]]], columns: ColumnMap, desk: Desk, report: ImportReport
) -> list[tuple[int, RosterEntry]]:
    """Each row read; the rows that fail, and repeats of a resident, go to ``report``."""
    entries: list[tuple[int, RosterEntry]] = []
    first_line: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        by_column: dict[Column, list[str]] = defaultdict(list)
        for position, column in columns.columns.items():
            if column != Column.IGNORE and position < len(cells):
                by_column[column].append(cells[position])
        if not any(value.strip() for values in by_column.values() for value in values):
            continue  # a template's numbered empty rows: nothing in any column we read
        try:
            entry = read_entry(by_column, area_code=desk.policy.area_code)
        except RowInvalid as invalid:
            report.errors.append(RowProblem(line, invalid.reasons))
            continue
        key = (entry.name, entry.unit.label)
        if key in first_line:
            reason = _("{name} in {unit} is on line {first} already").format(
                name=entry.name, unit=entry.unit.label, first=first_line[key]
            )
            report.errors.append(RowProblem(line, [reason]))
            continue
        first_line[key] = line
        entries.append((line, entry))
    return entries


def _plan(
    session: Session, desk: Desk, entries: list[tuple[int, RosterEntry]], report: ImportReport
) -> tuple[list[tuple[PlannedRow, RosterEntry]], dict[int, "_Card"]]:
    """Each entry matched with the card on file it updates, if any, and what it changes, with
    the cards read; rows that cannot be matched go to ``report``."""
    on_file = _on_file(session, desk, {entry.name for _line, entry in entries})
    cards = _cards(session, {rid for ids in on_file.values() for rid in ids})
    plan: list[tuple[PlannedRow, RosterEntry]] = []
    # A resident with two units is on two rows (the residents export writes a row a unit): what
    # the rows before asked of each card, so that the next row is planned against it.
    asked: dict[int, _Asked] = {}
    for line, entry in entries:
        ids = on_file.get((entry.name, entry.unit.label), [])
        if len(ids) > 1:
            reason = _(
                "{count} residents on file are called {name} in {unit} (#{ids}): "
                "the roster cannot tell which it means"
            ).format(
                count=len(ids), name=entry.name, unit=entry.unit.label,
                ids=", #".join(map(str, ids)),
            )  # fmt: skip
            report.errors.append(RowProblem(line, [reason]))
            continue
        card = cards[ids[0]] if ids else None
        before = asked.setdefault(ids[0], _Asked(_numbers(card))) if card else None
        unknown = _unknown_masked(card, entry, before)
        if unknown:
            report.errors.append(RowProblem(line, unknown))
            continue
        if card and before:
            conflicts = _conflicts(card, entry, before)
            if conflicts:
                report.errors.append(RowProblem(line, conflicts))
                continue
        changes = _changes(card, entry, before) if card and before else _new(entry)
        row = PlannedRow(line, entry.name, entry.unit.label, card and card.resident.id, changes)
        if card is None:
            report.added.append(row)
        elif changes:
            report.updated.append(row)
        else:
            report.unchanged += 1
        if before is not None:
            before.take(line, entry)
        plan.append((row, entry))
    return plan, cards


@dataclass
class _Card:
    resident: Resident
    phones: list[ResidentPhone]
    links: dict[str, ResidentUnit]


@dataclass
class _Asked:
    """What the rows so far ask of one card: its numbers with those they add, and each card
    field a row gives, with the first line that gave it."""

    numbers: list[str]
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)

    def take(self, line: int, entry: RosterEntry) -> None:
        self.numbers += [p.stored for p in entry.phones if p.stored not in self.numbers]
        for name in _CARD_FIELDS:
            wanted = getattr(entry, name)
            if wanted is not None:
                self.fields.setdefault(name, (wanted, line))


def _on_file(session: Session, desk: Desk, names: set[str]) -> dict[tuple[str, str], list[int]]:
    """Residents on file with these names: (name, unit label) -> their ids."""
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    ordered = sorted(names)
    for start in range(0, len(ordered), _BATCH):
        rows = session.exec(
            select(key(Resident.id), Resident.name, Unit.label)
            .join(ResidentUnit, col(ResidentUnit.resident_id) == Resident.id)
            .join(Unit, col(Unit.id) == ResidentUnit.unit_id)
            .join(Estate, col(Estate.id) == Unit.estate_id)
            .where(Estate.name == desk.policy.centre_name)
            .where(col(Resident.name).in_(ordered[start : start + _BATCH]))
            .order_by(col(Resident.id))
        )
        for rid, name, label in rows:
            found[(name, label)].append(rid)
    return found


def _cards(session: Session, ids: set[int]) -> dict[int, _Card]:
    ordered = sorted(ids)
    cards: dict[int, _Card] = {}
    for start in range(0, len(ordered), _BATCH):
        batch = ordered[start : start + _BATCH]
        for resident in session.exec(select(Resident).where(col(Resident.id).in_(batch))):
            cards[id_of(resident)] = _Card(resident, [], {})
        phones = select(ResidentPhone).where(col(ResidentPhone.resident_id).in_(batch))
        for phone in session.exec(phones.order_by(col(ResidentPhone.id))):
            cards[phone.resident_id].phones.append(phone)
        links = (
            select(ResidentUnit, Unit.label)
            .join(Unit, col(Unit.id) == ResidentUnit.unit_id)
            .where(col(ResidentUnit.resident_id).in_(batch))
        )
        for link, label in session.exec(links):
            cards[link.resident_id].links[label] = link
    return cards


def _numbers(card: _Card) -> list[str]:
    """The card's numbers in their stored form (``02162345678转801``)."""
    return [
        f"{p.national}{EXTENSION_MARK}{p.extension}" if p.extension else p.national
        for p in card.phones
    ]


def _unknown_masked(card: _Card | None, entry: RosterEntry, asked: "_Asked | None") -> list[str]:
    """Why the row's masked numbers cannot stand for numbers on the card (or given in full on
    an earlier row for it), if they cannot."""
    if card is None or asked is None:
        return [
            _("'{number}' is masked: a new card needs the number in full").format(number=number)
            for number in entry.masked
        ]
    on_file = {mask_stored(stored) for stored in asked.numbers}
    return [
        _("'{number}' is masked and stands for none of this resident's numbers: give it in "
          "full").format(number=number)
        for number in entry.masked
        if number not in on_file
    ]  # fmt: skip


def _conflicts(card: _Card, entry: RosterEntry, asked: _Asked) -> list[str]:
    """Why the row cannot be taken with an earlier row for the same card: a field the two
    give differently."""
    reasons = []
    for name in _CARD_FIELDS:
        wanted = getattr(entry, name)
        earlier = asked.fields.get(name)
        if wanted is not None and earlier is not None and earlier[0] != wanted:
            reasons.append(
                _(
                    "{name} (#{id}) is on line {first} too, with {field} '{other}' there and "
                    "'{value}' here: give the same in both"
                ).format(
                    name=entry.name,
                    id=card.resident.id,
                    first=earlier[1],
                    field=_field_label(name),
                    other=shown(earlier[0]),
                    value=shown(wanted),
                )  # fmt: skip
            )
    return reasons


def _field_label(name: str) -> str:
    labels = {
        "title": _("title"),
        "occupation": _("occupation"),
        "interests": _("interests"),
        "notes": _("notes"),
    }
    return labels.get(name, name)


def _masked(stored: list[str]) -> str:
    # Masked like everywhere else: an import is no way to read the numbers on file.
    return ", ".join(mask_stored(s) for s in stored)


def _new(entry: RosterEntry) -> list[FieldChange]:
    """What a new card will hold, as changes from nothing."""
    given = {
        "phones": _masked([p.stored for p in entry.phones]),
        "role": (entry.role or ResidentRole.OWNER).value,
        **{name: getattr(entry, name) or "" for name in _CARD_FIELDS},
    }
    return [FieldChange(name, "", value) for name, value in given.items() if value]


def _changes(card: _Card, entry: RosterEntry, asked: _Asked) -> list[FieldChange]:
    """What the row changes on the card as the rows before it left it."""
    changes: list[FieldChange] = []
    on_file = asked.numbers
    more = [p.stored for p in entry.phones if p.stored not in on_file]
    if more:
        changes.append(FieldChange("phones", _masked(on_file), _masked(on_file + more)))
    link = card.links.get(entry.unit.label)
    if entry.role is not None and link is not None and link.role != entry.role:
        changes.append(FieldChange("role", link.role, entry.role.value))
    for name in _CARD_FIELDS:
        wanted = getattr(entry, name)
        current = asked.fields[name][0] if name in asked.fields else getattr(card.resident, name)
        if wanted is not None and wanted != current:
            changes.append(FieldChange(name, current, wanted))
    return changes


def _update(session: Session, desk: Desk, card: _Card, entry: RosterEntry) -> None:
    for phone in entry.phones:
        # The card's numbers with those an earlier row for it added: none is added twice.
        if phone.stored not in _numbers(card):
            added = ResidentPhone(
                resident_id=id_of(card.resident),
                national=phone.national,
                extension=phone.extension,
                kind=phone.kind,
            )
            session.add(added)
            card.phones.append(added)
    link = card.links.get(entry.unit.label)
    if entry.role is not None and link is not None and link.role != entry.role:
        link.role = entry.role
        session.add(link)
    for name in _CARD_FIELDS:
        wanted = getattr(entry, name)
        if wanted is not None and wanted != getattr(card.resident, name):
            setattr(card.resident, name, wanted)
    card.resident.updated_at = desk.now()
    session.add(card.resident)
