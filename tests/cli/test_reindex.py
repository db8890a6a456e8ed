"""``frontdesk check`` notices a search index out of step with the residents, and ``frontdesk
db reindex`` puts it right."""

from sqlalchemy import text

from frontdesk.services.residents.search import ResidentDraft, create_resident
from frontdesk.store.database import open_database
from frontdesk.store.engine import new_session
from tests.cli.test_backup import frontdesk


def test_check_finds_a_stale_index_and_reindex_mends_it(databases, desk):
    target = databases.new_target()
    engine = open_database(target)
    with new_session(engine) as session:
        draft = ResidentDraft(name="张伟", phones=["13912345678"], units=[("3-2-1201", "owner")])
        create_resident(session=session, desk=desk, draft=draft)
    with engine.begin() as connection:  # as a hand edit or a bulk load might leave it
        connection.execute(text("DELETE FROM search_term WHERE kind = 'initials'"))
    engine.dispose()

    checked = frontdesk("check", db=target)
    assert checked.returncode == 1
    assert "search terms out of date for resident 1: run `frontdesk db reindex`" in checked.stdout

    mended = frontdesk("db", "reindex", db=target)
    assert mended.returncode == 0, mended.stderr
    assert mended.stdout.strip().endswith("1 residents indexed")
    again = frontdesk("check", db=target)
    assert again.returncode == 0, again.stdout
    assert "every resident is found by their name, numbers and units" in again.stdout
