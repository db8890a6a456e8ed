"""Counter staff, their PINs and signing in.

PINs are kept only as scrypt hashes (a memory-hard key derivation, about 50 ms a check here):
a stolen database does not give the PINs away cheaply, and a sign-in stays instant. Guessing at
the counter is stopped by a lockout instead: after five wrong PINs in a row an operator is
locked out for fifteen minutes, by the desk's clock.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from sqlmodel import Session, select

from frontdesk.domain.text.free_text import clean_text
from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.i18n import _
from frontdesk.services.kernel.context import Desk
from frontdesk.services.kernel.errors import ServiceError, SignInRefused, WrongState
from frontdesk.services.kernel.permissions import Action, require
from frontdesk.services.kernel.transaction import use_case
from frontdesk.store.listeners import journal
from frontdesk.store.tables.staff import Operator

# scrypt cost: about 50 ms a check here, slow enough to make guessing a 4-6 digit PIN from a
# stolen database expensive, fast enough for a sign-in.
_N, _R, _P = 2**14, 8, 1
# Wrong PINs in a row before a lockout, and how long it lasts. Not in the policy file: these
# guard the staff's accounts, they are not a rule of the estate's handbook.
MAX_WRONG_PINS = 5
LOCKOUT = timedelta(minutes=15)
# Checked against when the name is unknown, so that an unknown name costs the same time as a
# wrong PIN and the answer cannot tell who has an account.
_DECOY = f"scrypt${_N}${_R}${_P}${'00' * 16}${'00' * 64}"


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
    operator = Operator(name=name, role=role, pin_hash=hash_pin(pin), created_at=desk.now())
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


@use_case
def _attempt(
    *, session: Session, desk: Desk, name: str, matched: bool
) -> tuple[Operator | None, str]:
    """One try, its PIN already checked: the operator, or None and why. Committed either way:
    a wrong PIN is counted. The row is locked while counted, so tries made at the same moment
    at several counters (or command lines) each count."""
    now = desk.now()
    operator = session.exec(
        select(Operator)
        .where(Operator.name == name.strip())
        .where(Operator.active)
        .with_for_update()
    ).first()
    wrong = _("Name or PIN is not right.")
    if operator is None:
        return None, wrong
    if operator.locked_until is not None and now < operator.locked_until:
        # Told plainly: they learn when to come back, and the PIN is not even checked.
        return None, _locked(desk, operator)
    if matched:
        if operator.failed_pins or operator.locked_until is not None:
            # The right PIN proves who is at the counter: the reset is theirs in the log.
            journal.stamp(session, operator_id=operator.id, counter=desk.counter, now=desk.now)
            operator.failed_pins, operator.locked_until = 0, None
            session.add(operator)
        return operator, ""
    if operator.locked_until is not None:
        # A lockout that ran out starts the count again.
        operator.failed_pins, operator.locked_until = 0, None
    operator.failed_pins += 1
    if operator.failed_pins >= MAX_WRONG_PINS:
        operator.locked_until = now + LOCKOUT
    session.add(operator)
    return None, _locked(desk, operator) if operator.locked_until is not None else wrong


def _locked(desk: Desk, operator: Operator) -> str:
    if operator.locked_until is None:
        raise ValueError(f"{operator.name} is not locked out")
    until = operator.locked_until.astimezone(desk.policy.timezone)
    return _("Too many wrong PINs: {name} is locked out until {at:%H:%M} on {at:%Y-%m-%d}.").format(
        name=operator.name, at=until
    )


def sign_in(*, session: Session, desk: Desk, name: str, pin: str) -> Operator:
    """The operator if the name and PIN are right and they are not locked out; SignInRefused
    with the message to show otherwise. An unknown name and a wrong PIN get the same answer;
    the count of wrong PINs and the lockout are row changes, so the audit log has them (as the
    system's, at this counter: a wrong PIN proves no one's identity)."""
    # Pasted control characters are no part of a name (and PostgreSQL refuses a NUL).
    name = clean_text(name, multiline=False)
    # The slow scrypt check runs first, outside the transaction that counts the try: on SQLite
    # that transaction holds the one write lock every counter needs.
    stored = session.exec(
        select(Operator.pin_hash).where(Operator.name == name.strip()).where(Operator.active)
    ).first()
    session.rollback()
    matched = pin_matches(pin, stored if stored is not None else _DECOY) and stored is not None
    operator, refusal = _attempt(session=session, desk=desk, name=name, matched=matched)
    if operator is None:
        raise SignInRefused(refusal)
    return operator
