#!/usr/bin/env bash
# Install frontdesk into .venv, build the demo estate once into data/demo.db, and open the app.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
[ -f data/demo.db ] || .venv/bin/frontdesk --db data/demo.db demo
exec .venv/bin/frontdesk --db data/demo.db "$@"
