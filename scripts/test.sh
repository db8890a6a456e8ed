#!/usr/bin/env bash
# Install frontdesk with its test tools into .venv, then lint, check the layering and run the
# tests twice: on SQLite files, then on a PostgreSQL server the tests start themselves (initdb in
# a temporary directory, loopback only). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
.venv/bin/ruff check frontdesk tests
.venv/bin/ruff format --check frontdesk tests
.venv/bin/lint-imports
.venv/bin/pytest "$@"
.venv/bin/pytest --database postgresql "$@"
