"""``frontdesk``: open the app, or run one of the counter's commands.

Opening the app is what a counter does all day, and its first screen must paint fast. So the
plain launch, ``frontdesk`` with nothing but ``--db``, ``--policy``, ``--counter`` or ``--lang``
(each with a value), opens it without loading typer and every command first; anything else,
``--help`` and every command included, is read by typer (``commands.py``) exactly as before."""

import sys

from frontdesk.cli.context import Options, fail

LAUNCH_OPTIONS = ("--db", "--policy", "--counter", "--lang")


def plain_launch(args: list[str]) -> Options | None:
    """The options of a plain launch; None for anything typer must read (help, a command, an
    unknown or repeated option, a missing, empty or dash-led value: typer says what is wrong)."""
    given: dict[str, str] = {}
    rest = list(args)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in LAUNCH_OPTIONS or name[2:] in given:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value.strip() or value.startswith("-"):
            return None
        given[name[2:]] = value
    return Options(
        db=given.get("db"),
        policy=given.get("policy"),
        counter=given.get("counter"),
        lang=given.get("lang"),
    )


def lang_flag(args: list[str]) -> str | None:
    """The value of ``--lang`` in ``args``, if given (typer reads it again, and says what is
    wrong with the rest)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if name == "--lang":
            if equals:
                return value
            return args[index + 1] if index + 1 < len(args) else None
    return None


def choose_language(args: list[str]) -> None:
    """Speak the interface language from the first string on: the screens' and commands'
    strings are translated as their modules load."""
    from frontdesk import config, i18n

    try:
        i18n.use(config.interface_language(lang_flag(args)))
    except config.ConfigError as exc:
        fail(str(exc), code=2)


def run() -> None:
    choose_language(sys.argv[1:])
    try:
        opts = plain_launch(sys.argv[1:])
        if opts is not None:
            from frontdesk.cli.launch import open_app

            open_app(opts)
        else:
            from frontdesk.cli.commands import app

            app()
    except KeyboardInterrupt:
        from frontdesk.i18n import _

        fail(_("interrupted"), code=130)


def __getattr__(name: str):
    """``frontdesk.cli.main.app``, typer's app, as tests that drive it with CliRunner know it."""
    if name == "app":
        from frontdesk.cli.commands import app

        return app
    raise AttributeError(name)
