"""``frontdesk config show``: every setting in force, and where it came from."""

import typer

from frontdesk import config
from frontdesk.cli.context import echo_json, fail, options

app = typer.Typer(help="The settings of this counter.", no_args_is_help=True)


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
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
    state = "" if path.exists() else "  (not there: defaults apply)"
    typer.echo(f"settings file: {path}{state}")
    width = max(len(v.key) for v in values)
    for v in values:
        setting = config.SETTINGS[v.key]
        typer.echo(f"{v.key:<{width}}  {v.value}")
        typer.echo(f"{'':<{width}}  from {v.source} ({setting.env}); {setting.about}")
