"""The resident card: who is calling, how to address them and talk with them, what is open."""

from textual.widgets import Static

from frontdesk.domain.call.script import CHINESE, hello
from frontdesk.domain.vocabulary.kinds import (
    Channel,
    ComplaintClass,
    FollowUpReason,
    FollowUpStatus,
    MatterKind,
    MatterStatus,
    Milestone,
)
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _
from frontdesk.services.residents.card import ResidentCard
from frontdesk.tui.markup import escape


def matter_line(m) -> str:
    due = (
        f" · {named_of(Milestone, m.next_milestone)} {m.next_due:%m-%d %H:%M}" if m.next_due else ""
    )
    cls = f" {named_of(ComplaintClass, m.complaint_class)}" if m.complaint_class else ""
    status = named_of(MatterStatus, m.status)
    kind = named_of(MatterKind, m.kind)
    return f"#{m.id} {kind}{cls} {escape(f'[{status}]')} {escape(m.summary)}{due}"


class ResidentCardView(Static):
    """Shows one resident card, or a hint when nobody is picked."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            _("No resident picked.\nUnknown callers are fine: record them as given."),
            classes="pane",
            **kwargs,
        )
        self.card: ResidentCard | None = None
        self.history = False
        #: Full numbers revealed on purpose for the card shown (services/residents/reveal.py),
        #: else None.
        self.revealed: list[str] | None = None

    def reveal(self, numbers: list[str] | None) -> None:
        """Show the card's full numbers (None: masked again)."""
        self.revealed = numbers
        self.show(self.card, history=self.history)

    def show(self, card: ResidentCard | None, *, history: bool = False) -> None:
        if card is None or self.card is None or card.id != self.card.id:
            self.revealed = None  # another resident: their numbers were not asked for
        self.card, self.history = card, history
        if card is None:
            self.update(_("No resident picked.\nUnknown callers are fine: record them as given."))
            return
        lines = [
            f"[b]{escape(card.name)}[/b]  →  "
            + escape(_("say {line}").format(line=f"「{hello(card.address, caller=self.caller)}」")),
            _("Units: {units}").format(units=escape(", ".join(card.units) or "—")),
            self._phones(card),
        ]
        for other in card.others:
            lines.append(
                "[b yellow]" + escape(_("Also being handled by {who}").format(who=other)) + "[/]"
            )
        if card.strategy:
            lines.append("[b]" + _("How to talk:") + f"[/b] {escape(card.strategy)}")
        if card.occupation or card.interests:
            lines.append(
                _("Occupation: {occupation} · Interests: {interests}").format(
                    occupation=escape(card.occupation or "—"),
                    interests=escape(card.interests or "—"),
                )
            )
        when = card.preferred_call_times or "—"
        evening = _("evening calls OK") if card.evening_calls_ok else _("no evening calls")
        lines.append(_("Call: {when} · {evening}").format(when=escape(when), evening=evening))
        if card.notes:
            lines.append(_("Notes: {notes}").format(notes=escape(card.notes)))
        lines.append("")
        lines.append(
            "[b]" + _("Open matters ({count})").format(count=len(card.open_matters)) + "[/b]"
        )
        lines += [matter_line(m) for m in card.open_matters] or ["—"]
        if history:
            lines.append("")
            lines.append("[b]" + _("Past matters") + "[/b]")
            lines += [matter_line(m) for m in card.past_matters] or ["—"]
            lines.append("")
            lines.append("[b]" + _("Calls") + "[/b]")
            lines += [
                f"{at:%Y-%m-%d %H:%M} {named_of(Channel, channel)} {escape(notes)}"
                for at, channel, notes in card.calls
            ] or ["—"]
            lines.append("")
            lines.append("[b]" + _("Follow-ups") + "[/b]")
            lines += [
                f"{due:%Y-%m-%d %H:%M} {named_of(FollowUpReason, reason)} "
                + escape(f"[{named_of(FollowUpStatus, status)}]")
                for due, reason, status in card.follow_ups
            ] or ["—"]
        self.update("\n".join(lines))

    @property
    def caller(self) -> str:
        """The language spoken to callers (the app's counter is there once signed in)."""
        counter = getattr(self.app, "counter", None)
        return counter.desk.caller_language if counter is not None else CHINESE

    def _phones(self, card: ResidentCard) -> str:
        if self.revealed is not None:
            shown = escape(", ".join(self.revealed))
            said = escape(_("(shown on purpose, recorded)"))
            return _("Phones: {numbers}").format(numbers=f"[b reverse]{shown}[/] [dim]{said}[/]")
        return _("Phones: {numbers}").format(numbers=escape(", ".join(card.phones_masked) or "—"))
