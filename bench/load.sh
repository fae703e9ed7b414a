#!/usr/bin/env bash
# Load benchmarks of issue 3 on this machine, on loopback (see bench/README.md):
#   intake: POST /api/v1/applications on PostgreSQL, durable before the answer;
#   status: POST /api/v1/status with 1,000,000 cases in the database.
# Needs: wrk (apt-get install -y wrk), PostgreSQL at $BENCH_DATABASE_URL's server (default: local).
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
database="${BENCH_DATABASE:-ruqsat_bench}"
url="${admin%/*}/$database"
duration="${DURATION:-20s}"
intake_connections="${INTAKE_CONNECTIONS:-8}"
status_connections="${STATUS_CONNECTIONS:-8}"

cargo build --release --locked --bin ruqsat
psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
# The fresh database's audit chain is keyed with a key of this run (PostgreSQL needs one named).
keys=$(mktemp -d)
export RUQSAT_AUDIT_KEY_FILE="$keys/audit.key"
# The permit seal keys of the benchmark installation (a fresh directory gets a new key).
export RUQSAT_SEAL_KEYS="$keys/seal-keys"

# One address (wrk) asks for a million cases: the public lookups' rate limit is off here.
./target/release/ruqsat serve --demo --public-lookups-per-minute 0 --database "$url" --listen 127.0.0.1:18090 > /tmp/ruqsat-bench.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18090/health >/dev/null && break; sleep 1; done

echo "== status lookup: filling 1,000,000 cases"
psql "$url" -q <<'SQL'
INSERT INTO cases (number, service, channel, region, state, submitted_at, due_at, passport_number, iin,
                   application, created_at, updated_at)
SELECT format('BENCH-%s', lpad(n::text, 8, '0')), 'trp', 'portal', 'almaty', 'proposed',
       '2025-03-20T05:15:00.000000Z', '2025-03-26T13:30:00.000000Z', format('BENCH%s', lpad(n::text, 7, '0')),
       NULL, '{}', '2025-03-20T05:15:00.000000Z', '2025-03-20T05:15:00.000000Z'
FROM generate_series(1, 1000000) AS n;
SQL
psql "$url" -q -c 'VACUUM ANALYZE cases'
psql "$url" -t -c "SELECT count(*) FROM cases"
echo "== status lookup: $status_connections connections, $duration"
CASES=1000000 wrk -t2 -c"$status_connections" -d"$duration" --latency -s bench/status.lua http://127.0.0.1:18090

echo "== intake: $intake_connections connections, $duration"
# The portal's application signed by the demo applicant (the installation trusts the demo authority).
./target/release/ruqsat application sign --database "$url" examples/api/submit-trp.json > "$keys/signed-trp.json"
export SIGNED_BODY="$keys/signed-trp.json"
wrk -t2 -c"$intake_connections" -d"$duration" --latency -s bench/intake.lua http://127.0.0.1:18090/api/v1/applications


echo "== intake on an intake-only node (the checks run in another process): $intake_connections connections, $duration"
kill $server; wait $server 2>/dev/null || true
./target/release/ruqsat serve --demo --no-worker --database "$url" --listen 127.0.0.1:18090 > /tmp/ruqsat-bench-intake.log 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18090/health >/dev/null && break; sleep 1; done
wrk -t2 -c"$intake_connections" -d"$duration" --latency -s bench/intake.lua http://127.0.0.1:18090/api/v1/applications
kill $server; wait $server 2>/dev/null || true
trap - EXIT
psql "$admin" -q -c "DROP DATABASE IF EXISTS $database"
