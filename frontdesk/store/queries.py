"""Lookups the use cases share."""

from sqlmodel import Session, select

from frontdesk.domain.units import UnitRef
from frontdesk.store.models import Estate, Unit


def estate_named(session: Session, name: str) -> Estate:
    """The estate of that name, created on first use."""
    estate = session.exec(select(Estate).where(Estate.name == name)).first()
    if estate is None:
        estate = Estate(name=name)
        session.add(estate)
        session.flush()
    return estate


def unit_for(session: Session, estate_id: int, ref: UnitRef) -> Unit:
    """The unit row for ``ref``, created on first use (units are known by their label)."""
    unit = session.exec(
        select(Unit).where(Unit.estate_id == estate_id).where(Unit.label == ref.label)
    ).first()
    if unit is None:
        unit = Unit(
            estate_id=estate_id,
            label=ref.label,
            building=ref.building,
            entrance=ref.entrance,
            room=ref.room,
        )
        session.add(unit)
        session.flush()
    return unit
