"""``frontdesk policy explain``: the deadlines the policy gives, and how each was worked out."""

from enum import StrEnum

import typer

from frontdesk.cli.context import echo_json, fail, options, parse_cli_moment
from frontdesk.domain.clock.moments import Tense
from frontdesk.domain.clock.written_dates import short_text
from frontdesk.domain.deadlines.rules import Deadline, callback_deadline, complaint_deadlines
from frontdesk.domain.vocabulary.kinds import ComplaintClass, FollowUpReason
from frontdesk.domain.vocabulary.labels import named
from frontdesk.domain.vocabulary.sentences import worked_out_data
from frontdesk.i18n import _
from frontdesk.wording import said_steps, say

app = typer.Typer(help=_("The estate's policy."), no_args_is_help=True)
explain = typer.Typer(help=_("Explain the deadlines the policy gives."), no_args_is_help=True)
app.add_typer(explain, name="explain")


class CallbackReason(StrEnum):
    REPAIR_SAFETY = "repair-safety"
    REPAIR_LEAK = "repair-leak"
    REPAIR_OTHER = "repair-other"
    COMPLAINT_RESULT = "complaint-result"
    PROMISED = "promised"


def _print(deadlines: list[Deadline], as_json: bool) -> None:
    if as_json:
        echo_json(
            {
                "deadlines": [
                    {
                        "milestone": d.milestone.value,
                        "due": d.due.isoformat(),
                        "rule": say(d.rule),
                        "explanation": said_steps(d.steps),
                        "worked_out": worked_out_data(d.rule, d.steps),
                    }
                    for d in deadlines
                ]
            }
        )
        return
    for d in deadlines:
        typer.echo(f"{named(d.milestone):<9} {short_text(d.due, '%Y-%m-%d %H:%M')}  {say(d.rule)}")
        typer.echo(f"{'':<9} {said_steps(d.steps)}")


@explain.command(
    "complaint", help=_("Escalation, reply, resolution and upgrade deadlines of a complaint.")
)
def explain_complaint(
    ctx: typer.Context,
    cls: ComplaintClass = typer.Option(..., "--class", help=_("Complaint class.")),
    received: str = typer.Option(
        ...,
        "--received",
        help=_("When it was received: 2026-12-02T14:40, 昨天下午3点, 2小时前."),
    ),
    requested: str = typer.Option(
        None,
        "--requested",
        help=_("The deadline the resident asked for (minor): 2026-12-04T18:00, 周五下午6点."),
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    """Escalation, reply, resolution and upgrade deadlines of a complaint."""
    desk = options(ctx).desk()
    policy = desk.policy
    start = parse_cli_moment(received, desk, "--received", Tense.PAST)
    asked = parse_cli_moment(requested, desk, "--requested", Tense.FUTURE) if requested else None
    if asked is not None and asked <= start:
        fail(_("--requested must be after --received"))
    if asked is not None and not policy.complaint[cls].resident_may_set_deadline:
        typer.echo(
            _(
                "note: a {cls} complaint's deadlines are set by its class; --requested is ignored"
            ).format(cls=named(cls)),
            err=True,
        )
    _print(complaint_deadlines(policy, cls, start, requested=asked), as_json)


@explain.command(
    "callback", help=_("When a follow-up call is due, kept inside the callable window.")
)
def explain_callback(
    ctx: typer.Context,
    reason: CallbackReason = typer.Option(..., "--reason", help=_("Why the call is owed.")),
    start: str = typer.Option(
        ...,
        "--from",
        help=_(
            "When the follow-up came to exist: repair done, "
            "leak test, complaint resolved, promise made: 2026-12-03T16:00, 今天下午4点."
        ),
    ),
    promised: str = typer.Option(
        None,
        "--promised",
        help=_("The promised time (promised calls): 2026-12-04T10:00, 明天上午10点, +2h."),
    ),
    evening_ok: bool = typer.Option(
        False, "--evening-ok", help=_("The resident agreed to evening calls.")
    ),
    urgent: bool = typer.Option(False, "--urgent", help=_("Urgent: the evening window applies.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    """When a follow-up call is due, kept inside the callable window."""
    desk = options(ctx).desk()
    policy = desk.policy
    begin = parse_cli_moment(start, desk, "--from", Tense.PAST)
    if reason is CallbackReason.PROMISED and not promised:
        raise typer.BadParameter(_("a promised call needs --promised"), param_hint="--promised")
    due = parse_cli_moment(promised, desk, "--promised", Tense.FUTURE) if promised else None
    deadline = callback_deadline(
        policy,
        FollowUpReason(reason.value),
        begin,
        promised=due,
        evening_ok=evening_ok,
        urgent=urgent,
    )
    _print([deadline], as_json)
