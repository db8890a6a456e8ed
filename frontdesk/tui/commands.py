"""The command palette (Ctrl+P): find any resident by any search term and open their card, or
go to one of the views (the audit log only for the office manager)."""

import asyncio
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from frontdesk.i18n import _
from frontdesk.services.kernel.permissions import Action
from frontdesk.tui.open_counter import counter_of

# The views as the palette offers them: mode, name, what it is for.
VIEWS = (
    ("call", _("Call view"), _("Phone intake: the call script and the matters raised")),
    ("residents", _("Residents view"), _("Find a resident and read their card")),
    ("queue", _("Queue view"), _("Open matters by deadline")),
    ("followups", _("Follow-ups view"), _("Follow-up calls owed")),
)
# Offered only to whom the service lets read it.
AUDIT_VIEW = ("audit", _("Audit log"), _("Who did what, where and when (office manager)"))


class ResidentCommands(Provider):
    """Residents by name, pinyin initials, full pinyin, unit or phone digits; and the views."""

    @property
    def signed_in(self) -> bool:
        counter = getattr(self.app, "counter", None)
        return counter is not None and counter.operator is not None

    @property
    def views(self) -> tuple[tuple[str, str, str], ...]:
        if counter_of(self).may(Action.READ_AUDIT):
            return (*VIEWS, AUDIT_VIEW)
        return VIEWS

    async def discover(self) -> Hits:
        if not self.signed_in:
            return
        for mode, name, help_text in self.views:
            yield DiscoveryHit(name, partial(self.open_view, mode), help=help_text)

    async def search(self, query: str) -> Hits:
        # Nobody signed in: residents' names and numbers are not for the sign-in screen.
        if not self.signed_in:
            return
        matcher = self.matcher(query)
        for mode, name, help_text in self.views:
            if (score := matcher.match(name)) > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.open_view, mode),
                    name,
                    help=help_text,
                )
        found = await asyncio.to_thread(counter_of(self).search, query)
        for rank, hit in enumerate(found):
            text = " · ".join(part for part in (hit.name, hit.units, hit.phone) if part)
            yield Hit(
                # The search already ranks its matches; keep its order, below exact view names.
                0.9 - rank / (10 * (len(found) + 1)),
                Content(text),  # plain: a name is never markup
                partial(self.open_resident, hit.id),
                text,
                help=_("Open this resident's card"),
            )

    async def open_view(self, mode: str) -> None:
        await self.app.run_action(f"view({mode!r})")

    async def open_resident(self, resident_id: int) -> None:
        await self.app.switch_mode("residents")
        # The view itself, under any dialog left open over it.
        show = getattr(self.app.screen_stack[0], "show_resident", None)
        if show is not None:
            show(resident_id)


#: The app's palette: Textual's system commands and the counter's own.
COMMANDS = App.COMMANDS | {ResidentCommands}
