"""What must hold of the database whatever was typed: the rows the counter relies on agree with
each other, and no stored text carries a control character or an escape sequence."""

import unicodedata

from sqlalchemy import text
from sqlmodel import SQLModel, select

from frontdesk.domain.vocabulary.kinds import MatterKind, MatterStatus
from frontdesk.store.engine import new_session
from frontdesk.store.listeners.search_index import stale
from frontdesk.store.tables.register import FollowUp, Matter, MatterDeadline


def inconsistencies(engine) -> list[str]:
    """Everything wrong with the database, one line each; empty when all is well."""
    found: list[str] = []
    with new_session(engine) as session:
        connection = session.connection()
        if connection.dialect.name == "sqlite":  # PostgreSQL enforces its keys as it writes
            if connection.execute(text("PRAGMA integrity_check")).scalar() != "ok":
                found.append("SQLite integrity check failed")
            checks = connection.execute(text("PRAGMA foreign_key_check"))
            found += [f"foreign key: {row}" for row in checks]
        deadlines: dict[int, list[MatterDeadline]] = {}
        for row in session.exec(select(MatterDeadline)):
            deadlines.setdefault(row.matter_id, []).append(row)
        for matter in session.exec(select(Matter)):
            found += _matter_problems(matter, deadlines.get(matter.id, []))
        matters = {m.id for m in session.exec(select(Matter))}
        found += [
            f"follow-up {f.id} of missing matter {f.matter_id}"
            for f in session.exec(select(FollowUp))
            if f.matter_id not in matters
        ]
        found += _unclean_texts(connection)
        found += [f"resident {rid}: search terms out of date" for rid in stale(connection)]
    return found


def _matter_problems(matter: Matter, deadlines: list[MatterDeadline]) -> list[str]:
    problems = []
    running = sorted(
        (d for d in deadlines if d.met_at is None and d.superseded_at is None), key=lambda d: d.due
    )
    if matter.kind in (MatterKind.COMPLAINT, MatterKind.REPAIR) and not deadlines:
        problems.append(f"{matter.kind} {matter.id} has no deadline")
    if matter.kind == MatterKind.COMPLAINT and not matter.complaint_class:
        problems.append(f"complaint {matter.id} has no class")
    if matter.kind == MatterKind.ENQUIRY and matter.answered is False and not deadlines:
        problems.append(f"unanswered enquiry {matter.id} has no reply deadline")
    if matter.status == MatterStatus.OPEN:
        due = running[0].due if running else None
        if matter.next_due != due:
            problems.append(f"matter {matter.id}: next due {matter.next_due}, running {due}")
    if not matter.content.strip():
        problems.append(f"matter {matter.id} has no content")
    return problems


def _unclean_texts(connection) -> list[str]:
    problems = []
    for table in SQLModel.metadata.sorted_tables:
        columns = [c.name for c in table.columns if c.type.python_type is str]
        for column in columns:
            for (value,) in connection.execute(select(table.c[column])):
                if value and any(_invisible(ch) for ch in value):
                    problems.append(f"{table.name}.{column} holds {value[:40]!r}")
    return problems


def _invisible(ch: str) -> bool:
    return ch not in "\n\t\u200c\u200d" and unicodedata.category(ch) in ("Cc", "Cs")
