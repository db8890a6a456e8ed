"""The search reads the index, not the table, on both databases: each kind of term is one range
of the (kind, term) key, which SQLite and PostgreSQL (collation "C") both keep in order."""

import pytest
from sqlalchemy import text

from frontdesk.domain.people.search_terms import search_forms
from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.listeners.search_index import HIGHEST, lookup_sql


def plan(session, query: str) -> str:
    connection = session.connection()
    reads = [(form.text, kind.value) for form in search_forms(query) for kind in form.kinds]
    params: dict = {}
    sql = lookup_sql(connection.dialect.name, len(reads))
    mark = "?" if connection.dialect.name == "sqlite" else "%s"
    # Named parameters so one statement text serves both EXPLAINs.
    values = [v for term, kind in reads for v in (term, kind, term, term + HIGHEST, 100)] + [50]
    for n, value in enumerate(values):
        sql = sql.replace(mark, f":p{n}", 1)
        params[f"p{n}"] = value
    if connection.dialect.name == "sqlite":
        rows = connection.execute(text(f"EXPLAIN QUERY PLAN {sql}"), params).all()
        return "\n".join(row[-1] for row in rows)
    connection.execute(text("SET LOCAL enable_seqscan = off"))  # a few rows: force the choice
    return "\n".join(row[0] for row in connection.execute(text(f"EXPLAIN {sql}"), params))


@pytest.mark.parametrize("query", ["张", "zw", "5678", "3-2-12"])
def test_every_kind_of_term_is_read_as_a_range_of_the_index(session, desk, query):
    for name in ("张伟", "张伟明", "李张"):
        draft = ResidentDraft(name=name, phones=["13912345678"], units=[("3-2-1201", "owner")])
        create_resident(session=session, desk=desk, draft=draft)
    shown = plan(session, query)
    if session.connection().dialect.name == "sqlite":
        assert "SCAN search_term" not in shown
        assert "SEARCH search_term USING PRIMARY KEY (kind=? AND term>? AND term<?)" in shown
    else:
        assert "Seq Scan on search_term" not in shown
        assert "Index Scan using search_term_pkey on search_term" in shown or (
            "Index Only Scan using search_term_pkey" in shown
        )
