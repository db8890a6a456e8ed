"""Counter staff and their PINs. PINs are kept only as slow scrypt hashes."""

import hashlib
import hmac
import secrets

from sqlmodel import Session, select

from frontdesk.domain.kinds import Role
from frontdesk.i18n import _
from frontdesk.services.context import Desk
from frontdesk.services.errors import ServiceError, WrongState
from frontdesk.services.permissions import Action, require
from frontdesk.services.transaction import use_case
from frontdesk.store.models import Operator

# scrypt cost: about 50 ms a check here, slow enough to make guessing a 4-6 digit PIN from a
# stolen database expensive, fast enough for a sign-in.
_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    fresh = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(fresh.hex(), digest)


def add_operator(*, session: Session, desk: Desk, name: str, role: Role, pin: str) -> Operator:
    """A new operator, with no one's permission asked: only for the system itself (the first
    run of an empty database, the demo builder). Staff are created with :func:`create_operator`.
    """
    name = name.strip()
    if not name:
        raise ServiceError(_("the operator needs a name"))
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise ServiceError(_("a PIN is 4 to 8 digits"))
    if session.exec(select(Operator).where(Operator.name == name)).first():
        raise ServiceError(_("there is already an operator called {name}").format(name=name))
    operator = Operator(name=name, role=role.value, pin_hash=hash_pin(pin), created_at=desk.now())
    session.add(operator)
    return operator


@use_case
def create_operator(
    *, session: Session, desk: Desk, operator_id: int, name: str, role: Role, pin: str
) -> Operator:
    """The office manager adds a member of staff with their first PIN."""
    require(session, operator_id, Action.MANAGE_STAFF)
    return add_operator(session=session, desk=desk, name=name, role=role, pin=pin)


@use_case
def deactivate_operator(
    *, session: Session, desk: Desk, operator_id: int, target_id: int
) -> Operator:
    """The office manager switches off a member of staff who left. The row stays (the register
    and the log name them); they can no longer sign in or act."""
    manager = require(session, operator_id, Action.MANAGE_STAFF)
    target = session.get(Operator, target_id)
    if target is None or not target.active:
        raise WrongState(_("operator {id} is not active").format(id=target_id))
    if target.id == manager.id:
        # Someone must be left who can manage the staff.
        raise WrongState(_("a manager cannot deactivate themselves"))
    target.active = False
    session.add(target)
    return target


def sign_in(*, session: Session, name: str, pin: str) -> Operator | None:
    """The operator if the PIN is right, else None (the same answer for an unknown name)."""
    operator = session.exec(
        select(Operator).where(Operator.name == name.strip()).where(Operator.active)
    ).first()
    if operator is None or not pin_matches(pin, operator.pin_hash):
        return None
    return operator
