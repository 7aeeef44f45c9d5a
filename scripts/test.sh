#!/usr/bin/env bash
# Runs the test suite. Under CI (CI=true) it runs twice: against PostgreSQL + Redis, then
# against SQLite + the in-memory cache and channel layer. Elsewhere it runs the SQLite pass,
# and the PostgreSQL pass too when PostgreSQL and Redis answer on 127.0.0.1.
# The browser tests (Playwright, marker "browser") run in one pass: with PostgreSQL and Redis when
# that pass runs (the production stack), else with SQLite. They check pages, keyboard and axe in
# chromium; what the server does behind them is tested on both databases by the other tests.
set -uo pipefail
cd "$(dirname "$0")/.."
# All cores (pytest-xdist; TEST_WORKERS=0 runs in this one process, e.g. to debug); a file's tests stay together.
PYTEST=(.venv/bin/pytest -n "${TEST_WORKERS:-auto}" --dist loadfile)
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/standortkompass}"
REDIS="${TEST_REDIS_URL:-redis://127.0.0.1:6379/0}"

port_open() { .venv/bin/python -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1', $1)))"; }

status=0
# One pytest run; "no tests collected" (exit 5, e.g. only browser tests asked for in a run without them) is no failure.
run() {
  "$@"
  local code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 5 ]; then status=$code; fi
}
# The browser tests run in a pytest run of their own: Playwright's synchronous API leaves an event loop in
# the worker process, in which the tests of the ASGI start-up and the channel layer could not run after them.
# A -m of the caller, coming later, still wins.
browser_ran=""
if port_open 5432 && port_open 6379; then
  echo "== Pass 1: PostgreSQL ($PG_URL) and Redis ($REDIS); then the browser tests against them"
  run env DATABASE_URL="$PG_URL" REDIS_URL="$REDIS" "${PYTEST[@]}" --create-db -m "not browser" "$@"
  run env DATABASE_URL="$PG_URL" REDIS_URL="$REDIS" "${PYTEST[@]}" --create-db -m browser "$@"
  browser_ran="yes"
elif [ "${CI:-}" = "true" ]; then
  echo "== PostgreSQL or Redis is not reachable on 127.0.0.1, but CI=true requires them." >&2
  status=1
else
  echo "== PostgreSQL pass SKIPPED: no PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379."
fi

echo "== Pass 2: SQLite with the in-memory cache and channel layer${browser_ran:+ (browser tests ran in pass 1)}"
run env -u DATABASE_URL -u REDIS_URL "${PYTEST[@]}" -m "not browser" "$@"
if [ -z "$browser_ran" ]; then
  run env -u DATABASE_URL -u REDIS_URL "${PYTEST[@]}" -m browser "$@"
fi
exit $status
