"""A realistic demo estate, built through the same use cases the counter uses.

Residents in households, sixty days of calls whose matters were worked as a counter would work
them, and a set of matters near "now" in every state the screens must show: complaints of every
class fresh, due within the hour, overdue, escalated, extended, resolved awaiting the result call,
reopened, upgraded after a month; repairs awaiting their visit or follow-up; callbacks due today
and overdue. The same seed and the same "now" give the same estate.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from frontdesk.domain.vocabulary.kinds import FollowUpStatus, MatterStatus, Role
from frontdesk.domain.vocabulary.policy import Policy
from frontdesk.services.demo.builder import DEMO_PIN, STAFF, Builder, Person
from frontdesk.services.demo.people import residents
from frontdesk.services.demo.story import history, scenarios
from frontdesk.services.kernel.transaction import inside
from frontdesk.services.matters import complaints
from frontdesk.services.residents.search import create_resident
from frontdesk.services.staff.operators import add_operator, create_operator
from frontdesk.store.queries import id_of
from frontdesk.store.tables.people import Resident
from frontdesk.store.tables.register import FollowUp, Matter


@dataclass
class DemoSummary:
    residents: int
    calls: int
    open_matters: int
    follow_ups_owed: int


def estate_is_empty(session: Session) -> bool:
    return session.exec(select(func.count()).select_from(Resident)).one() == 0


def build_demo(
    *, session: Session, policy: Policy, now: datetime, seed: int = 7, resident_count: int = 2000
) -> DemoSummary:
    """Fill an empty database with the demo estate as it stands at ``now``."""
    builder = Builder(session, policy, now, seed)
    hired = builder.at(now - timedelta(days=90))
    (manager_name, _role), *others = STAFF
    # The first run makes the manager; the manager then takes on the rest of the staff.
    manager = add_operator(
        session=session, desk=hired, name=manager_name, role=Role.MANAGER, pin=DEMO_PIN
    )
    session.commit()
    builder.staff[manager_name] = id_of(manager)
    for name, role in others:
        operator = create_operator(
            session=session,
            desk=hired,
            operator_id=id_of(manager),
            name=name,
            role=role,
            pin=DEMO_PIN,
        )
        builder.staff[name] = id_of(operator)
    desk = builder.at(now - timedelta(days=90))
    for draft in residents(builder.rng, resident_count):
        resident = inside(create_resident)(session=session, desk=desk, draft=draft)
        builder.people.append(
            Person(
                id_of(resident),
                resident.name,
                draft.units[0][0],
                draft.phones[0],
            )
        )
    session.commit()
    history(builder)
    scenarios(builder)
    complaints.upgrade_overdue(session=session, desk=builder.at(now))
    return DemoSummary(
        residents=session.exec(select(func.count()).select_from(Resident)).one(),
        calls=builder.calls,
        open_matters=session.exec(
            select(func.count()).select_from(Matter).where(Matter.status == MatterStatus.OPEN)
        ).one(),
        follow_ups_owed=session.exec(
            select(func.count()).select_from(FollowUp).where(FollowUp.status == FollowUpStatus.OWED)
        ).one(),
    )
