"""Counter staff and their PINs. PINs are kept only as slow scrypt hashes."""

import hashlib
import hmac
import secrets

from sqlmodel import Session, select

from frontdesk.domain.kinds import Role
from frontdesk.i18n import _
from frontdesk.services.context import Desk
from frontdesk.services.errors import ServiceError
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


@use_case
def create_operator(*, session: Session, desk: Desk, name: str, role: Role, pin: str) -> Operator:
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


def sign_in(*, session: Session, name: str, pin: str) -> Operator | None:
    """The operator if the PIN is right, else None (the same answer for an unknown name)."""
    operator = session.exec(
        select(Operator).where(Operator.name == name.strip()).where(Operator.active)
    ).first()
    if operator is None or not pin_matches(pin, operator.pin_hash):
        return None
    return operator
