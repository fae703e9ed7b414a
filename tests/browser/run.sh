#!/usr/bin/env bash
# Runs the browser tests: starts `ruqsat serve --demo` on a fresh SQLite database and a free
# port, runs journey.mjs in Debian's Chromium, stops the server. Screenshots and the PDFs go to
# $SCREENSHOTS (default tests/browser/screenshots).
#   tests/browser/run.sh [path/to/ruqsat]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-${CARGO_TARGET_DIR:-$here/../../target}/debug/ruqsat}"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# The desk and the State Corporation take applications only within their hours (acc.hours): the
# service's clock starts at 10:30 Kazakhstan time of the latest working day (by the production
# calendar the binary knows), whenever and on whatever day the tests run.
start="$(python3 - "$binary" <<'PY'
import datetime, json, subprocess, sys
almaty = datetime.timezone(datetime.timedelta(hours=5))
now = datetime.datetime.now(almaty)
def days_off(year):
    out = subprocess.run([sys.argv[1], "calendar", str(year)], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out)["days_off"])
day = now.date() if now.time() >= datetime.time(10, 30) else now.date() - datetime.timedelta(days=1)
off = days_off(day.year)
while day.isoformat() in off:
    day -= datetime.timedelta(days=1)
    if day.isoformat()[:4] != str(min(off))[:4]:
        off = days_off(day.year)
print(f"{day.isoformat()}T10:30:00+05:00")
PY
)"
"$binary" serve --demo --clock-start "$start" --database "sqlite://$work/browser.db" --listen "127.0.0.1:$port" \
  --notifications "$work/notifications.jsonl" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" > /dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/health" > /dev/null || { cat "$work/serve.log"; echo "the server did not start"; exit 1; }
cd "$here"
{ [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ]; } || npm ci --no-audit --no-fund
CLOCK_START="$start" LAPSE_FILE="$work/lapse.json" BASE_URL="http://127.0.0.1:$port" node journey.mjs || { echo "--- server log"; tail -40 "$work/serve.log"; exit 1; }
# The hearing's second case got no objection: the same database, served again ten days later
# (past any window of two working days), the worker lets the refusal proceed to the supervisor.
kill "$server"; wait "$server" 2>/dev/null || true
later="$(python3 -c 'import datetime,sys; print((datetime.datetime.fromisoformat(sys.argv[1]) + datetime.timedelta(days=10)).isoformat())' "$start")"
"$binary" serve --demo --clock-start "$later" --database "sqlite://$work/browser.db" --listen "127.0.0.1:$port" \
  --notifications "$work/notifications.jsonl" >> "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" > /dev/null && break
  sleep 0.2
done
LAPSE_FILE="$work/lapse.json" BASE_URL="http://127.0.0.1:$port" node lapse.mjs || { echo "--- server log"; tail -40 "$work/serve.log"; exit 1; }
