"""The first run of an empty database: the centre's name and its first manager."""

from dataclasses import replace

from sqlmodel import Session, col, func, select

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import ServiceError
from frontdesk.services.kernel.transaction import use_case
from frontdesk.services.staff.operators import add_operator
from frontdesk.store.queries import estate_named
from frontdesk.store.tables.people import Estate
from frontdesk.store.tables.staff import Operator


def needs_first_run(*, session: Session) -> bool:
    return session.exec(select(func.count()).select_from(Operator)).one() == 0


@use_case
def first_run(*, session: Session, desk: Desk, centre: str, manager: str, pin: str) -> Operator:
    """Name the centre and create its first office manager; only on an empty database."""
    if not needs_first_run(session=session):
        raise ServiceError(_("this database already has its staff"))
    name = centre.strip()
    if not name:
        raise ServiceError(_("give the centre's name"))
    estate_named(session, name)
    # No one to ask permission of yet: the first manager is the system's doing.
    return add_operator(session=session, desk=desk, name=manager, role=Role.MANAGER, pin=pin)


def desk_for_database(*, session: Session, desk: Desk) -> Desk:
    """The desk with the centre's name as the database knows it (set at the first run)."""
    estate = session.exec(select(Estate).order_by(col(Estate.id))).first()
    if estate is None or estate.name == desk.policy.centre_name:
        return desk
    return replace(desk, policy=replace(desk.policy, centre_name=estate.name))
