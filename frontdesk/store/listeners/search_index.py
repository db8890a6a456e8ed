"""The resident search index: one row a term a resident is found by (``domain.search_terms``),
looked up by prefix in an ordered index, which answers one- and two-character Chinese queries
that a trigram index cannot.

The store keeps it: at every flush that adds, changes or removes a resident's name, phone or
unit, the terms of that resident are written again in the same transaction, so no use case
can forget them and a rolled-back change takes its terms with it. ``rebuild`` writes them all
(the migration that made the table, a bulk load).

On SQLite the table is its own index (WITHOUT ROWID, keyed by kind, term, resident); on
PostgreSQL the same key is a B-tree whose terms compare byte by byte (collation "C"), so a
prefix is one range of it in both.
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from itertools import islice
from typing import ClassVar

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    delete,
    event,
    insert,
    inspect,
    select,
)
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, SQLModel, col

from frontdesk.domain.people.search_terms import Form, Term, resident_terms
from frontdesk.store.queries import id_of, key
from frontdesk.store.tables.people import Resident, ResidentPhone, ResidentUnit, Unit

# Above every character: "张" <= term < "张" + HIGHEST is every term that begins with 张.
HIGHEST = "\U0010ffff"
# Residents written again per statement when the whole index is rebuilt.
REBUILD_BATCH = 2000


class SearchTerm(SQLModel, table=True):
    """A resident is found by ``term`` (a name, pinyin, initials, unit, number or an ending of
    one); ``weight`` ranks the kinds of term (see ``domain.search_terms.WEIGHTS``)."""

    __tablename__: ClassVar[str] = "search_term"
    __table_args__ = (
        Index("ix_search_term_resident_id", "resident_id"),
        {"sqlite_with_rowid": False},
    )
    kind: str = Field(sa_column=Column(String(12), primary_key=True))
    term: str = Field(
        sa_column=Column(
            String().with_variant(String(collation="C"), "postgresql"), primary_key=True
        )
    )
    resident_id: int = Field(
        sa_column=Column(Integer, ForeignKey("resident.id", ondelete="CASCADE"), primary_key=True)
    )
    weight: int = Field(sa_column=Column(Integer, nullable=False))


_terms = SQLModel.metadata.tables[SearchTerm.__tablename__]


def reindex(connection: Connection, resident_ids: Iterable[int]) -> None:
    """Write again the terms of these residents from their rows as they are now."""
    ids = sorted(set(resident_ids))
    if not ids:
        return
    connection.execute(delete(_terms).where(_terms.c.resident_id.in_(ids)))
    rows = [
        {"kind": term.kind.value, "term": term.text, "resident_id": rid, "weight": term.weight}
        for rid, terms in _expected(connection, ids).items()
        for term in terms
    ]
    if rows:
        connection.execute(insert(_terms), rows)


def stale(connection: Connection) -> list[int]:
    """Residents whose terms in the index are not those their rows give (none, normally)."""
    found: list[int] = []
    ids = iter(
        connection.execute(select(key(Resident.id)).order_by(col(Resident.id))).scalars().all()
    )
    while batch := list(islice(ids, REBUILD_BATCH)):
        stored: dict[int, set[tuple[str, str, int]]] = defaultdict(set)
        for kind, term, resident_id, weight in connection.execute(
            select(_terms).where(_terms.c.resident_id.in_(batch))
        ):
            stored[resident_id].add((kind, term, weight))
        for rid, terms in _expected(connection, batch).items():
            if stored[rid] != {(t.kind.value, t.text, t.weight) for t in terms}:
                found.append(rid)
    orphans = select(_terms.c.resident_id).where(
        ~_terms.c.resident_id.in_(select(col(Resident.id)))
    )
    found += connection.execute(orphans.distinct()).scalars().all()
    return sorted(found)


def _expected(connection: Connection, ids: list[int]) -> dict[int, set[Term]]:
    """The terms of these residents as their rows give them."""
    names = dict(
        connection.execute(
            select(key(Resident.id), col(Resident.name)).where(col(Resident.id).in_(ids))
        ).all()
    )
    phones: dict[int, list[str]] = defaultdict(list)
    for resident_id, national in connection.execute(
        select(col(ResidentPhone.resident_id), col(ResidentPhone.national)).where(
            col(ResidentPhone.resident_id).in_(ids)
        )
    ):
        phones[resident_id].append(national)
    units: dict[int, list[str]] = defaultdict(list)
    for resident_id, label in connection.execute(
        select(col(ResidentUnit.resident_id), col(Unit.label))
        .join(Unit, col(Unit.id) == ResidentUnit.unit_id)
        .where(col(ResidentUnit.resident_id).in_(ids))
    ):
        units[resident_id].append(label)
    return {rid: resident_terms(name, phones[rid], units[rid]) for rid, name in names.items()}


def rebuild(connection: Connection) -> int:
    """Write the whole index again; the number of residents indexed."""
    connection.execute(delete(_terms))
    ids = iter(
        connection.execute(select(key(Resident.id)).order_by(col(Resident.id))).scalars().all()
    )
    count = 0
    while batch := list(islice(ids, REBUILD_BATCH)):
        reindex(connection, batch)
        count += len(batch)
    return count


def lookup(connection: Connection, forms: list[Form], limit: int) -> list[tuple]:
    """The best ``limit`` residents for ``forms``, best first: rows of id, name, their unit
    labels joined by ", " (or None) and their first phone number as stored (or None).

    Best first: by rank (the term's weight, and whether the text is the whole term), then by
    the term matched, then by resident. Each kind of term is read in the index's own order and
    only as far as needed (an exact term sorts first within its kind), so a search costs about
    the same whether it matches ten residents or ten thousand (张, zw)."""
    return _run(connection.connection.driver_connection, connection.dialect.name, forms, limit)


def lookup_in(engine: Engine, forms: list[Form], limit: int) -> list[tuple]:
    """``lookup`` on a pooled connection of its own, outside any transaction of SQLAlchemy's:
    one statement, which reads one consistent state of the database by itself (the pool rolls
    back what PostgreSQL opened for it when the connection goes back)."""
    if not forms:
        return []
    pooled = engine.raw_connection()
    try:
        return _run(pooled, engine.dialect.name, forms, limit)
    finally:
        pooled.close()


def _run(dbapi_connection, dialect: str, forms: list[Form], limit: int) -> list[tuple]:
    reads = [(form.text, kind.value) for form in forms for kind in form.kinds]
    if not reads:
        return []
    params: list = []
    for text, kind in reads:
        # A resident can match one kind more than once (two numbers ending 5678): read twice
        # as many terms as residents wanted, then keep each resident's best.
        params += [text, kind, text, text + HIGHEST, 2 * limit]
    params.append(limit)
    # The driver's own cursor: the query takes a quarter of a millisecond, and building it
    # through SQLAlchemy's expression language took ten times that (measured on 100,000
    # residents), the difference between keeping up with typing and lagging behind it.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(lookup_sql(dialect, len(reads)), params)
        return cursor.fetchall()
    finally:
        cursor.close()


@cache
def lookup_sql(dialect: str, reads: int) -> str:
    """The search statement for ``reads`` kinds of term read, in the dialect's placeholders."""
    read = (
        "SELECT * FROM (SELECT resident_id, weight * 2 + CASE WHEN term = ? THEN 0 ELSE 1 END"
        " AS rank, term FROM search_term WHERE kind = ? AND term >= ? AND term < ?"
        " ORDER BY term LIMIT ?) AS read{n}"
    )
    matched = " UNION ALL ".join(read.format(n=n) for n in range(reads))
    joined = "string_agg" if dialect == "postgresql" else "group_concat"
    sql = f"""
WITH matched (resident_id, rank, term) AS ({matched}),
hits AS (
  SELECT resident_id, min(rank) AS rank, min(term) AS first FROM matched
  GROUP BY resident_id ORDER BY 2, 3, 1 LIMIT ?)
SELECT r.id, r.name,
  (SELECT {joined}(u.label, ', ') FROM resident_unit ru JOIN unit u ON u.id = ru.unit_id
   WHERE ru.resident_id = r.id),
  (SELECT p.national FROM resident_phone p WHERE p.resident_id = r.id ORDER BY p.id LIMIT 1)
FROM hits JOIN resident r ON r.id = hits.resident_id
ORDER BY hits.rank, hits.first, hits.resident_id"""
    return sql.replace("?", "%s") if dialect == "postgresql" else sql


def _touched(session: OrmSession) -> set[int]:
    """Residents whose name, numbers or units this flush changed."""
    ids: set[int] = set()
    for row in (*session.new, *session.deleted):
        if isinstance(row, Resident):
            ids.add(id_of(row))
        elif isinstance(row, ResidentPhone | ResidentUnit):
            ids.add(row.resident_id)
    for row in session.dirty:
        if isinstance(row, Resident | ResidentPhone | ResidentUnit):
            ids.update(_moved_or_renamed(row))
    return ids


def _moved_or_renamed(row: Resident | ResidentPhone | ResidentUnit) -> set[int]:
    state = inspect(row)
    watched = {"name"} if isinstance(row, Resident) else {"national", "resident_id", "unit_id"}
    changed = [state.attrs[key].history for key in watched if key in state.attrs]
    if not any(history.has_changes() for history in changed):
        return set()
    if isinstance(row, Resident):
        return {id_of(row)}
    owners = state.attrs["resident_id"].history
    return {row.resident_id, *owners.deleted}


@event.listens_for(OrmSession, "after_flush")
def _reindex_flush(session: OrmSession, _flush_context) -> None:
    touched = _touched(session)
    if touched:
        reindex(session.connection(), touched)
