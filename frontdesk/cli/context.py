"""What every command needs: the policy, the database and the clock, chosen by flags and
FRONTDESK_* variables. ``FRONTDESK_NOW`` freezes the clock (tests, demos, reproducing a day)."""

import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import NoReturn

import typer

from frontdesk import config
from frontdesk.domain.policy import Policy, PolicyError, load_policy


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"frontdesk: {message}", err=True)
    raise typer.Exit(code)


@dataclass
class Options:
    db: str | None = None
    policy: str | None = None
    counter: str | None = None
    _policy: Policy | None = field(default=None, repr=False)

    @property
    def database(self) -> str:
        return config.database_target(self.db)

    def load_policy(self) -> Policy:
        if self._policy is None:
            try:
                self._policy = load_policy(config.policy_path(self.policy))
            except PolicyError as exc:
                fail(str(exc))
        return self._policy

    def desk(self):
        from frontdesk.services.context import Desk, system_clock

        policy = self.load_policy()
        counter = config.counter_name(self.counter)
        frozen = os.environ.get("FRONTDESK_NOW")
        if not frozen:
            return Desk(policy, system_clock, counter=counter)
        moment = parse_cli_moment(frozen, policy, "FRONTDESK_NOW")
        return Desk(policy, lambda: moment, counter=counter)

    def open_engine(self):
        from frontdesk.store.database import SchemaBehind, open_database

        try:
            return open_database(self.database)
        except SchemaBehind as exc:
            fail(str(exc))
        except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear line
            fail(f"cannot open the database {self.database}: {exc}")


def parse_cli_moment(text: str, policy: Policy, what: str) -> datetime:
    """An ISO-8601 moment; without an offset it is in the policy's time zone."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f'{what}: "{text}" is not an ISO-8601 time such as 2026-12-02T14:40')
    return moment.replace(tzinfo=policy.timezone) if moment.tzinfo is None else moment


def options(ctx: typer.Context) -> Options:
    return ctx.find_root().obj or Options()


def echo_json(data) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
