"""What the Call view says at the read-back and commit steps,
composed from the domain rules (nothing here touches the database)."""

from datetime import datetime

from frontdesk.domain.call.matters import CleanMatter
from frontdesk.domain.call.script import Line, called_again, commit, repeat_back
from frontdesk.domain.clock.written_dates import short_text
from frontdesk.domain.deadlines.filing import filing_deadlines
from frontdesk.domain.deadlines.rules import Deadline
from frontdesk.domain.vocabulary.kinds import MatterKind, Milestone
from frontdesk.domain.vocabulary.labels import named
from frontdesk.i18n import _
from frontdesk.services.intake.call import CallDraft
from frontdesk.services.kernel.context import Desk
from frontdesk.tui.markup import escape
from frontdesk.wording import said_steps, say


def read_back_line(draft: CallDraft, clean: list[CleanMatter | None], card, *, caller: str) -> Line:
    """The sentence to read back: every matter, the ones added to open matters by number."""
    parts = []
    for matter, checked in zip(draft.matters, clean, strict=True):
        if checked is not None:
            parts.append((checked.kind, checked.values))
            continue
        summary = next(
            (m.summary for m in (card.open_matters if card else []) if m.id == matter.same_as), ""
        )
        said = matter.fields.get("content", "")
        again = called_again(matter.same_as, summary, said, caller=caller)
        parts.append((MatterKind.OTHER, {"content": again}))
    return repeat_back(parts, caller=caller)


def commit_lines(
    desk: Desk, clean: list[CleanMatter | None], received: datetime, *, evening_ok: bool
) -> tuple[Line, str]:
    """The promise to say ("we will reply by …") and how each deadline was worked out."""
    told: list[Deadline] = []
    lines = []
    for checked in clean:
        if checked is None:
            continue
        deadlines = filing_deadlines(desk.policy, checked, received, evening_ok=evening_ok)
        for d in deadlines:
            lines.append(
                f"[b]{named(checked.kind)} {named(d.milestone)}[/b] "
                f"{short_text(d.due)} — {escape(say(d.rule))}\n"
                f"  [dim]{escape(said_steps(d.steps))}[/dim]"
            )
        # The caller hears the first time something reaches them: a reply, a visit, a call.
        spoken = [
            d
            for d in deadlines
            if d.milestone in (Milestone.REPLY, Milestone.VISIT, Milestone.CALLBACK)
        ]
        spoken = spoken or [d for d in deadlines if d.milestone is Milestone.RESOLVE]
        told += spoken[:1]
    first = min(told, key=lambda d: d.due).due if told else None
    return commit(first, caller=desk.caller_language), "\n".join(lines)


def offer_line(card, kind: MatterKind) -> tuple[int | None, str]:
    """The caller's open matter of this kind, and the offer to add the call to it."""
    matter = next((m for m in (card.open_matters if card else []) if m.kind == kind.value), None)
    if matter is None:
        return None, ""
    return matter.id, _(
        "Caller has open {kind} #{id} «{summary}»: Ctrl+O adds this call to it "
        "instead of filing a duplicate."
    ).format(kind=kind.value, id=matter.id, summary=escape(matter.summary))
