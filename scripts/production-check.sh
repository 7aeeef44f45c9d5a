#!/usr/bin/env bash
# A production install as docs/deployment.md describes it, run by .ci/run after `make check`:
# build the wheel, install it into a clean virtual environment outside the checkout, configure it
# like production (DEBUG off, random SECRET_KEY, PostgreSQL, Redis), run the first-start commands,
# serve it, fetch a public page, a Standortanalyse page and a survey page, and stop it with
# SIGTERM, which must also stop the task worker `serve` started.
#
# Needs PostgreSQL (user postgres without password) and Redis on 127.0.0.1, like the PostgreSQL
# pass of the tests; uses its own database (standortkompass_production_check, dropped at the end)
# and Redis database 15. The dependencies come from PyPI (pip's cache makes the second run fast).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON="$ROOT/.venv/bin/python"
DATABASE=standortkompass_production_check
WORK=$(mktemp -d "${TMPDIR:-/tmp}/standortkompass-production-check.XXXXXX")
SERVER=""

step() { printf '== [%ss] %s\n' "$SECONDS" "$*"; }
fail() { printf 'production check FAILED: %s\n' "$*" >&2; exit 1; }
psql_postgres() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill -KILL "$SERVER" 2>/dev/null || true
  fi
  psql_postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

step "Build the wheel from the files of the repository (a copy, so that no stale build/ folder leaks in)"
mkdir "$WORK/source"
git ls-files -z --cached --others --exclude-standard \
  | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null \
  | tar -xf - -C "$WORK/source"
"$PYTHON" -m pip wheel --quiet --no-deps "$WORK/source" -w "$WORK/dist"
WHEEL=$(ls "$WORK"/dist/standortkompass-*.whl)
"$PYTHON" - "$WHEEL" <<'EOF' || fail "the wheel lacks files the application reads"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
needed = [
    "standortkompass/regiondata/official/SOURCES.md",
    "standortkompass/regiondata/official/municipalities/gemeindeverzeichnis_gv-isys_2019-12-31.csv",
    "standortkompass/surveys/texts/datenschutz.md",
    "standortkompass/surveys/questionnaires/unternehmensbefragung_zukunftsstrategie.xlsx",
    "standortkompass/locale/de/LC_MESSAGES/django.mo",
    "standortkompass/templates/base.html",
]
missing = [name for name in needed if name not in names]
print("\n".join(f"missing: {name}" for name in missing))
sys.exit(1 if missing else 0)
EOF

step "Install it into a clean virtual environment outside the checkout ($WORK)"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEEL"
cd "$WORK"
SK="$WORK/venv/bin/standortkompass"
installed=$(env -u PYTHONPATH "$WORK/venv/bin/python" -c "import standortkompass; print(standortkompass.__file__)")
case "$installed" in
  "$WORK"/venv/*) ;;
  *) fail "standortkompass is imported from $installed, not from the clean environment" ;;
esac

step "Production configuration: DEBUG off, PostgreSQL ($DATABASE), Redis (database 15)"
psql_postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)"
psql_postgres -c "CREATE DATABASE $DATABASE"
redis-cli -h 127.0.0.1 -n 15 flushdb >/dev/null
mkdir -p "$WORK/var"
SECRET_KEY=$("$PYTHON" -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY
export DEBUG=false
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DATABASE"
export REDIS_URL=redis://127.0.0.1:6379/15
export STANDORTKOMPASS_VAR_DIR="$WORK/var"
export BEHIND_PROXY=true
export SITE_URL=https://localhost
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LOG_LEVEL=WARNING
unset PYTHONPATH OFFICIAL_DATA_DIR STATIC_ROOT MEDIA_ROOT || true

step "First start"
"$SK" check --deploy --fail-level WARNING
"$SK" migrate --no-input -v 0
"$SK" load-official-data
"$SK" collectstatic --no-input -v 0
test -n "$(ls "$WORK/var/static/core" 2>/dev/null)" || fail "collectstatic wrote nothing to $WORK/var/static"
if "$SK" demo >"$WORK/demo-refused.txt" 2>&1; then
  fail "standortkompass demo ran with DEBUG off and without --force"
fi
"$SK" demo --force >"$WORK/demo.txt"
grep -q "shown only this once" "$WORK/demo.txt" || fail "demo --force did not print its random log-ins"
if grep -q "Demo-Admin-2026!" "$WORK/demo.txt"; then
  fail "demo --force printed the published demo password on a real installation"
fi

step "A document from the installed wheel: the Standortanalyse as PDF and DOCX (templates, styles, fonts)"
"$SK" report standortanalyse --format pdf --output "$WORK/standortanalyse.pdf"
head -c 5 "$WORK/standortanalyse.pdf" | grep -q "%PDF-" || fail "standortkompass report wrote no PDF"
"$SK" report standortanalyse --format docx --output "$WORK/standortanalyse.docx"
"$PYTHON" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).getinfo('word/document.xml')" "$WORK/standortanalyse.docx" \
  || fail "standortkompass report wrote no DOCX"

step "Serve"
PORT=$("$PYTHON" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$SK" serve --host 127.0.0.1 --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
fetch() {  # fetch PATH: the page as nginx would forward an HTTPS request for it
  curl -fsS --max-time 30 -H "Host: localhost" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT$1"
}
for _ in $(seq 1 60); do
  if fetch /healthz >/dev/null 2>&1; then break; fi
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; fail "serve ended before it answered"; }
  sleep 1
done
fetch /healthz | grep -q '"status": "ok"' || { cat "$WORK/serve.log" >&2; fail "/healthz is not ok"; }
# The app processes warm before they accept connections: the published Standortanalyse is in Redis now.
charts=$(redis-cli -h 127.0.0.1 -n 15 --scan --pattern '*standortanalyse:*:charts:*' | wc -l)
test "$charts" -ge 20 || fail "serve answered before the Standortanalyse was warmed ($charts chart entries in Redis)"
echo "Warmed at start: $charts chart entries in Redis"

expect() {  # expect PATH TEXT…: the page answers 200 and contains every TEXT
  local path=$1 body text
  shift
  body=$(fetch "$path") || fail "GET $path did not answer 200"
  for text in "$@"; do
    grep -qF "$text" <<<"$body" || { grep -m1 "<title>" <<<"$body" >&2 || true; fail "GET $path does not contain \"$text\""; }
  done
  echo "GET $path: 200, contains $(printf '"%s" ' "$@")"
}
expect / "Zukunftsstrategie Landkreis Ludwigsburg"
expect /standortanalyse/wirtschaftsstruktur/ "Wirtschaftsstruktur" "Ludwigsburg" "<table"
expect /befragung/unternehmensbefragung-demo/ "Unternehmensbefragung Zukunftsstrategie"
expect /strategie/ "Zukunftsstrategie Wirtschaftsstandort Landkreis Ludwigsburg (Demo)" "Handlungsfelder"
expect /projekte/ "Transformationsnetzwerk Automotive Ludwigsburg"
expect /umsetzung/ "Transformationsnetzwerk Automotive Ludwigsburg" "<table"
expect /beschluesse/ "Lenkungskreis"
expect /api/v1/processes/ '"items"' '"licence"'
expect /mitmachen/ "An einer Werkstatt teilnehmen" 'name="code"' "workshops/participant."
# The live workshops' WebSocket through the installed wheel's serve: a real handshake reaches Channels (an unknown
# session is accepted and closed with 4403), a foreign Origin is refused at the handshake.
"$WORK/venv/bin/python" - "$PORT" <<'PYEOF' || fail "the WebSocket route does not answer as it should"
import sys
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect
url = f"ws://127.0.0.1:{sys.argv[1]}/ws/werkstatt/999999/"
try:
    with connect(url, origin="https://localhost", open_timeout=10) as client:
        client.recv(timeout=10)
    sys.exit("the connection stayed open")
except ConnectionClosed as closed:
    assert closed.rcvd is not None and closed.rcvd.code == 4403, closed
try:
    connect(url, origin="https://evil.example", open_timeout=10)
    sys.exit("a foreign Origin was accepted")
except InvalidStatus as refused:
    assert refused.response.status_code == 403, refused
print("WebSocket /ws/werkstatt/: handshake reaches Channels (4403), foreign Origin refused (403)")
PYEOF

step "Stop serve with SIGTERM"
WORKER=$(pgrep -P "$SERVER" -f db_worker || true)
test -n "$WORKER" || fail "serve started no task worker"
kill -TERM "$SERVER"
status=0
wait "$SERVER" || status=$?
SERVER=""
test "$status" -eq 0 || fail "serve ended with status $status after SIGTERM"
for _ in $(seq 1 10); do
  kill -0 "$WORKER" 2>/dev/null || break
  sleep 1
done
if kill -0 "$WORKER" 2>/dev/null; then
  kill -KILL "$WORKER"
  fail "the task worker (pid $WORKER) outlived serve"
fi

step "Production check passed"
