"""Every use case is one transaction: committed whole when it returns, rolled back whole when it
raises, so a refused action leaves nothing half-written for a later commit to pick up."""

import functools
from collections.abc import Callable
from datetime import datetime
from typing import ParamSpec, TypeVar

from frontdesk.i18n import _
from frontdesk.services.errors import ServiceError
from frontdesk.store import journal
from frontdesk.store.engine import begin_writing

P = ParamSpec("P")
R = TypeVar("R")


def use_case(function: Callable[P, R]) -> Callable[P, R]:
    """Wrap a use case taking ``session=``. ``commit=False`` lets one use case run inside
    another's transaction."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        session = kwargs["session"]
        commit = kwargs.pop("commit", True)
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
                begin_writing(session)  # type: ignore[arg-type]
            result = function(*args, **kwargs)
            if commit:
                session.commit()  # type: ignore[attr-defined]
            return result
        except BaseException:
            session.rollback()  # type: ignore[attr-defined]
            raise

    return run


def aware(moment: object, what: str) -> datetime:
    """``moment`` if it is an aware datetime; a message for the user otherwise."""
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ServiceError(_("{what} needs a date and time with its time zone").format(what=what))
    return moment
