#!/usr/bin/env bash
# Intake vs the database's own ceiling (issue 6, b). On one fresh PostgreSQL database:
#   Ruqsat: `POST /api/v1/applications` as the portal (wrk, a fresh Idempotency-Key per request)
#           on an intake-only process (`--no-worker`), answered after the commit;
#   pgbench: the same SQL transaction that one application writes (bench/peers/intake.sql: the
#           idempotency lookup; the case, its number, its event, two notifications and the key
#           in one transaction; the case read back; the hash-chained audit entry in a second
#           transaction), with prepared statements, the same number of connections and seconds.
# Prints a Markdown section (progress on stderr). Goal: Ruqsat ≥ 0.5 of pgbench, p99 < 50 ms.
# Needs wrk (installed with apt-get when missing) and pgbench (PostgreSQL's client package).
set -euo pipefail
cd "$(dirname "$0")/../.."
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
database=ruqsat_bench_intake
url="${admin%/*}/$database"
seconds="${SECONDS_PER_RUN:-20}"
connections="${CONNECTIONS:-8}"
ruqsat="${RUQSAT_BIN:-${CARGO_TARGET_DIR:-target}/release/ruqsat}"
port=18091
log() { echo "[intake] $*" >&2; }

command -v wrk >/dev/null || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >&2; }
command -v pgbench >/dev/null || { echo "pgbench is missing (Debian package postgresql-client)" >&2; exit 1; }
[ -x "$ruqsat" ] || cargo build --release --locked --bin ruqsat >&2

psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >&2
# The fresh database's audit chain is keyed with a key of this run (PostgreSQL needs one named).
keys=$(mktemp -d)
export RUQSAT_AUDIT_KEY_FILE="$keys/audit.key" RUQSAT_SEAL_KEYS="$keys/seal-keys"
"$ruqsat" serve --demo --no-worker --database "$url" --listen "127.0.0.1:$port" > /tmp/ruqsat-bench-intake.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done

# The portal's application signed by the demo applicant (the portal's applications carry the
# applicant's signature; the installation trusts the demo authority), as bench/load.sh does.
"$ruqsat" application sign --database "$url" examples/api/submit-trp.json > "$keys/signed-trp.json"
export SIGNED_BODY="$keys/signed-trp.json"
log "Ruqsat: $connections connections, ${seconds}s"
wrk_out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/intake.lua "http://127.0.0.1:$port/api/v1/applications")
echo "$wrk_out" >&2
kill $server; wait $server 2>/dev/null || true
trap - EXIT
ruqsat_rps=$(awk '/^Requests\/sec/ {print $2}' <<< "$wrk_out")
ruqsat_p99=$(awk '$1 == "99%" {print $2}' <<< "$wrk_out")
non2xx=$(awk '/Non-2xx/ {print $NF}' <<< "$wrk_out")
[ -z "$non2xx" ] || { echo "Ruqsat answered $non2xx non-2xx responses" >&2; exit 1; }

# The template application, as Ruqsat stores it (the same text size per row).
psql "$url" -q -c "DROP TABLE IF EXISTS bench_template" \
  -c "CREATE TABLE bench_template AS SELECT application, proposal FROM cases WHERE channel = 'portal' ORDER BY id DESC LIMIT 1" >&2
log "pgbench: $connections connections, ${seconds}s"
pg_out=$(pgbench -n -M prepared -c "$connections" -j 2 -T "$seconds" -f bench/peers/intake.sql \
  --log --log-prefix=/tmp/ruqsat-pgbench "$url" 2>&1) || { echo "$pg_out" >&2; exit 1; }
echo "$pg_out" >&2
pg_tps=$(awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]; exit}' <<< "$pg_out")
pg_p99=$(cat /tmp/ruqsat-pgbench* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2fms", a[int(NR*0.99)]/1000}')
rm -f /tmp/ruqsat-pgbench*
psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" >&2

python3 - "$ruqsat_rps" "$ruqsat_p99" "$pg_tps" "$pg_p99" "$connections" "$seconds" <<'EOF'
import sys
rps, p99, tps, pg_p99, connections, seconds = sys.argv[1:]
def ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float(text)
rps, tps, p99_ms = float(rps), float(tps), ms(p99)
ratio = rps / tps
print("## b. Intake vs pgbench (the same SQL transaction)\n")
print(f"PostgreSQL on loopback, {connections} connections, {seconds} s each; Ruqsat intake-only "
      "(`--no-worker`), each answer after the commit; pgbench runs `bench/peers/intake.sql`, the "
      "rows one application writes, with prepared statements.\n")
print("| | per second | p99 latency |\n|---|---|---|")
print(f"| Ruqsat `POST /api/v1/applications` | {rps:,.0f} | {p99_ms:.1f} ms |")
print(f"| pgbench, same transaction | {tps:,.0f} | {ms(pg_p99):.1f} ms |\n")
goal_ratio, goal_p99 = ratio >= 0.5, p99_ms < 50
print(f"Ratio: **{ratio:.2f}** of pgbench's throughput (goal ≥ 0.5: "
      + ("met" if goal_ratio else f"not met, {(0.5 - ratio) / 0.5:.0%} short") + "); p99 "
      + f"{p99_ms:.1f} ms (goal < 50 ms: " + ("met" if goal_p99 else f"not met, {p99_ms - 50:.1f} ms over") + ").\n")
EOF
