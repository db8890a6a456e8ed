"""Find a resident and read their card: who they are, how to talk with them, and the history of
their calls, matters and follow-ups (DOMAIN.md §5). From here the card is edited and a call
is started for the resident."""

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import get_current_worker

from frontdesk.i18n import _
from frontdesk.services.counter import Counter
from frontdesk.services.kernel.permissions import Action
from frontdesk.services.residents.card import ResidentCard
from frontdesk.services.residents.search import SEARCH_LIMIT, ResidentHit
from frontdesk.tui.failures import ReportsWorkerFailures
from frontdesk.tui.messages import DatabaseChanged
from frontdesk.tui.open_counter import counter_of
from frontdesk.tui.revealing import RevealsNumbers, reveal_binding
from frontdesk.tui.screens.residents.edit import EditResidentScreen
from frontdesk.tui.views import TakesCalls
from frontdesk.tui.widgets.fields import LineInput
from frontdesk.tui.widgets.footer import CounterFooter
from frontdesk.tui.widgets.refusal import RefusalLine
from frontdesk.tui.widgets.resident_card import ResidentCardView

SEARCH_HINT = _(
    "Type a name, pinyin initials (zw), full pinyin (zhangwei), a unit (3-2-1201) "
    "or any digits of a phone number."
)


class ResultsTable(DataTable):
    """The matches; Up on the first row goes back to the search field."""

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.screen.query_one("#resident-search", Input).focus()
            return
        super().action_cursor_up()


class ResidentsScreen(ReportsWorkerFailures, RevealsNumbers, Screen):
    """Search by name, pinyin initials, full pinyin, unit or any part of a phone number; pick
    from every match to read the card with its history; edit the card or start a call. A
    supervisor or the manager can show the card's full numbers for half a minute (F6); the
    reveal is recorded."""

    BINDINGS = [
        Binding(
            "ctrl+l",
            "focus_search",
            _("Search"),
            id="residents.search",
            tooltip=_("Back to the search field"),
        ),
        Binding(
            # Priority: the search field would otherwise take Ctrl+E as "end of line".
            "ctrl+e",
            "edit",
            _("Edit card"),
            id="residents.edit",
            tooltip=_("Phones, role, temperament, notes and evening-call consent"),
            priority=True,
        ),
        Binding(
            "ctrl+n",
            "start_call",
            _("Start call"),
            id="residents.call",
            tooltip=_("Start a call for this resident in the Call view"),
        ),
        reveal_binding(
            "residents", _("Show the card's full numbers for 30 s (supervisor, manager; recorded)")
        ),
        Binding(
            "down,up",
            "into_results",
            _("Results"),
            id="residents.results",
            tooltip=_("From the search field into the matches"),
            show=False,
        ),
        # Heard when F6 does nothing here: the line under the card says why.
        Binding("f6", "refused_reveal", "", show=False, id="residents.reveal_refused"),
    ]

    picked: reactive[int | None] = reactive(None, bindings=True)
    """The resident whose card is shown; editing and calling need one."""

    def __init__(self) -> None:
        super().__init__()
        self.card: ResidentCard | None = None
        self.hits: list[ResidentHit] = []
        # A resident asked for by id (show_resident, after an edit) whose row the next
        # results put the cursor on; show_resident also searches for their name.
        self._want: int | None = None
        self._search_name = False
        # The card asked for last: the one the card worker will show.
        self._showing: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield LineInput(
            placeholder=_("name · zw · zhangwei · 3-2-1201 · 5678"), id="resident-search"
        )
        yield Static(SEARCH_HINT, id="residents-status", classes="hint")
        with Horizontal(id="residents-body"):
            with Vertical(id="residents-results", classes="pane"):
                yield ResultsTable(id="resident-results", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="resident-card-scroll", classes="pane"):
                yield ResidentCardView(id="resident-card")
                yield RefusalLine(id="residents-refusal")
        yield CounterFooter()

    def on_mount(self) -> None:
        search = self.query_one("#resident-search", Input)
        table = self.query_one(ResultsTable)
        table.add_column(_("Name"), key="name")
        table.add_column(_("Units"), key="units")
        table.add_column(_("Phone"), key="phone")
        search.focus()
        if self._want is not None:
            self.load_card(self._want)

    @property
    def counter(self) -> Counter:
        return counter_of(self)

    # What can be done now
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "start_call"):
            return True if self.picked is not None else None
        if action == "reveal":
            # Not even shown to a receptionist (the service refuses them on its own anyway).
            if not self.counter.may(Action.REVEAL_ANY_PHONE):
                return False
            return True if self.picked is not None else None
        if action == "into_results":
            # Only from the search field, and only when there is somewhere to go.
            return isinstance(self.focused, Input) and self.hits != []
        return True

    # Used by other views
    def show_resident(self, resident_id: int) -> None:
        """Show this resident's card, with every resident of the same name to pick from."""
        self._want, self._search_name = resident_id, True
        if self.is_mounted:
            self.load_card(resident_id)

    # Searching
    @on(Input.Changed, "#resident-search")
    def search_changed(self, event: Input.Changed) -> None:
        self.find(event.value)

    @work(thread=True, exclusive=True, group="resident-search", exit_on_error=False)
    def find(self, text: str) -> None:
        hits = self.counter.search(text) if text.strip() else []
        # An exclusive thread worker is cancelled, not stopped: drop what it found late.
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_hits, text, hits)

    def show_hits(self, text: str, hits: list[ResidentHit]) -> None:
        self.hits = hits
        table = self.query_one(ResultsTable)
        table.clear()
        for hit in hits:
            table.add_row(hit.name, hit.units or "—", hit.phone or "—", key=str(hit.id))
        # Plain text: what was typed may hold brackets that markup would read as tags.
        self.query_one("#residents-status", Static).update(Text(self._status(text, hits)))
        want = self._want
        if not self._search_name:
            # Results of an earlier search must not use up the wish before the name is searched.
            self._want = None
        self.refresh_bindings()
        if (want is not None and self._cursor_to(want)) or self._search_name:
            return
        if hits:
            table.move_cursor(row=0)
        elif want is None:
            self._showing, self.picked, self.card = None, None, None
            self.query_one(ResidentCardView).show(None)

    def _status(self, text: str, hits: list[ResidentHit]) -> str:
        if not text.strip():
            return SEARCH_HINT
        if not hits:
            return _("Nobody matches '{text}'. Callers who are not residents are fine.").format(
                text=text.strip()
            )
        if len(hits) >= SEARCH_LIMIT:
            return _("The first {n} matches: type more to narrow them.").format(n=len(hits))
        if len(hits) == 1:
            return _("1 match.")
        return _("{n} matches: pick one with ↑↓.").format(n=len(hits))

    def _cursor_to(self, resident_id: int) -> bool:
        table = self.query_one(ResultsTable)
        try:
            row = table.get_row_index(str(resident_id))
        except RowDoesNotExist:
            return False
        table.move_cursor(row=row)
        return True

    # Showing a card
    @on(DataTable.RowHighlighted, "#resident-results")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # None when the highlight was posted for a table emptied since (typing fast).
        self._show_row(event.row_key.value if event.row_key is not None else None)

    @on(DataTable.RowSelected, "#resident-results")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        self._show_row(event.row_key.value if event.row_key is not None else None, again=True)

    def _show_row(self, key: str | None, *, again: bool = False) -> None:
        # Highlights posted before the table was refilled name rows that are gone; and while
        # a card asked for by id is on its way, the cursor is not the user's choice.
        if key is None or self._search_name or not any(str(h.id) == key for h in self.hits):
            return
        resident_id = int(key)
        if again or self._showing != resident_id:
            self.load_card(resident_id)

    def on_database_changed(self, _message: DatabaseChanged) -> None:
        """Another counter saved something: show the card as it is now."""
        if self._showing is not None:
            self.load_card(self._showing)

    def on_screen_resume(self) -> None:
        """Back from another view or a form: the card as it is now."""
        self.on_database_changed(DatabaseChanged())

    def load_card(self, resident_id: int) -> None:
        self._showing = resident_id
        self._fetch_card(resident_id)

    @work(thread=True, exclusive=True, group="resident-card", exit_on_error=False)
    def _fetch_card(self, resident_id: int) -> None:
        card = self.counter.card(resident_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_card, card)

    def show_card(self, card: ResidentCard) -> None:
        same = self.card is not None and self.card.id == card.id
        self.card = card
        self.picked = card.id
        self.query_one(ResidentCardView).show(card, history=True)
        if not same:  # the same card read again keeps its place: someone may be reading it
            self.query_one("#resident-card-scroll", VerticalScroll).scroll_home(animate=False)
            self.query_one(RefusalLine).clear()  # it was about another card
        if self._search_name and self._want == card.id:
            # Asked for by id: list everyone of that name, with the cursor on this one.
            self._search_name = False
            search = self.query_one("#resident-search", Input)
            if search.value != card.name:
                search.value = card.name  # searches again, and the results take the cursor
            elif self._cursor_to(card.id):
                self._want = None

    # Keys
    def action_focus_search(self) -> None:
        self.query_one("#resident-search", Input).focus()

    def action_into_results(self) -> None:
        self.query_one(ResultsTable).focus()

    @on(Input.Submitted, "#resident-search")
    def search_submitted(self) -> None:
        if self.hits:
            self.query_one(ResultsTable).focus()

    def action_edit(self) -> None:
        if self.picked is None:
            return
        resident_id = self.picked

        def edited(saved: bool | None) -> None:
            if not saved:
                return
            self.notify(_("Card saved."), timeout=3)
            # Search again so the masked phone in the list is the new one too.
            self._want = resident_id
            self.load_card(resident_id)
            self.find(self.query_one("#resident-search", Input).value)

        self.app.push_screen(EditResidentScreen(resident_id), edited)

    async def action_start_call(self) -> None:
        if self.picked is None:
            return
        resident_id = self.picked
        await self.app.switch_mode("call")
        # The view itself, under any dialog left open over it (the help).
        view = self.app.screen_stack[0]
        if not isinstance(view, TakesCalls):
            self.app.notify(_("The Call view cannot start a call for a resident yet."))
            return
        await view.start_for(resident_id)

    def action_refused_reveal(self) -> None:
        if not self.counter.may(Action.REVEAL_ANY_PHONE):
            why = _(
                "A receptionist does not see a card's full number: the caller is confirmed by "
                "its last four digits, and a call is filed with the number on file. A "
                "supervisor can show it."
            )
        else:
            why = _("No card is shown: find a resident first.")
        self.query_one(RefusalLine).say(why)

    def action_reveal(self) -> None:
        if self.picked is not None:
            self.reveal_for(self.picked, resident_id=self.picked)

    def show_revealed(self) -> None:
        card = self.card.id if self.card else None
        shown = self.revealed_for(card)
        self.query_one(ResidentCardView).reveal(shown.numbers if shown else None)
