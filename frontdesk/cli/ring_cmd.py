"""``frontdesk ring PHONE``: the phone system tells the counter app that a call is ringing.

Run by the PBX at every incoming call, before it rings the counter's phone: it must be quick,
so nothing of the database or the screens is loaded here, and it must say in one line, in the
PBX's log, why the counter did not hear it (exit 1)."""

import socket
import sys
from pathlib import Path

import typer

from frontdesk import config
from frontdesk.cli.context import fail, options
from frontdesk.domain.call.ring import (
    MOST_RINGS,
    Event,
    ProtocolError,
    Reply,
    RingEvent,
    caller_number,
    decode_reply,
    encode,
    rung_for,
)
from frontdesk.i18n import _

#: How long the app has to answer; it answers from its own loop, at once.
ANSWER_WITHIN = 3.0


def ring(
    ctx: typer.Context,
    phone: str = typer.Argument(
        "",
        help=_(
            "The caller's number as the phone system has it; empty or 'anonymous' when withheld."
        ),
        show_default=False,
    ),
    counter: str = typer.Option(
        None,
        "--counter",
        help=_(
            "The counter whose app is told (default: the one given before the command, else "
            "FRONTDESK_COUNTER, else the machine's name)."
        ),
    ),
    rings: int = typer.Option(
        None,
        "--rings",
        min=1,
        max=MOST_RINGS,
        help=_(
            "How many times it has rung, for a phone system that counts (else the app counts "
            "from the time: one ring every 5 s)."
        ),
    ),
    hangup: bool = typer.Option(
        False, "--hangup", help=_("The caller hung up (or another phone answered) before pickup.")
    ),
) -> None:
    """Tell the counter app a call is ringing: it shows who is calling and counts the rings."""
    opts = options(ctx)
    name = counter or opts.counter
    number = caller_number(phone)
    if number is not None:
        number = _checked(number, opts)
    try:
        path = config.ring_socket(counter=name)
        name = config.counter_name(name)
    except config.ConfigError as error:
        fail(str(error))
    event = RingEvent(Event.HANGUP if hangup else Event.RING, number, rings=rings)
    _trusted(path.parent)
    reply = _send(path, event, name, opts)
    if not reply.ok:
        refused = _("counter {counter} refused it: {why}").format(counter=name, why=reply.message)
        fail(" ".join([refused, _missed(event, opts)]))
    shown = _masked(number)
    said = (
        _("counter {counter}: {phone} hung up")
        if hangup
        else _("counter {counter}: {phone} ringing")
    )
    # The app names itself: a socket set by hand may lead to another counter than the one named.
    sys.stdout.write(said.format(counter=reply.counter or name, phone=shown) + "\n")


def _checked(number: str, opts) -> str:
    """The number in its stored form (a local landline takes the estate's area code), or as
    dialled for one from outside mainland China: a ringing phone rings whatever its number.
    Only text that is no number at all is refused."""
    from frontdesk.domain.call.ring import ringing_phone
    from frontdesk.domain.people.phones import PhoneError

    try:
        return ringing_phone(number, area_code=opts.load_policy().area_code)
    except PhoneError as error:
        fail(str(error))


def _missed(event: RingEvent, opts) -> str:
    """No app showed it, so no one will pick it up: the call is put on the follow-up list to
    return (every call is returned). Said in the same line; the exit stays 1 all the same."""
    if event.phone is None:
        return _("The number was withheld: the call cannot be returned.")
    from frontdesk.services.followups.missed import record_missed_call
    from frontdesk.store.engine import new_session

    try:
        desk = opts.make_desk()
        rang_at = (event.at or desk.now()) - rung_for(event.rings or 1, desk.policy.ring_seconds)
        with new_session(opts.connect()) as session:
            follow_up = record_missed_call(
                session=session, desk=desk, phone=event.phone, rang_at=rang_at
            )
    # Whatever stops the record, the PBX's log says so, with the number to return by hand.
    except Exception as error:
        follow_up, problem = None, error
    else:
        problem = None
    if follow_up is None:
        return _("Not on the follow-up list either ({error}): return {phone} by hand.").format(
            error=problem, phone=_masked(event.phone)
        )
    return _("The call is on the follow-up list to return (follow-up {id}).").format(
        id=follow_up.id
    )


def _masked(number: str | None) -> str:
    if number is None:
        return _("number withheld")
    from frontdesk.domain.people.phones import mask_stored

    return mask_stored(number)


def _trusted(folder: Path) -> None:
    """Refuse a socket folder that is not this user's own, or that others may write in: there
    another local user could have put a socket of theirs (in /tmp/frontdesk-<uid>/, made
    before the app) and would be given the callers' numbers."""
    import os

    try:
        info = folder.stat()
    except FileNotFoundError:
        return  # no app there: _send says so
    except OSError as error:
        fail(
            _("cannot reach the ring socket's folder {folder}: {error}").format(
                folder=folder, error=error
            )
        )
    if info.st_uid != os.getuid() or info.st_mode & 0o022:
        fail(
            _(
                "the ring socket's folder {folder} is not this user's own or others may write "
                "in it: the caller's number is not sent there"
            ).format(folder=folder)
        )


def _send(path: Path, event: RingEvent, counter: str, opts) -> Reply:
    nobody = _(
        "no counter app is listening for counter {counter} at {path}: is frontdesk running there?"
    )
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(ANSWER_WITHIN)
            connection.connect(str(path))
            connection.sendall(encode(event))
            connection.shutdown(socket.SHUT_WR)
            answer = connection.makefile("rb").readline()
    except (FileNotFoundError, ConnectionRefusedError):
        fail(" ".join([nobody.format(counter=counter, path=path), _missed(event, opts)]))
    # An app that does not answer, or cannot be reached, shows no one the ring either: the call
    # is owed like any other missed one (an app that shows it after all owes it once).
    except TimeoutError:
        said = _("the app of counter {counter} did not answer within {seconds:g} s").format(
            counter=counter, seconds=ANSWER_WITHIN
        )
        fail(" ".join([said, _missed(event, opts)]))
    except OSError as error:
        said = _("cannot reach counter {counter} at {path}: {error}").format(
            counter=counter, path=path, error=error
        )
        fail(" ".join([said, _missed(event, opts)]))
    try:
        return decode_reply(answer)
    except ProtocolError as error:
        fail(str(error))
