"""The routes of frontdesk.toml, each a [[notify]] table:

    [[notify]]
    name = "维修部群"
    channel = "wecom"            # wecom | webhook
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=..."
    url_env = "WECOM_KEY_URL"    # or: the URL in this environment variable (it holds the key)
    events = ["overdue", "due-soon"]
    departments = ["维修部"]      # optional: only this department's matters
    mention = ["13800000000"]    # optional: @ these mobiles

A route that cannot be used is refused with its name and what is wrong, before anything is sent.
"""

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from frontdesk.config import ConfigError
from frontdesk.domain.vocabulary.kinds import NoticeEvent
from frontdesk.i18n import _

CHANNELS = ("wecom", "webhook")
KEYS = {"name", "channel", "url", "url_env", "events", "departments", "mention"}


@dataclass(frozen=True)
class Route:
    name: str
    channel: str
    url: str
    events: frozenset[str]
    departments: frozenset[str] = frozenset()
    mention: tuple[str, ...] = ()


def read_routes(path: Path) -> list[Route]:
    """The routes of the settings file at ``path``; none when it has none."""
    if not path.exists():
        return []
    try:
        with path.open("rb") as handle:
            tables = tomllib.load(handle).get("notify", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            _("cannot read the settings file {path}: {error}").format(path=path, error=exc)
        ) from exc
    if not isinstance(tables, list):
        raise ConfigError(_("{path}: notify must be [[notify]] tables").format(path=path))
    routes = [_route(path, number, table) for number, table in enumerate(tables, start=1)]
    names = [r.name for r in routes]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(
            _("{path}: two routes are named {name}").format(path=path, name=", ".join(twice))
        )
    return routes


def _route(path: Path, number: int, table: object) -> Route:
    def wrong(what: str) -> ConfigError:
        return ConfigError(
            _("{path}: route {route}: {what}").format(path=path, route=label, what=what)
        )

    label = str(number)
    if not isinstance(table, dict):
        raise wrong(_("must be a table"))
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise wrong(_("needs a name"))
    label = name = name.strip()
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise wrong(_("{keys} is not a key of a route").format(keys=", ".join(unknown)))
    channel = table.get("channel")
    if channel not in CHANNELS:
        raise wrong(_("channel is one of {all}").format(all=", ".join(CHANNELS)))
    url = table.get("url", "")
    if "url_env" in table:
        url = os.environ.get(str(table["url_env"]), "")
        if not url:
            raise wrong(_("the variable {env} holds no URL").format(env=table["url_env"]))
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise wrong(_("needs an http:// or https:// url"))
    known = [e.value for e in NoticeEvent]
    events = table.get("events", known)
    if not isinstance(events, list) or not events or any(e not in known for e in events):
        raise wrong(_("events are some of {all}").format(all=", ".join(known)))
    departments = _strings(table.get("departments", []), wrong, "departments")
    mention = _strings(table.get("mention", []), wrong, "mention")
    return Route(name, channel, url, frozenset(events), frozenset(departments), tuple(mention))


def _strings(value: object, wrong, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise wrong(_("{key} is a list of names").format(key=key))
    return [v.strip() for v in value]
