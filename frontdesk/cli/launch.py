"""Opening the counter app. Its sign-in screen paints first; the policy, the clock and the
database are opened behind it by a worker of the app (``open_counter``), so the operator types
their name while SQLAlchemy, the migrations and the services load."""

import gc
import os
from functools import partial

from frontdesk.cli.context import Options, fail
from frontdesk.i18n import _

#: The benchmarks' hook: leave as soon as the first screen has painted ("screen"), or once the
#: database is open and its screen shown ("database"), saying so on the way out.
EXIT_WHEN_READY = "FRONTDESK_EXIT_WHEN_READY"
READY_MOMENTS = ("screen", "database")


def open_app(opts: Options) -> None:
    """Run the counter app in this terminal."""
    exit_when_ready = os.environ.get(EXIT_WHEN_READY) or None
    if exit_when_ready not in (None, *READY_MOMENTS):
        fail(
            _("{variable} is {value}: say screen or database").format(
                variable=EXIT_WHEN_READY, value=repr(exit_when_ready)
            )
        )
    from frontdesk import config
    from frontdesk.tui.app import FrontdeskApp

    try:
        socket = config.ring_socket(counter=opts.counter)
    except config.ConfigError as error:
        fail(str(error))
    app = FrontdeskApp(
        partial(open_counter, opts), exit_when_ready=exit_when_ready, ring_socket=socket
    )
    try:
        app.run()
    finally:
        if app.counter is not None:
            app.counter.leave()  # the operator's "being handled" marks go with them
    if app.failure:
        fail(app.failure)


def open_counter(opts: Options):
    """The counter's backend: its policy, clock and database. Run in the app's worker thread, so
    what cannot be used is raised (``Unusable``), for the app to say, never ended here."""
    desk = opts.make_desk()
    engine = opts.connect()
    from frontdesk.services.counter import Counter

    counter = Counter(engine, desk)
    # What is loaded by now lives as long as the app (the libraries, the schema, the policy):
    # kept out of the collector's full passes, which otherwise walked it all every so often, a
    # pause of up to 0.2 s in the middle of a keystroke or a first render.
    gc.freeze()
    return counter
