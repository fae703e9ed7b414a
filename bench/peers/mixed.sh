#!/usr/bin/env bash
# Issue 16 (benchmark h): mixed traffic on PostgreSQL. One `ruqsat serve` (release build, with
# its worker, as deployed) on a fresh database holding CASES cases (100,000: copies of a demo
# case whose permit the officer issued, each with its own number, passport and permit number, 5 %
# of them open in Almaty's queue); wrk with CLIENTS connections (50) for DURATION (60 s) sends
# the mix of bench/mixed.lua: status lookups, permit verifications, the Almaty officer's case
# reads (audited) and queue, the portal's signed submissions (each checked by the worker against
# the simulated registries). Goal: p99 under 100 ms, no error. Prints one Markdown section.
# Env: CASES, CLIENTS, DURATION, SKIP_BUILD, CARGO_TARGET_DIR, RUQSAT_BIN, BENCH_ADMIN_URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
cases="${CASES:-100000}"
clients="${CLIENTS:-50}"
duration="${DURATION:-60}"
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
database=ruqsat_bench_mixed
url="${admin%/*}/$database"
ruqsat="${RUQSAT_BIN:-${CARGO_TARGET_DIR:-target}/release/ruqsat}"
port=18093
base="http://127.0.0.1:$port"
work="$(mktemp -d -p "${BENCH_WORK:-${TMPDIR:-/tmp}}" ruqsat-mixed.XXXXXX)"
server=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
  psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" >&2 || echo "mixed: could not drop $database" >&2
}
trap cleanup EXIT
say() { echo "mixed: $*" >&2; }
sql() { psql "$url" -q -v ON_ERROR_STOP=1 "$@"; }

command -v wrk >/dev/null || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >&2; }
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release --locked --bin ruqsat >&2
fi
[ -x "$ruqsat" ] || { say "no $ruqsat (build it, or set CARGO_TARGET_DIR)"; exit 1; }
export RUQSAT_AUDIT_KEY_FILE="$work/audit.key" RUQSAT_SEAL_KEYS="$work/seal-keys"

start() {
  # One address (wrk) sends everything: the public lookups' limit per address is off here.
  "$ruqsat" serve --demo --database "$url" --listen "127.0.0.1:$port" --public-lookups-per-minute 0 \
    --notifications "$work/notifications.jsonl" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null && return; sleep 0.5; done
  say "the service did not start:"; tail -20 "$work/serve.log" >&2; exit 1
}

psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >&2
say "the demo installation (migrations, accounts, demo cases), one permit issued by the officer"
start
login() {
  curl -sf -X POST "$base/api/v1/sessions" -H 'Content-Type: application/json' \
    -d '{"login": "officer.almaty", "password": "demo-officer-almaty"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
token=$(login)
# The first checked TRP of Almaty whose proposal is to issue (the others need a reason).
template=
for _ in $(seq 1 60); do
  for id in $(sql -At -c "SELECT id FROM cases WHERE region = 'almaty' AND service = 'trp' AND state = 'proposed' ORDER BY id"); do
    if curl -sf -X POST "$base/api/v1/cases/$id/decision" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d '{"outcome": "issue"}' >/dev/null; then
      template=$id
      break 2
    fi
  done
  sleep 1
done
[ -n "$template" ] || { say "the officer could issue no demo case of Almaty"; exit 1; }
kill "$server"; wait "$server" 2>/dev/null || true; server=
[ -n "$(sql -At -c "SELECT permit_number FROM cases WHERE id = $template")" ] || { say "case $template has no permit"; exit 1; }
say "filling $cases copies of case $template"
started=$(date +%s.%N)
sql <<SQL >&2
DO \$\$
DECLARE
  columns TEXT;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO columns
  FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = 'cases'
    AND column_name NOT IN ('id', 'number', 'passport_number', 'permit_number', 'iin', 'state', 'region', 'lease_until', 'assignee');
  EXECUTE format(
    'INSERT INTO cases (number, passport_number, permit_number, iin, state, region, %s) '
    'SELECT ''BM-'' || lpad(g::text, 8, ''0''), ''FM'' || lpad(g::text, 8, ''0''), '
    '       CASE WHEN g %% 20 = 0 THEN NULL ELSE ''BP-'' || lpad(g::text, 8, ''0'') END, NULL, '
    '       CASE WHEN g %% 20 = 0 THEN ''proposed'' ELSE state END, ''almaty'', %s '
    'FROM cases, generate_series(1, $cases) AS g WHERE cases.id = $template ORDER BY g',
    columns, columns);
END
\$\$;
VACUUM ANALYZE;
SQL
fill_s=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
first_id=$(sql -At -c "SELECT id FROM cases WHERE number = 'BM-00000001'")
start
token=$(login)
"$ruqsat" application sign --database "$url" examples/api/submit-trp.json > "$work/signed.json"
# Each kind answers 2xx before the load starts (a wrong fixture would only show as errors).
check() { local what="$1"; shift; "$@" >/dev/null || { say "$what does not answer 2xx: $(curl -s "${@:2}" | head -c 300)"; exit 1; }; }
check "the status lookup" curl -sf -X POST "$base/api/v1/status" -H 'Content-Type: application/json' -d '{"number":"BM-00000007","document":"FM00000007"}'
check "the case read" curl -sf "$base/api/v1/cases/$((first_id + 6))" -H "Authorization: Bearer $token"
check "the queue" curl -sf "$base/api/v1/queue" -H "Authorization: Bearer $token"
standing=$(curl -sf "$base/api/v1/permits/BP-00000007")
grep -q '"status":"unknown"' <<<"$standing" && { say "the copied permit is unknown to verification: $standing"; exit 1; }
load_average=$(cut -d' ' -f1 /proc/loadavg)
say "wrk: $clients connections, ${duration} s"
out=$(CASES="$cases" FIRST_ID="$first_id" OFFICER_TOKEN="$token" SIGNED_BODY="$work/signed.json" \
  wrk -t2 -c"$clients" -d"${duration}s" --timeout 10s -s bench/mixed.lua "$base")
echo "$out" >&2
submitted=$(sql -At -c "SELECT count(*) FROM cases WHERE channel = 'portal' AND number NOT LIKE 'BM-%'")
get() { awk -v key="$1" '$1 == "latency" && $2 == key { print $3 }' <<<"$out"; }
rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
requests=$(awk '$1 == "requests" { print $2 }' <<<"$out")
errors=$(awk '$1 == "errors" { print $3 + $5 + $7 + $9 + $11 }' <<<"$out")
p99=$(get p99)
verdict=$(awk -v p="$p99" -v e="$errors" 'BEGIN {
  if (p < 100 && e == 0) print "**met**"
  else if (e > 0) printf "**not met: %d errors**", e
  else printf "**not met: %.0f ms over**", p - 100 }')
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
cat <<MARKDOWN
## h. Mixed load on PostgreSQL, $clients clients for $duration s (issue 16)

One \`ruqsat serve\` (release build, with its worker) on PostgreSQL holding $(commas "$cases") cases (copies
of a demo case whose permit the officer issued, filled in $fill_s s; 5 % open in Almaty's queue);
wrk, $clients connections on 2 threads, sends \`bench/mixed.lua\`: 35 % status lookups, 25 % permit
verifications, 15 % case reads by the Almaty officer (each audited), 10 % the officer's queue
(first page), 15 % signed submissions by the portal (each committed before the answer and
checked by the worker against the simulated registries: $(commas "$submitted") submitted). wrk and
PostgreSQL run on the same machine as the service.

| requests | per second | p50 | p90 | p99 | p99.9 | max | errors |
|---|---|---|---|---|---|---|---|
| $(commas "$requests") | $(commas "$rps") | $(get p50) ms | $(get p90) ms | $(get p99) ms | $(get p99.9) ms | $(get max) ms | $errors |

Goal p99 under 100 ms with no error: $verdict.

$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average $load_average before), release build, $(psql "$admin" -At -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /') on the same machine, $(date +%Y-%m-%d).
MARKDOWN
