"""What every use case is given: the estate's policy and the clock."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from frontdesk.domain.vocabulary.policy import Policy

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Desk:
    """The counter a use case runs at: its policy, and the clock (frozen in tests)."""

    policy: Policy
    clock: Clock = field(default=system_clock)
    #: Which counter this is ("lobby", "night desk"): shown to the others and kept in the log.
    counter: str = ""
    #: The language spoken to callers: the lines of the call script ("zh-Hans" or "en").
    caller_language: str = "zh-Hans"

    def now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None:
            raise ValueError("the clock must give aware moments")
        return moment
