"""Every use case is one transaction: committed whole when it returns, rolled back whole when it
raises, so a refused action leaves nothing half-written for a later commit to pick up."""

import functools
from collections.abc import Callable
from datetime import datetime
from typing import ParamSpec, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from frontdesk.i18n import _
from frontdesk.services.kernel import concurrency
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.store.engine import begin_writing
from frontdesk.store.listeners import journal

P = ParamSpec("P")
R = TypeVar("R")


def use_case(function: Callable[P, R]) -> Callable[P, R]:
    """Wrap a use case taking ``session=``. ``commit=False`` lets one use case run inside
    another's transaction. ``seen=Seen(...)`` refuses the use case if the row the operator was
    looking at has been saved by someone else since (see ``concurrency``)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session = kwargs["session"]
        commit = kwargs.pop("commit", True)
        seen = kwargs.pop("seen", None)
        desk = kwargs.get("desk")
        if commit and desk is not None:
            # Every change this use case makes is logged as made by its operator, at its counter.
            journal.stamp(
                session,  # type: ignore[arg-type]
                operator_id=kwargs.get("operator_id"),  # type: ignore[arg-type]
                counter=desk.counter,  # type: ignore[attr-defined]
                now=desk.now,  # type: ignore[attr-defined]
            )
        try:
            if commit:
                if session.in_transaction():  # type: ignore[attr-defined]
                    # A transaction left open by reads before this use case would check the
                    # versions against its old snapshot: end it, and start from the latest.
                    session.commit()  # type: ignore[attr-defined]
                begin_writing(session)  # type: ignore[arg-type]
            if seen is not None:
                concurrency.check(session, desk, seen)  # type: ignore[arg-type]
            result = function(*args, **kwargs)
            if commit:
                session.commit()  # type: ignore[attr-defined]
            return result
        except StaleDataError as error:
            # Another counter saved the row between our read and our write.
            session.rollback()  # type: ignore[attr-defined]
            table = str(error).split("table '")[-1].split("'")[0]
            # Only the row the operator was looking at can be described; another table's
            # refusal says no more than that someone else saved.
            row_id = seen.row_id if seen is not None and seen.table == table else None
            raise concurrency.stale(session, desk, table, row_id) from error  # type: ignore[arg-type]
        except BaseException:
            session.rollback()  # type: ignore[attr-defined]
            raise
        finally:
            if commit and desk is not None:
                # Later flushes of this session are not this use case's: not logged as its.
                session.info.pop("journal", None)  # type: ignore[attr-defined]

    return run


def aware(moment: object, what: str) -> datetime:
    """``moment`` if it is an aware datetime; a message for the user otherwise."""
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ServiceError(_("{what} needs a date and time with its time zone").format(what=what))
    return moment
