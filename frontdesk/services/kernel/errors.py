"""Errors the use cases raise, each with a message for the user."""

from frontdesk.domain.call.matters import FieldError, MatterInvalid
from frontdesk.i18n import _

__all__ = ["FieldError", "MatterInvalid", "NotAllowed", "NotFound", "ServiceError", "WrongState"]


class ServiceError(Exception):
    """A use case refused; ``str(error)`` is the message for the user."""


class NotFound(ServiceError):
    pass


class NotAllowed(ServiceError):
    """The operator's role does not allow this."""


class SignInRefused(ServiceError):
    """The name, the PIN or a lockout stops the sign-in; the message says which it may say."""


class WrongState(ServiceError):
    """The matter is not in a state where this can be done (e.g. resolving a closed matter)."""


class CallInvalid(ServiceError):
    """Fields of the call or of its matters are missing or wrong, each named for its field."""

    def __init__(self, call_errors: list[FieldError], matter_errors: dict[int, list[FieldError]]):
        parts = [f"{e.field}: {e.message}" for e in call_errors] + [
            _("matter {number} {field}: {message}").format(
                number=i + 1, field=e.field, message=e.message
            )
            for i, errors in matter_errors.items()
            for e in errors
        ]
        super().__init__("; ".join(parts))
        self.call_errors = call_errors
        self.matter_errors = matter_errors


class FieldsInvalid(ServiceError):
    """Input fields at fault, each with its message."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors
