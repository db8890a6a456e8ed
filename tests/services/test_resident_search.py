"""The resident search index on a real database: kept by every write that changes a name, a
number or a unit, rolled back with its transaction, and ranked exact unit or number first,
then names, then pieces of names, units and numbers."""

import pytest
from sqlalchemy import func, select

from frontdesk.services.residents.edit import edit_resident
from frontdesk.services.residents.search import (
    ResidentDraft,
    create_resident,
    find_residents,
    search_residents,
    search_residents_in,
)
from frontdesk.store.listeners.search_index import SearchTerm, rebuild, stale
from frontdesk.store.tables.people import Resident


def add(session, desk, name, phones=(), units=()):
    draft = ResidentDraft(name=name, phones=list(phones), units=[(u, "owner") for u in units])
    resident = create_resident(session=session, desk=desk, draft=draft)
    session.commit()
    return resident


def names(session, text, limit=50):
    return [hit.name for hit in search_residents(session=session, text=text, limit=limit)]


def terms(session) -> set:
    return set(session.connection().execute(select(SearchTerm.__table__)).all())


def test_names_rank_exact_then_beginning_then_inside(session, desk):
    for name in ("李张", "张伟明", "张伟", "弓长"):
        add(session, desk, name)
    assert names(session, "张伟") == ["张伟", "张伟明"]
    assert names(session, "张") == ["张伟", "张伟明", "李张"]
    assert names(session, "zw") == ["张伟", "张伟明"]
    assert names(session, "wei") == ["张伟", "张伟明"]  # the given name, as pinyin


def test_the_exact_unit_or_number_comes_before_names_and_pieces(session, desk):
    add(session, desk, "王一二零一", phones=["13912011201"])
    add(session, desk, "赵楼上", units=["3-2-1201"])
    add(session, desk, "钱隔壁", units=["3-2-1202"])
    add(session, desk, "孙号码", phones=["13800001201"])
    assert names(session, "3-2-1201") == ["赵楼上"]
    assert names(session, "3栋2单元") == ["赵楼上", "钱隔壁"]
    assert names(session, "13800001201") == ["孙号码"]
    # Any digit run of a number, and a room alone, all come back; none is exact.
    assert set(names(session, "1201")) == {"王一二零一", "赵楼上", "孙号码"}


def test_one_and_two_characters_are_enough(session, desk):
    add(session, desk, "欧阳娜娜", units=["12-301"])
    add(session, desk, "曾小明")
    assert names(session, "欧") == ["欧阳娜娜"]
    assert names(session, "娜") == ["欧阳娜娜"]
    assert names(session, "oy") == ["欧阳娜娜"]
    assert names(session, "zeng") == ["曾小明"]  # 曾 as a surname is zeng, not ceng
    assert names(session, "12") == ["欧阳娜娜"]  # building 12, by its unit


def test_many_matches_are_cut_to_the_limit_best_first(session, desk):
    for n in range(60):
        add(session, desk, "张" + "伟芳娜敏静强"[n % 6] + "一二三四五六七八九十"[n // 6])
    add(session, desk, "张")
    found = names(session, "张", limit=50)
    assert len(found) == 50 and found[0] == "张"


def test_changing_numbers_and_names_moves_their_terms(session, desk):
    resident = add(session, desk, "周一", phones=["13711112222"], units=["5-1-101"])
    assert names(session, "2222") == ["周一"]
    edit_resident(
        session=session,
        desk=desk,
        resident_id=resident.id,
        phones=["13733334444"],
        role=None,
        temperament=None,
        notes="",
        evening_calls_ok=False,
    )
    session.commit()
    assert names(session, "2222") == [] and names(session, "4444") == ["周一"]
    resident.name = "周二"
    session.add(resident)
    session.commit()
    assert names(session, "周一") == [] and names(session, "周二") == ["周二"]
    assert stale(session.connection()) == []


def test_a_rolled_back_card_leaves_no_terms(session, desk):
    add(session, desk, "吴先")
    before = terms(session)
    now = desk.now()
    session.add(
        Resident(
            name="吴后", name_pinyin="wuhou", name_initials="wh", created_at=now, updated_at=now
        )
    )
    session.flush()  # its terms are written here, in the same transaction
    assert names(session, "吴") == ["吴先", "吴后"]
    session.rollback()
    assert terms(session) == before and names(session, "吴") == ["吴先"]


def test_rebuilding_gives_the_terms_the_writes_kept(session, desk):
    add(session, desk, "冯甲", phones=["13600000001"], units=["1-1-101"])
    add(session, desk, "Anna Li", phones=["021-6212 3456 转 801"], units=["2-201"])
    kept = terms(session)
    assert rebuild(session.connection()) == 2
    assert terms(session) == kept
    count = session.connection().execute(select(func.count()).select_from(SearchTerm)).scalar()
    assert count == len(kept) > 20


def test_found_residents_come_back_as_cards_in_rank_order(session, desk):
    add(session, desk, "张伟明")
    add(session, desk, "张伟")
    assert [r.name for r in find_residents(session=session, text="张伟")] == ["张伟", "张伟明"]


@pytest.mark.parametrize("text", ["", "   ", "%", "_", "\x00", "张" * 400])
def test_text_that_cannot_match_finds_nothing_and_fails_nothing(session, desk, text):
    add(session, desk, "张伟")
    assert search_residents(session=session, text=text) == []


def test_the_screens_search_on_a_pooled_connection_finds_the_same(session, desk):
    add(session, desk, "张伟", phones=["13912345678"], units=["3-2-1201"])
    add(session, desk, "张伟明", units=["3-2-1202"])
    engine = session.get_bind()
    for text in ("张", "zw", "5678", "3-2-12", "%", ""):
        assert search_residents_in(engine=engine, text=text) == search_residents(
            session=session, text=text
        )
