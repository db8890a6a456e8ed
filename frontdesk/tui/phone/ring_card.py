"""The card shown while the phone rings: who is calling (each resident on file under the number,
with units and open matters), how many times it has rung, and the key that picks up. It lies
over whatever view is open and takes no keys: typing goes on where it was."""

from rich.text import Text
from textual.widgets import Static

from frontdesk.domain.vocabulary.kinds import ComplaintClass, MatterKind, MatterStatus
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.i18n import _

#: Open matters listed for each resident; the card after pickup has them all.
MATTERS_LISTED = 3
#: The card's width with its border, as in its CSS.
WIDTH = 64


class RingCard(Static):
    """Over the view on screen, top right, where the card of the caller appears once picked up;
    never focused."""

    DEFAULT_CSS = """
    /* Over the view, not in its layout: nothing being typed moves when it rings. */
    RingCard {
        overlay: screen;
        position: absolute;
        width: 64;
        height: auto;
        max-height: 20;
        border: heavy $warning;
        background: $surface;
        padding: 0 1;
    }
    RingCard.late {
        border: heavy $error;
    }
    """

    can_focus = False

    def place(self, screen_width: int) -> None:
        """Top right, over the resident card's side: the script line to say stays in sight."""
        self.styles.offset = (max(screen_width - WIDTH - 1, 0), 1)

    def show(self, phone: str | None, caller, rings: int, *, late: bool, long: bool) -> None:
        """``caller``: what the lookup found (None while it runs); ``late``: past the rings the
        policy picks up within; ``long``: rung long enough for the greeting to apologise."""
        text = Text()
        number = caller.masked if caller is not None and caller.masked else _mask(phone)
        text.append(
            _("Ringing: {number}").format(number=number or _("number withheld")), style="bold"
        )
        text.append("  ·  ")
        text.append(_("ring {rings}").format(rings=rings), style="bold reverse" if long else "bold")
        if long:
            text.append("  " + _("greet with an apology"), style="bold")
        elif late:
            text.append("  " + _("pick up now"), style="bold")
        for line in _who(phone, caller):
            text.append("\n" + line)
        text.append("\n")
        text.append(_("F2 picks up"), style="reverse")
        self.set_class(late, "late")
        self.set_class(long, "long")
        self.update(text)


def _mask(phone: str | None) -> str:
    if phone is None:
        return ""
    from frontdesk.domain.people.phones import mask_phone

    return mask_phone(phone)


def _who(phone: str | None, caller) -> list[str]:
    if phone is None:
        return [_("The caller withheld their number: ask who is calling.")]
    if caller is None:
        return [_("Looking up the number…")]
    if not caller.residents:
        return [_("Not on file: ask who is calling.")]
    lines: list[str] = []
    if len(caller.residents) > 1:
        lines.append(_("{count} residents share this number:").format(count=len(caller.residents)))
    for known in caller.residents:
        units = ", ".join(known.units) or _("no unit on file")
        lines.append(f"{known.address} · {known.name} · {units}")
        matters = known.open_matters
        if not matters:
            lines.append("  " + _("no open matters"))
        for matter in matters[:MATTERS_LISTED]:
            # Named in the interface's language, as the resident card names them.
            kind = named_of(MatterKind, matter.kind)
            if matter.complaint_class:
                kind += f" ({named_of(ComplaintClass, matter.complaint_class)})"
            status = named_of(MatterStatus, matter.status)
            lines.append(f"  #{matter.id} {kind} {status}: {matter.summary}")
        if len(matters) > MATTERS_LISTED:
            more = len(matters) - MATTERS_LISTED
            lines.append("  " + _("and {count} more open").format(count=more))
    return lines
