"""What one view asks of another, known by what it does rather than by its class: each view
stands alone (the import contracts), and the app switches to the view before asking."""

from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from frontdesk.services.intake.incoming import Caller


@runtime_checkable
class ShowsResidents(Protocol):
    """The Residents view."""

    def show_resident(self, resident_id: int) -> None: ...


@runtime_checkable
class TakesCalls(Protocol):
    """The Call view."""

    async def start_for(self, resident_id: int) -> None: ...

    async def answer(
        self, phone: str | None, caller: "Caller | None", rings: int, rang_at: datetime
    ) -> None: ...
