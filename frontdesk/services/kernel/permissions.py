"""Who may do what (DOMAIN.md §3, §5): one table of actions and the lowest role allowed each.

The services check it themselves, whatever the screens show: a key greyed out in the TUI is a
courtesy, the refusal here is the rule. Every use case an operator runs starts with
:func:`require`, which also refuses operators who were deactivated.

| action | lowest role | why |
| --- | --- | --- |
| work the counter: take calls, cards, matters, follow-ups | receptionist | the counter's job |
| lower a complaint's class (or find it invalid) | supervisor | it relaxes the clocks |
| approve an extension | manager (the policy may name the role) | DOMAIN.md §3 |
| create or deactivate operators | manager | the office manager runs the staff |
| read the audit log | manager | it shows everyone's work |
| reveal any full phone number | supervisor | numbers are shown to staff who need them |
| reveal the number of a follow-up callable now | receptionist | they are about to dial it |

A receptionist never needs a resident card's full number at the counter: the caller on the
line is confirmed by the last four digits, and a call is filed with the number on file
without showing it (``services/intake/on_file.py``). The one number a receptionist must
see is the one they are about to dial: a follow-up's, while its callable window is open.
"""

from enum import StrEnum

from sqlmodel import Session

from frontdesk.domain.vocabulary.kinds import Role
from frontdesk.domain.vocabulary.labels import named
from frontdesk.i18n import _
from frontdesk.services.kernel.errors import NotAllowed, NotFound
from frontdesk.store.tables.staff import Operator

ROLE_RANK = {Role.RECEPTIONIST: 0, Role.SUPERVISOR: 1, Role.MANAGER: 2}


class Action(StrEnum):
    WORK = "work the counter"
    LOWER_CLASS = "lower a complaint's class"
    KEEP_CLASS = "keep a complaint's class when a repeat suggests major"
    APPROVE_EXTENSION = "approve an extension"
    MANAGE_STAFF = "create or deactivate operators"
    READ_AUDIT = "read the audit log"
    REVEAL_ANY_PHONE = "reveal any full phone number"
    REVEAL_CALLABLE_FOLLOW_UP = "reveal the number of a follow-up callable now"


MINIMUM: dict[Action, Role] = {
    Action.WORK: Role.RECEPTIONIST,
    Action.LOWER_CLASS: Role.SUPERVISOR,
    Action.KEEP_CLASS: Role.SUPERVISOR,
    Action.APPROVE_EXTENSION: Role.MANAGER,
    Action.MANAGE_STAFF: Role.MANAGER,
    Action.READ_AUDIT: Role.MANAGER,
    Action.REVEAL_ANY_PHONE: Role.SUPERVISOR,
    Action.REVEAL_CALLABLE_FOLLOW_UP: Role.RECEPTIONIST,
}

# What a refusal says, by action; the role is filled in.
REFUSALS: dict[Action, str] = {
    Action.WORK: _("only counter staff may do this"),
    Action.LOWER_CLASS: _("only a {role} or above may lower a complaint's class"),
    Action.KEEP_CLASS: _(
        "only a {role} or above may keep a complaint's class when a repeat suggests major"
    ),
    Action.APPROVE_EXTENSION: _("only the {role} may approve an extension"),
    Action.MANAGE_STAFF: _("only the office manager may create or deactivate operators"),
    Action.READ_AUDIT: _("only the office manager may read the audit log"),
    Action.REVEAL_ANY_PHONE: _(
        "only a {role} or above may see a full number here; "
        "a receptionist sees the number of a follow-up when it may be called"
    ),
    Action.REVEAL_CALLABLE_FOLLOW_UP: _("only counter staff may see a number to call"),
}


def allows(role: Role | str | None, action: Action, *, minimum: Role | None = None) -> bool:
    """Whether ``role`` may do ``action`` (``minimum`` overrides the table: the policy's say)."""
    if role is None:
        return False
    return ROLE_RANK[Role(role)] >= ROLE_RANK[minimum or MINIMUM[action]]


def active_operator(session: Session, operator_id: int | None) -> Operator:
    """The operator, if they exist and are still active."""
    found = session.get(Operator, operator_id) if operator_id is not None else None
    if found is None or not found.active:
        raise NotFound(_("there is no active operator {id}").format(id=operator_id))
    return found


def require(
    session: Session, operator_id: int | None, action: Action, *, minimum: Role | None = None
) -> Operator:
    """The active operator ``operator_id`` if their role allows ``action``; NotAllowed, with a
    message for the user, otherwise."""
    operator = active_operator(session, operator_id)
    needed = minimum or MINIMUM[action]
    if not allows(operator.role, action, minimum=needed):
        raise NotAllowed(REFUSALS[action].format(role=named(needed)))
    return operator
