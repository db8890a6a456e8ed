#!/usr/bin/env bash
# Install frontdesk with its test tools into .venv, then lint, check the layering and the types
# (pyright, as pyproject.toml configures it), and run the tests twice: on SQLite files, then on a PostgreSQL server the tests start themselves (initdb in
# a temporary directory, loopback only). Each run spreads the suite over the machine's cores;
# the tests that drive the app in a real terminal (tests/e2e) type at a person's pace and run
# after it, alone, so that no other test's load bends their timing.
# Extra arguments go to pytest instead, and choose what runs (on both databases).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
.venv/bin/ruff check frontdesk tests
.venv/bin/ruff format --check frontdesk tests
.venv/bin/lint-imports
.venv/bin/pyright
workers="${FRONTDESK_TEST_WORKERS:-$(nproc)}"
for backend in sqlite postgresql; do
  if [ $# -gt 0 ]; then
    .venv/bin/pytest --database "$backend" "$@"
  else
    .venv/bin/pytest --database "$backend" -n "$workers" --ignore=tests/e2e --durations=15
    .venv/bin/pytest --database "$backend" tests/e2e
  fi
done
