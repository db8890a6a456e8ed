"""The call being taken, apart from what its fields hold: who is calling, the matters recorded
so far, how far the script has come, and whether the caller has confirmed what was read back.
One value the Call view and its helpers share; a new call is a new one."""

from dataclasses import dataclass, field
from datetime import datetime

from frontdesk.domain.call.matters import CleanMatter
from frontdesk.domain.call.script import Step
from frontdesk.domain.vocabulary.kinds import Channel, MatterKind
from frontdesk.i18n import _
from frontdesk.services.intake.call import CallDraft, MatterDraft
from frontdesk.services.residents.card import ResidentCard


@dataclass
class CallState:
    #: The resident calling, once their card is shown; and the card.
    resident_id: int | None = None
    card: ResidentCard | None = None
    #: The matters kept with F7; the one in the form is not among them.
    recorded: list[MatterDraft] = field(default_factory=list)
    #: The caller's open matter of the form's kind, offered instead of a duplicate.
    offer: int | None = None
    #: The open matter this call is added to (Ctrl+O), and what the caller said this time.
    same_as: int | None = None
    same_as_text: str = ""
    channel: Channel = Channel.PHONE
    #: Marked with F6: the greeting apologises for the long ring.
    apologise: bool = False
    #: As counted by the phone system while it rang, and when it began; None for a call it
    #: did not announce.
    rings: int | None = None
    rang_at: datetime | None = None
    #: The number that rang (stored form; None: withheld or not announced): the caller's
    #: number, whichever of their numbers the card shows first.
    rang_from: str | None = None
    #: When the first key of the call was pressed: the call is received then.
    started: datetime | None = None
    step: Step = Step.GREET
    #: The kind whose form is being built: a draft saved meanwhile builds it again.
    opening: MatterKind | None = None
    #: The matters as the rules cleaned them at the last check, in the call's order.
    clean: list[CleanMatter | None] = field(default_factory=list)
    read_back_ok: bool = False
    confirmed: bool = False
    #: Between F10 and the filing's answer: a second F10 must not file the call twice.
    filing: bool = False
    #: Ctrl+N pressed once on a call being typed: pressed again, it throws the call away.
    discard_armed: bool = False

    def begin(self, now: datetime) -> None:
        """The first key of a call marks when it was received."""
        if self.started is None:
            self.started = now

    def edited(self) -> bool:
        """Anything edited must be read back again before the caller can confirm it; True
        when a read-back or confirmation was undone by it."""
        self.discard_armed = False
        undone = self.confirmed or self.read_back_ok
        self.confirmed = self.read_back_ok = False
        return undone

    def next_channel(self) -> Channel:
        order = list(Channel)
        self.channel = order[(order.index(self.channel) + 1) % len(order)]
        return self.channel

    def rings_to_file(self, apologise_from: int) -> int | None:
        """As counted while it rang; else a long ring marked with F6 is the policy's count."""
        if self.channel is not Channel.PHONE:
            return None
        if self.rings is not None:
            return self.rings
        return apologise_from if self.apologise else None

    def in_form(self, kind: MatterKind | None, values: dict[str, object]) -> MatterDraft | None:
        """The matter in the form (of ``kind``, None when no form is open), or this call's
        words for the open matter it is added to."""
        if kind is None:
            return None
        if self.same_as is not None:
            said = {"content": self.same_as_text} if self.same_as_text else {}
            return MatterDraft(kind, said, same_as=self.same_as, confirmed=self.confirmed)
        return MatterDraft(kind, values, confirmed=self.confirmed)

    def draft(
        self,
        caller: dict[str, str],
        current: MatterDraft | None,
        *,
        now: datetime,
        apologise_from: int,
    ) -> CallDraft:
        """The call as it would be filed now, every matter confirmed or not as the call is."""
        matters = [*self.recorded, *([current] if current else [])]
        for matter in matters:
            matter.confirmed = self.confirmed
        return CallDraft(
            channel=self.channel,
            caller_name=caller["name"],
            caller_phone=caller["phone"],
            caller_unit=caller["unit"],
            resident_id=self.resident_id,
            rings=self.rings_to_file(apologise_from),
            rang_at=self.rang_at if self.channel is Channel.PHONE else None,
            answered_at=self.started or now,
            matters=matters,
        )

    def why_not(self, action: str, *, form_open: bool) -> str:
        """What to do first, said when the key of an ``action`` that does nothing now is
        pressed (the footer greys it; a receptionist on the phone does not look there)."""
        has_matter = form_open or bool(self.recorded)
        kind_first = _("Choose the kind of matter first (its number or its name).")
        if action in ("another", "read_back") or not has_matter:
            return kind_first
        if action == "confirm" or not self.read_back_ok:
            return _("Read the call back first (F8); F9 once the caller agrees.")
        if self.filing:
            return _("The call is being filed.")
        return _("The caller has not confirmed the read-back: F9 once they agree.")

    def available(self, action: str, *, form_open: bool, caller_named: bool) -> bool:
        """Whether the key of ``action`` does anything now (greyed in the footer if not)."""
        has_matter = form_open or bool(self.recorded)
        return {
            "another": form_open,
            "same_matter": self.offer is not None and self.same_as is None,
            "create_resident": self.resident_id is None and caller_named,
            "read_back": has_matter,
            "confirm": has_matter and self.read_back_ok,
            "file": self.confirmed and not self.filing,
        }.get(action, True)
