"""The advisory "being handled by X at counter Y": shown to the others, never a lock; and the
cheap check that tells a counter something was saved elsewhere."""

from dataclasses import replace

from frontdesk.services.intake.filing import file_call
from frontdesk.services.matters.detail import matter_detail
from frontdesk.services.matters.handling import add_note
from frontdesk.services.staff.presence import MATTER, change_token, leave_all, look_at, others_on
from frontdesk.wording import say
from tests.services.drafts import call, complaint, enquiry


def two_matters(session, desk, staff):
    draft = call(complaint(), enquiry(answered=False))
    return file_call(
        session=session, desk=desk, operator_id=staff.receptionist.id, draft=draft
    ).matter_ids


def test_the_others_see_who_is_on_a_matter_and_at_which_counter(session, desk, staff, clock):
    first, _ = two_matters(session, desk, staff)
    lobby = replace(desk, counter="lobby")
    look_at(
        session=session,
        desk=lobby,
        operator_id=staff.supervisor.id,
        subject=MATTER,
        subject_id=first,
    )
    seen = look_at(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        subject=MATTER,
        subject_id=first,
    )
    assert [str(p) for p in seen] == ["王主管 at lobby since 14:40"]


def test_turning_to_another_matter_moves_the_mark(session, desk, staff):
    first, second = two_matters(session, desk, staff)
    for matter_id in (first, second):
        look_at(
            session=session,
            desk=desk,
            operator_id=staff.supervisor.id,
            subject=MATTER,
            subject_id=matter_id,
        )
    found = others_on(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        subject=MATTER,
        ids=[first, second],
    )
    assert list(found) == [second]


def test_a_mark_is_advice_only_nothing_is_refused(session, desk, staff):
    first, _ = two_matters(session, desk, staff)
    look_at(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        subject=MATTER,
        subject_id=first,
    )
    add_note(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=first,
        text="业主再次来电",
    )
    history = detail_events(session, desk, first)
    assert "业主再次来电" in history


def test_signing_out_drops_the_marks(session, desk, staff):
    first, _ = two_matters(session, desk, staff)
    look_at(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        subject=MATTER,
        subject_id=first,
    )
    leave_all(session=session, desk=desk, operator_id=staff.supervisor.id)
    assert not others_on(session=session, desk=desk, operator_id=None, subject=MATTER, ids=[first])


def test_the_change_check_moves_with_every_save_and_every_mark(session, desk, staff):
    first, _ = two_matters(session, desk, staff)
    before = change_token(session=session, desk=desk)
    add_note(
        session=session,
        desk=desk,
        operator_id=staff.receptionist.id,
        matter_id=first,
        text="已转维修部",
    )
    after_save = change_token(session=session, desk=desk)
    look_at(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        subject=MATTER,
        subject_id=first,
    )
    after_mark = change_token(session=session, desk=desk)
    assert before != after_save != after_mark
    assert change_token(session=session, desk=desk) == after_mark  # reading changes nothing


def test_a_mark_left_by_a_killed_app_is_not_shown_after_a_shift(session, desk, staff, clock):
    first, _ = two_matters(session, desk, staff)
    look_at(
        session=session,
        desk=desk,
        operator_id=staff.supervisor.id,
        subject=MATTER,
        subject_id=first,
    )
    clock.advance(hours=9)
    assert not others_on(session=session, desk=desk, operator_id=None, subject=MATTER, ids=[first])


def detail_events(session, desk, matter_id):
    return [
        say(e.text) for e in matter_detail(session=session, desk=desk, matter_id=matter_id).events
    ]
