"""The register as tables for a spreadsheet: the matters, the follow-ups and the reception
register (《客户接待登记表》: every call, visit, letter and comment-book entry).

Each table is one query read as it streams (``yield_per``), so an export of a large estate holds
a batch of rows at a time, never the whole table; the same on SQLite and PostgreSQL. Phone
numbers are masked as everywhere else: a spreadsheet leaves the counter, and an export is no
way round a recorded reveal.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Select, case, func, literal_column
from sqlmodel import Session, col, select

from frontdesk.domain.people.phones import EXTENSION_MARK, mask_stored
from frontdesk.domain.vocabulary.kinds import (
    Channel,
    ComplaintClass,
    Emotion,
    FollowUpReason,
    FollowUpStatus,
    MatterKind,
    MatterStatus,
    Milestone,
    Need,
    RepairCategory,
    Verdict,
)
from frontdesk.domain.vocabulary.sentences import stored_steps
from frontdesk.i18n import _
from frontdesk.store.queries import select_columns
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit, Unit
from frontdesk.store.tables.register import Call, FollowUp, FollowUpAttempt, Matter
from frontdesk.store.tables.staff import Operator
from frontdesk.wording import say

# Rows fetched from the database at a time.
BATCH = 1000
# Between a resident's numbers in one cell; a roster import splits them there again.
PHONES_JOINED = "; "


class Kind(StrEnum):
    """How a column's values are written: as text, a number, a moment or yes/no."""

    TEXT = "text"
    NUMBER = "number"
    MOMENT = "moment"
    FLAG = "flag"


@dataclass(frozen=True)
class Column:
    #: The CSV header: stable, for scripts and for whoever reads the file next year.
    key: str
    #: The spreadsheet header, in the interface language, for people.
    title: str
    kind: Kind = Kind.TEXT
    #: Width in the spreadsheet, in characters (a Chinese character counts two).
    width: int = 10
    #: The vocabulary the values are from: a spreadsheet, for people, shows their names in the
    #: interface language (投诉, 已处理); CSV keeps the values, for scripts.
    names: type[StrEnum] | None = None


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: Iterator[tuple]


def _col(
    key: str,
    title: str,
    kind: Kind = Kind.TEXT,
    width: int = 10,
    names: type[StrEnum] | None = None,
) -> Column:
    return Column(key, title, kind, width, names)


def _stream(session: Session, statement: Select, phone_at: int) -> Iterator[tuple]:
    """The rows, with the numbers (one, or several joined by "; ") at ``phone_at`` masked."""
    for row in session.execute(statement.execution_options(yield_per=BATCH)):
        values = tuple(row)
        if values[phone_at]:
            masked = PHONES_JOINED.join(map(mask_stored, values[phone_at].split(PHONES_JOINED)))
            values = (*values[:phone_at], masked, *values[phone_at + 1 :])
        yield values


def _joined(session: Session, value, separator: str):
    """An aggregate joining ``value`` over rows: string_agg on PostgreSQL, group_concat on
    SQLite."""
    name = "string_agg" if session.get_bind().dialect.name == "postgresql" else "group_concat"
    return getattr(func, name)(value, literal_column(f"'{separator}'"))


def _between(statement: Select, moment, since: datetime | None, until: datetime | None) -> Select:
    if since is not None:
        statement = statement.where(moment >= since)
    if until is not None:
        statement = statement.where(moment < until)
    return statement


def matters(*, session: Session, since: datetime | None, until: datetime | None) -> Table:
    """Every matter received in [since, until), oldest first."""
    columns = [
        _col("id", _("No."), Kind.NUMBER, 7),
        _col("received_at", _("received"), Kind.MOMENT, 23),
        _col("kind", _("kind"), width=11, names=MatterKind),
        _col("class", _("class"), width=10, names=ComplaintClass),
        _col("status", _("status"), width=9, names=MatterStatus),
        _col("resident", _("resident or caller"), width=17),
        _col("unit", _("unit"), width=11),
        _col("phone", _("phone (masked)"), width=16),
        _col("summary", _("summary"), width=26),
        _col("content", _("content"), width=40),
        _col("department", _("department"), width=12),
        _col("place", _("place"), width=14),
        _col("complained_party", _("complained about"), width=14),
        _col("emotion", _("emotion"), width=9, names=Emotion),
        _col("need", _("need"), width=12, names=Need),
        _col("repair_category", _("repair category"), width=10, names=RepairCategory),
        _col("next_milestone", _("next milestone"), width=10, names=Milestone),
        _col("next_due", _("next due"), Kind.MOMENT, 23),
        _col("call_id", _("call No."), Kind.NUMBER, 8),
        _col("operator", _("taken by"), width=10),
    ]
    who = func.coalesce(Resident.name, Matter.contact_name)
    statement = (
        select_columns(
            Matter.id, Matter.received_at, Matter.kind, Matter.complaint_class, Matter.status,
            who, Matter.unit_label, Matter.contact_phone, Matter.summary, Matter.content,
            Matter.department, Matter.place, Matter.complained_party, Matter.emotion,
            Matter.need, Matter.repair_category, Matter.next_milestone, Matter.next_due,
            Matter.call_id, Operator.name,
        )
        .outerjoin(Resident, col(Resident.id) == Matter.resident_id)
        .join(Operator, col(Operator.id) == Matter.operator_id)
        .order_by(col(Matter.received_at), col(Matter.id))
    )  # fmt: skip
    statement = _between(statement, Matter.received_at, since, until)
    return Table(_("matters"), columns, _stream(session, statement, phone_at=7))


def follow_ups(*, session: Session, since: datetime | None, until: datetime | None) -> Table:
    """Every follow-up call due in [since, until), by due time, with its tries and the verdict
    of the last one."""
    columns = [
        _col("id", _("No."), Kind.NUMBER, 7),
        _col("matter_id", _("matter No."), Kind.NUMBER, 9),
        _col("reason", _("reason"), width=16, names=FollowUpReason),
        _col("status", _("status"), width=9, names=FollowUpStatus),
        _col("resident", _("resident"), width=12),
        _col("unit", _("unit"), width=11),
        _col("phone", _("phone (masked)"), width=16),
        _col("created_at", _("owed since"), Kind.MOMENT, 23),
        _col("due", _("due"), Kind.MOMENT, 23),
        _col("done_at", _("done"), Kind.MOMENT, 23),
        _col("attempts", _("tries"), Kind.NUMBER, 6),
        _col("verdict", _("last verdict"), width=11, names=Verdict),
        _col("evening_ok", _("evening calls"), Kind.FLAG, 8),
        _col("urgent", _("urgent"), Kind.FLAG, 7),
        _col("rule", _("rule"), width=40),
    ]
    attempts = (
        select(func.count())
        .where(FollowUpAttempt.follow_up_id == FollowUp.id)
        .correlate(FollowUp)
        .scalar_subquery()
    )
    verdict = (
        select(FollowUpAttempt.verdict)
        .where(FollowUpAttempt.follow_up_id == FollowUp.id)
        .order_by(col(FollowUpAttempt.at).desc(), col(FollowUpAttempt.id).desc())
        .limit(1)
        .correlate(FollowUp)
        .scalar_subquery()
    )
    statement = (
        select_columns(
            FollowUp.id, FollowUp.matter_id, FollowUp.reason, FollowUp.status,
            func.coalesce(Resident.name, Matter.contact_name), Matter.unit_label, FollowUp.phone,
            FollowUp.created_at, FollowUp.due, FollowUp.done_at, attempts, verdict,
            FollowUp.evening_ok, FollowUp.urgent, FollowUp.rule, FollowUp.worked_out,
        )
        # A missed call has no matter: it is listed with its number alone.
        .outerjoin(Matter, col(Matter.id) == FollowUp.matter_id)
        .outerjoin(Resident, col(Resident.id) == Matter.resident_id)
        .order_by(col(FollowUp.due), col(FollowUp.id))
    )  # fmt: skip
    statement = _between(statement, FollowUp.due, since, until)
    return Table(_("follow-ups"), columns, _rules_said(_stream(session, statement, phone_at=6)))


def _rules_said(rows: Iterator[tuple]) -> Iterator[tuple]:
    """Each row's rule, from the worked-out data it ends with, in the exporter's language."""
    for *values, rule, worked_out in rows:
        yield (*values, say(stored_steps(worked_out, rule or "", "")[0]))


def register(*, session: Session, since: datetime | None, until: datetime | None) -> Table:
    """The reception register: every call, visit, letter and comment-book entry answered in
    [since, until), oldest first, with the kinds of the matters it raised."""
    columns = [
        _col("id", _("No."), Kind.NUMBER, 7),
        _col("answered_at", _("answered"), Kind.MOMENT, 23),
        _col("channel", _("channel"), width=12, names=Channel),
        _col("rings", _("rings"), Kind.NUMBER, 6),
        _col("operator", _("taken by"), width=10),
        _col("caller", _("caller"), width=12),
        _col("unit", _("unit"), width=11),
        _col("phone", _("phone (masked)"), width=16),
        _col("resident_id", _("resident No."), Kind.NUMBER, 9),
        _col("matters", _("matters"), Kind.NUMBER, 8),
        _col("kinds", _("kinds of matter"), width=20, names=MatterKind),
        _col("notes", _("notes"), width=40),
    ]
    raised = select(func.count()).where(Matter.call_id == Call.id).correlate(Call).scalar_subquery()
    kinds = (
        select(_joined(session, Matter.kind, ", "))
        .where(Matter.call_id == Call.id)
        .correlate(Call)
        .scalar_subquery()
    )
    caller = func.coalesce(func.nullif(Call.caller_name, ""), Resident.name, "")
    statement = (
        select_columns(
            Call.id, Call.answered_at, Call.channel, Call.rings, Operator.name, caller,
            Call.caller_unit, Call.caller_phone, Call.resident_id, raised, kinds, Call.notes,
        )
        .join(Operator, col(Operator.id) == Call.operator_id)
        .outerjoin(Resident, col(Resident.id) == Call.resident_id)
        .order_by(col(Call.answered_at), col(Call.id))
    )  # fmt: skip
    statement = _between(statement, Call.answered_at, since, until)
    return Table(_("reception register"), columns, _stream(session, statement, phone_at=7))


def residents(*, session: Session, since: datetime | None, until: datetime | None) -> Table:
    """Every resident card as a roster, a row for each of their units, by unit: the columns
    are headers a roster import knows, so the file can be edited and imported back (numbers
    masked: a masked number stands for the one on file). Cards with no unit (a contractor, a
    neighbour from outside) are left out: a roster lists the units, and their rows could not
    be imported back. ``since`` and ``until`` are not used: a roster is everyone on file now."""
    columns = [
        _col("unit", _("unit"), width=11),
        _col("name", _("name"), width=12),
        _col("phone", _("phones (masked)"), width=30),
        _col("role", _("role"), width=8),
        _col("title", _("title"), width=7),
        _col("occupation", _("occupation"), width=14),
        _col("interests", _("interests"), width=14),
        _col("notes", _("notes"), width=40),
    ]
    number = ResidentPhone.national + case(
        (col(ResidentPhone.extension) != "", EXTENSION_MARK + ResidentPhone.extension), else_=""
    )
    phones = (
        select(_joined(session, number, PHONES_JOINED))
        .where(ResidentPhone.resident_id == Resident.id)
        .correlate(Resident)
        .scalar_subquery()
    )
    statement = (
        select_columns(
            Unit.label, Resident.name, phones, ResidentUnit.role, Resident.title,
            Resident.occupation, Resident.interests, Resident.notes,
        )
        .join(ResidentUnit, col(ResidentUnit.resident_id) == Resident.id)
        .join(Unit, col(Unit.id) == ResidentUnit.unit_id)
        # Building 3 before building 12: by length, then text (a room can have a letter).
        .order_by(
            func.length(Unit.building), col(Unit.building), col(Unit.entrance),
            func.length(Unit.room), col(Unit.room), col(Resident.id),
        )
    )  # fmt: skip
    return Table(_("residents"), columns, _stream(session, statement, phone_at=2))


TABLES = {
    "matters": matters,
    "followups": follow_ups,
    "register": register,
    "residents": residents,
}
