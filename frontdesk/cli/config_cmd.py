"""``frontdesk config show``: every setting in force, and where it came from."""

import typer

from frontdesk import config
from frontdesk.cli.context import echo_json, fail, options
from frontdesk.i18n import _

app = typer.Typer(help=_("The settings of this counter."), no_args_is_help=True)


@app.command(
    "show",
    help=_(
        "Each setting, its value and its source: a flag, a FRONTDESK_* variable, the settings "
        "file or the default."
    ),
)
def show(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    """Each setting, its value and its source: a flag, a FRONTDESK_* variable, the settings
    file or the default."""
    opts = options(ctx)
    flags = {"database": opts.db, "policy": opts.policy, "counter": opts.counter}
    flags.update(opts.setting_flags())
    try:
        values = [
            config.resolve(key, flags.get(key), counter=opts.counter) for key in config.SETTINGS
        ]
    except config.ConfigError as exc:
        fail(str(exc))
    path = config.settings_file()
    if as_json:
        echo_json(
            {
                "file": str(path),
                "file_exists": path.exists(),
                "settings": {
                    v.key: {"value": v.value, "source": v.source, "env": config.SETTINGS[v.key].env}
                    for v in values
                },
            }
        )
        return
    if path.exists():
        typer.echo(_("settings file: {path}").format(path=path))
    else:
        typer.echo(_("settings file: {path}  (not there: defaults apply)").format(path=path))
    width = max(len(v.key) for v in values)
    for v in values:
        setting = config.SETTINGS[v.key]
        typer.echo(f"{v.key:<{width}}  {v.value}")
        source = _("from {source} ({env}); {about}").format(
            source=config.source_name(v.source), env=setting.env, about=setting.about
        )
        typer.echo(f"{'':<{width}}  {source}")
