"""For the property tests of the use cases: a use case either does its work or refuses with a
message for the user, and a refusal leaves every table as it was."""

from collections.abc import Callable
from typing import TypeVar

from hypothesis import HealthCheck, event, settings
from sqlmodel import Session, SQLModel, func, select

from frontdesk.services.kernel.errors import ServiceError

T = TypeVar("T")

# The database fixtures are made once per test, and each example works on the same file: the
# counts before and after each example tell what it wrote.
ON_ONE_DATABASE = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def row_counts(session: Session) -> dict[str, int]:
    """How many rows each table holds."""
    return {
        name: session.exec(select(func.count()).select_from(table)).one()
        for name, table in SQLModel.metadata.tables.items()
    }


def done_or_refused(session: Session, use_case: Callable[[], T]) -> T | None:
    """The use case's result; None if it refused, after checking that the refusal says why and
    that nothing it wrote is left behind."""
    before = row_counts(session)
    try:
        result = use_case()
    except ServiceError as refusal:
        errors = getattr(refusal, "errors", None) or getattr(refusal, "call_errors", [])
        fields = sorted({error.field for error in errors})
        event(f"refused: {type(refusal).__name__} {' '.join(fields)}".strip())
        assert str(refusal).strip(), type(refusal)
        session.expire_all()
        assert row_counts(session) == before
        return None
    event("done")
    return result
