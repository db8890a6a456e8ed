"""Who is on file under a number, by name: for a line that has the number and no matter."""

from sqlmodel import Session, col, select

from frontdesk.domain.people.phones import PhoneError, normalize_phone
from frontdesk.services.kernel.context import Desk
from frontdesk.store.tables.people import Resident, ResidentPhone


def names_under(session: Session, desk: Desk, phone: str) -> str:
    """Who is on file under ``phone``, for the list: their names, or nothing for a number on
    no card (a caller from outside mainland China among them)."""
    try:
        national = normalize_phone(phone, area_code=desk.policy.area_code).national
    except PhoneError:
        return ""
    names = session.exec(
        select(Resident.name)
        .join(ResidentPhone, col(ResidentPhone.resident_id) == Resident.id)
        .where(ResidentPhone.national == national)
        .distinct()
        .order_by(Resident.name)
        .limit(3)
    ).all()
    return "、".join(names)
