"""Every use case is one transaction: committed whole when it returns, rolled back whole when it
raises, so a refused action leaves nothing half-written for a later commit to pick up."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from frontdesk.i18n import _
from frontdesk.services.kernel import concurrency
from frontdesk.services.kernel.concurrency import Seen
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.store.engine import begin_writing
from frontdesk.store.listeners import journal

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Calling:
    """What the transaction needs of a use case's call, read once from its keywords: the
    session it works in, the counter and operator it is made at and by (the audit log's
    stamp), and the version of the row the operator saw, if any."""

    session: Session
    desk: Desk | None
    operator_id: int | None
    seen: Seen | None

    @classmethod
    def of(cls, kwargs: dict[str, Any]) -> "Calling":
        session = kwargs.get("session")
        if not isinstance(session, Session):
            raise TypeError("a use case is called with session=, a Session")
        desk, operator_id = kwargs.get("desk"), kwargs.get("operator_id")
        seen = kwargs.pop("seen", None)
        return cls(
            session,
            desk if isinstance(desk, Desk) else None,
            operator_id if isinstance(operator_id, int) else None,
            seen if isinstance(seen, Seen) else None,
        )


def use_case(function: Callable[P, R]) -> Callable[P, R]:
    """Wrap a use case taking ``session=`` in a transaction of its own. ``seen=Seen(...)``
    refuses the use case if the row the operator was looking at has been saved by someone else
    since (see ``concurrency``). One use case run inside another's transaction is called
    through ``inside``."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        call = Calling.of(kwargs)
        session, desk = call.session, call.desk
        if desk is not None:
            # Every change this use case makes is logged as made by its operator, at its counter.
            journal.stamp(session, operator_id=call.operator_id, counter=desk.counter, now=desk.now)
        try:
            if session.in_transaction():
                # A transaction left open by reads before this use case would check the
                # versions against its old snapshot: end it, and start from the latest.
                session.commit()
            begin_writing(session)
            if call.seen is not None and desk is not None:
                concurrency.check(session, desk, call.seen)
            result = function(*args, **kwargs)
            session.commit()
            return result
        except StaleDataError as error:
            # Another counter saved the row between our read and our write.
            session.rollback()
            table = str(error).split("table '")[-1].split("'")[0]
            # Only the row the operator was looking at can be described; another table's
            # refusal says no more than that someone else saved.
            seen = call.seen
            row_id = seen.row_id if seen is not None and seen.table == table else None
            raise concurrency.stale(session, desk, table, row_id) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            if desk is not None:
                # Later flushes of this session are not this use case's: not logged as its.
                session.info.pop("journal", None)

    return run


def inside(wrapped: Callable[P, R]) -> Callable[P, R]:
    """The use case itself, to run inside the transaction of the one calling it: no commit of
    its own, and its changes logged as the caller's."""
    return getattr(wrapped, "__wrapped__", wrapped)


def aware(moment: object, what: str) -> datetime:
    """``moment`` if it is an aware datetime; a message for the user otherwise."""
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ServiceError(_("{what} needs a date and time with its time zone").format(what=what))
    return moment
