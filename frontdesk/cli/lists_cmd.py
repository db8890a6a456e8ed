"""``frontdesk queue`` and ``frontdesk callbacks``: the two lists the counter works from."""

from datetime import datetime

import typer

from frontdesk.cli.context import echo_json, fail, options
from frontdesk.domain.vocabulary.kinds import ComplaintClass, FollowUpReason, MatterKind, Milestone
from frontdesk.domain.vocabulary.labels import named_of
from frontdesk.domain.vocabulary.sentences import worked_out_data
from frontdesk.i18n import _
from frontdesk.wording import said_steps, say


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def queue(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
    cls: ComplaintClass = typer.Option(None, "--class", help=_("Only complaints of this class.")),
    department: str = typer.Option(None, "--department", help=_("Only this department.")),
    overdue: bool = typer.Option(False, "--overdue", help=_("Only overdue matters.")),
) -> None:
    """Open matters sorted by their next deadline, overdue first."""
    from frontdesk.services.counter import Counter
    from frontdesk.services.matters.queue import QueueFilter, due_mark, list_queue
    from frontdesk.store.engine import new_session

    opts = options(ctx)
    desk = opts.desk()
    if department and department not in desk.policy.departments:
        fail(
            _('no department "{department}": the policy lists {departments}').format(
                department=department, departments=", ".join(desk.policy.departments)
            )
        )
    engine = opts.open_engine()
    # A valid complaint open a month is major; the queue must show it so. As at a counter:
    # another one making the same upgrade at the same moment is no failure.
    Counter(engine, desk).sweep_month_end()
    with new_session(engine) as session:
        rows = list_queue(
            session=session,
            desk=desk,
            filters=QueueFilter(
                complaint_class=cls.value if cls else None,
                department=department,
                overdue_only=overdue,
            ),
        )
    if as_json:
        echo_json(
            [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "class": r.complaint_class,
                    "status": r.status,
                    "resident": r.resident,
                    "unit": r.unit,
                    "summary": r.summary,
                    "department": r.department,
                    "next_milestone": r.next_milestone,
                    "due": _iso(r.due),
                    "overdue": r.overdue,
                    "due_within_hour": r.due_soon,
                    "rule": say(r.rule),
                    "explanation": said_steps(r.steps),
                    # Null when no deadline is running, as next_milestone is.
                    "worked_out": worked_out_data(r.rule, r.steps) if r.next_milestone else None,
                    # Raised again while open: major suggested, not yet decided (else null).
                    "major_suggested": {
                        "at": _iso(r.major_suggested_at),
                        "filed_by": r.major_suggested_by,
                    }
                    if r.major_suggested_at
                    else None,
                }
                for r in rows
            ]
        )
        return
    for r in rows:
        mark = due_mark(r)
        due = f"{r.due:%m-%d %H:%M}" if r.due else "-"
        milestone = named_of(Milestone, r.next_milestone) or "-"
        typer.echo(
            f"{mark:<7} {due:<11} {milestone:<8} #{r.id:<5} "
            f"{named_of(MatterKind, r.kind):<9} {named_of(ComplaintClass, r.complaint_class):<9} "
            f"{r.unit:<10} {r.resident:<6} {r.summary}"
        )
    typer.echo(
        _("{count} open, {overdue} overdue").format(
            count=len(rows), overdue=sum(r.overdue for r in rows)
        )
    )


def callbacks(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    """Follow-up calls owed, by due time, with the window they may be made in."""
    from frontdesk.services.followups.callbacks import list_callbacks
    from frontdesk.store.engine import new_session

    opts = options(ctx)
    desk = opts.desk()
    with new_session(opts.open_engine()) as session:
        rows = list_callbacks(session=session, desk=desk)
    if as_json:
        echo_json(
            [
                {
                    "id": r.id,
                    "matter_id": r.matter_id,
                    "reason": r.reason,
                    "resident": r.resident,
                    "unit": r.unit,
                    "phone": r.phone,
                    "due": _iso(r.due),
                    "window_start": _iso(r.window_start),
                    "window_end": _iso(r.window_end),
                    "callable_now": r.callable_now,
                    "attempts": r.attempts,
                    "overdue": r.overdue,
                    "rule": say(r.rule),
                    "explanation": said_steps(r.steps),
                    "worked_out": worked_out_data(r.rule, r.steps),
                    "rang_at": _iso(r.rang_at) if r.rang_at is not None else None,
                }
                for r in rows
            ]
        )
        return
    for r in rows:
        mark = _("OVERDUE") if r.overdue else (_("now") if r.callable_now else _("later"))
        tries = _("tries {count}").format(count=r.attempts)
        window = _("window {start}-{end}").format(
            start=f"{r.window_start:%m-%d %H:%M}", end=f"{r.window_end:%H:%M}"
        )
        typer.echo(
            f"{mark:<7} {r.due:%m-%d %H:%M}  #{r.id:<5} {named_of(FollowUpReason, r.reason):<16} "
            f"{r.unit:<10} {r.resident:<6} {r.phone:<14} {tries}  {window}"
        )
    typer.echo(
        _("{count} owed, {overdue} overdue").format(
            count=len(rows), overdue=sum(r.overdue for r in rows)
        )
    )
