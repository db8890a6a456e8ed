"""Posting a message to a route's receiver.

A 企业微信 group robot takes ``{"msgtype": "text", "text": {"content": …,
"mentioned_mobile_list": […]}}``: text only (its markdown cannot @ anyone), at most 2,048
bytes, 20 messages a minute. A plain webhook takes the notices as JSON data. A receiver that
does not answer, answers with an error, or refuses the message raises NotSent with why.
"""

import json
import urllib.error
import urllib.request
from typing import Any

from frontdesk.channels.routes import Route
from frontdesk.i18n import _

#: The most a 企业微信 robot takes in one text, and in one minute.
WECOM_BYTES = 2048
WECOM_PER_MINUTE = 20
TIMEOUT = 10.0


class NotSent(Exception):
    """The receiver did not take the message; the message says why."""


def batches(route: Route, texts: list[str]) -> list[list[int]]:
    """The texts, by index, joined into as few messages as the receiver takes: several
    notices in one message keep a busy morning under the robot's 20 a minute."""
    if route.channel != "wecom":
        return [[i] for i in range(len(texts))]
    groups: list[list[int]] = []
    size = 0
    for i, text in enumerate(texts):
        length = len(text.encode()) + 2  # the blank line between notices
        if groups and size + length <= WECOM_BYTES:
            groups[-1].append(i)
            size += length
        else:
            groups.append([i])
            size = length
    return groups


def post(route: Route, texts: list[str], data: list[dict[str, Any]]) -> None:
    """Send one message made of ``texts`` (a webhook: of ``data``)."""
    if route.channel == "wecom":
        content = "\n\n".join(texts)
        body: dict[str, Any] = {"msgtype": "text", "text": {"content": _cut(content)}}
        if route.mention:
            body["text"]["mentioned_mobile_list"] = list(route.mention)
    else:
        body = {"notices": data}
    request = urllib.request.Request(
        route.url,
        data=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            answer = response.read()
    except urllib.error.HTTPError as exc:
        raise NotSent(_("the receiver answered HTTP {code}").format(code=exc.code)) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NotSent(_("the receiver cannot be reached: {why}").format(why=reason)) from exc
    if route.channel == "wecom":
        _check_wecom(answer)


def _check_wecom(answer: bytes) -> None:
    try:
        said = json.loads(answer or b"{}")
    except ValueError:
        raise NotSent(_("the robot's answer is not JSON")) from None
    if said.get("errcode", 0) != 0:
        raise NotSent(
            _("the robot refused it: {code} {message}").format(
                code=said.get("errcode"), message=said.get("errmsg", "")
            )
        )


def _cut(content: str) -> str:
    """One notice longer than the robot takes, cut at a character's edge."""
    raw = content.encode()
    if len(raw) <= WECOM_BYTES:
        return content
    return raw[: WECOM_BYTES - 3].decode(errors="ignore") + "…"
