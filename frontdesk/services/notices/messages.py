"""What a notice says, as a department's group reads it on a phone: the event, the matter
(#id, kind and class, unit), what happened in one line, and the deadline with how far off it
is. In the language spoken at the estate, every phone number masked."""

from datetime import datetime, tzinfo

from sqlmodel import Session

from frontdesk import i18n
from frontdesk.domain.people.phones import mask_numbers_in
from frontdesk.domain.vocabulary.durations import span
from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, Milestone, NoticeEvent
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.store.tables.notices import Notice
from frontdesk.store.tables.register import Matter, MatterDeadline

#: What happened, cut to a line a phone's notification shows whole.
SUMMARY = 60


def notice_text(session: Session, desk: Desk, notice: Notice) -> str:
    matter = session.get(Matter, notice.matter_id) if notice.matter_id else None
    deadline = session.get(MatterDeadline, notice.deadline_id) if notice.deadline_id else None
    with i18n.speaking(desk.caller_language):
        return _text(notice, matter, deadline, desk.now(), desk.policy.timezone)


def _text(
    notice: Notice,
    matter: Matter | None,
    deadline: MatterDeadline | None,
    now: datetime,
    tz: tzinfo,
) -> str:
    heading = {
        NoticeEvent.OVERDUE.value: _("[Overdue]"),
        NoticeEvent.DUE_SOON.value: _("[Due within the hour]"),
    }.get(notice.event, f"[{notice.event}]")
    if matter is None:
        return heading
    what = [f"#{matter.id} {named_of(MatterKind, matter.kind)}"]
    if matter.complaint_class:
        what.append(named_of(ComplaintClass, matter.complaint_class))
    if matter.unit_label:
        what.append(matter.unit_label)
    if matter.department:
        what.append(matter.department)
    lines = [f"{heading} {' · '.join(what)}", _one_line(matter.summary)]
    if deadline is not None:
        due = deadline.due.astimezone(tz)
        late = deadline.due <= now
        lines.append(
            (
                _("{milestone} was due {due}, {by} late")
                if late
                else _("{milestone} due {due}, in {by}")
            ).format(
                milestone=named_of(Milestone, deadline.milestone),
                due=f"{due:%m-%d %H:%M}",
                by=span(now - deadline.due),
            )
        )
    return "\n".join(line for line in lines if line)


def _one_line(text: str) -> str:
    line = mask_numbers_in(" ".join(text.split()))
    return line if len(line) <= SUMMARY else line[: SUMMARY - 1] + "…"
