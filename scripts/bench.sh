#!/usr/bin/env bash
# The benchmarks, on demand (the normal test run leaves tests/benchmarks out):
# install frontdesk with its test tools into .venv, build the large estate once (a couple of
# minutes, kept in ~/.cache/frontdesk-bench/ or FRONTDESK_BENCH_CACHE), run every benchmark and
# print the table of figures (also kept in tests/benchmarks/last-run.txt).
#
# The load benchmark (eight counters filing at once on SQLite and PostgreSQL) runs 15 s a
# backend here instead of its 60: FRONTDESK_LOAD_SECONDS=60 scripts/bench.sh for the full
# minute. Extra arguments go to pytest (scripts/bench.sh -k queue).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
export FRONTDESK_LOAD_SECONDS="${FRONTDESK_LOAD_SECONDS:-15}"
exec .venv/bin/pytest tests/benchmarks -p no:cacheprovider -s "$@"
