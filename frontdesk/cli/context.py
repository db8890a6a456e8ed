"""What every command needs: the policy, the database and the clock, chosen by flags and
FRONTDESK_* variables. ``FRONTDESK_NOW`` freezes the clock (tests, demos, reproducing a day).

Nothing here is loaded at import beyond the standard library: the plain launch of the app goes
through this module before its first screen paints (see ``main.py``)."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, NoReturn

from frontdesk import config
from frontdesk.i18n import _

if TYPE_CHECKING:
    import typer
    from sqlalchemy import Engine

    from frontdesk.domain.clock.moments import Tense
    from frontdesk.domain.vocabulary.policy import Policy
    from frontdesk.services.kernel.context import Desk


class Unusable(Exception):
    """A policy file, a time or a database that cannot be used; the message says which and why,
    in one line. A command says it with ``fail``; the app, which opens them in a worker, says
    it on its way out."""


def fail(message: str, code: int = 1) -> NoReturn:
    """Say what stopped the command, on stderr, and end it with ``code``. (What typer.Exit does
    too, in the end; this works without typer, which the plain launch never loads.)"""
    sys.stderr.write(f"frontdesk: {message}\n")
    raise SystemExit(code)


@contextmanager
def said() -> Iterator[None]:
    """Anything unusable ends the command, said in one line."""
    try:
        yield
    except (Unusable, config.ConfigError) as exc:
        fail(str(exc))


@dataclass
class Options:
    db: str | None = None
    policy: str | None = None
    counter: str | None = None
    lang: str | None = None
    _policy: "Policy | None" = field(default=None, repr=False)

    @property
    def database(self) -> str:
        return _setting(config.database_target, self.db)

    def setting_flags(self) -> dict[str, str | None]:
        """The flags that set a setting other than the database, policy and counter."""
        return {"language": self.lang}

    def load_policy(self) -> "Policy":
        with said():
            return self.read_policy()

    def desk(self) -> "Desk":
        with said():
            return self.make_desk()

    def open_engine(self) -> "Engine":
        with said():
            return self.connect()

    # The same, raising Unusable: for the app's worker, where nothing may end the process.
    def read_policy(self) -> "Policy":
        from frontdesk.domain.vocabulary.policy import PolicyError, load_policy

        if self._policy is None:
            try:
                self._policy = load_policy(_setting(config.policy_path, self.policy))
            except PolicyError as exc:
                raise Unusable(str(exc)) from exc
        return self._policy

    def make_desk(self) -> "Desk":
        from frontdesk.services.kernel.context import Desk, system_clock

        policy = self.read_policy()
        counter = _setting(config.counter_name, self.counter)
        caller = _setting(config.caller_language, None)
        frozen = os.environ.get("FRONTDESK_NOW")
        if not frozen:
            return Desk(policy, system_clock, counter=counter, caller_language=caller)
        moment = read_moment(frozen, policy, "FRONTDESK_NOW")
        return Desk(policy, lambda: moment, counter=counter, caller_language=caller)

    def connect(self) -> "Engine":
        from frontdesk.store.database import SchemaBehind, open_database

        try:
            return open_database(self.database)
        except SchemaBehind as exc:
            raise Unusable(str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear line
            raise Unusable(
                _("cannot open the database {database}: {error}").format(
                    database=self.database, error=exc
                )
            ) from exc


def _setting(read, flag):
    try:
        return read(flag)
    except config.ConfigError as exc:
        raise Unusable(str(exc)) from exc


def parse_cli_moment(text: str, desk: "Desk", what: str, tense: "Tense") -> datetime:
    """An ISO-8601 moment (without an offset, in the policy's time zone), or a time as a
    caller says it (昨天下午3点, 周五上午9点, 2小时前) on the counter's clock, which
    FRONTDESK_NOW freezes; ``tense`` says whether the option looks back or ahead."""
    from frontdesk.domain.clock.moments import MomentError, parse_moment

    with said():
        moment = _iso(text, desk.policy)
        if moment is not None:
            return moment
        try:
            return parse_moment(text, now=desk.now(), tz=desk.policy.timezone, tense=tense)
        except MomentError as exc:
            raise Unusable(
                _(
                    "{what}: {reason}; it is not an ISO-8601 time such as 2026-12-02T14:40 either"
                ).format(what=what, reason=exc)
            ) from None


def read_moment(text: str, policy: "Policy", what: str) -> datetime:
    """An ISO-8601 moment alone: what sets the clock cannot be read from the clock."""
    moment = _iso(text, policy)
    if moment is None:
        raise Unusable(
            _('{what}: "{text}" is not an ISO-8601 time such as 2026-12-02T14:40').format(
                what=what, text=text
            )
        )
    return moment


def _iso(text: str, policy: "Policy") -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.replace(tzinfo=policy.timezone) if moment.tzinfo is None else moment


def options(ctx: "typer.Context") -> Options:
    return ctx.find_root().obj or Options()


def echo_json(data) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
