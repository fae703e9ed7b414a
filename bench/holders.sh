#!/usr/bin/env bash
# Benchmarks of issue 5 on this machine (see bench/README.md): importing the border feed and
# sweeping the permit holders, on data from the seeded generator.
#   bench/holders.sh                     # PostgreSQL (BENCH_ADMIN_URL's server), 1,000,000 holders
#   BACKEND=sqlite bench/holders.sh      # SQLite file
#   HOLDERS=100000 PER_HOLDER=10 bench/holders.sh
# Needs: psql (PostgreSQL) or sqlite3 (SQLite), and GNU time (/usr/bin/time) for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
backend="${BACKEND:-postgres}"
holders="${HOLDERS:-1000000}"
per_holder="${PER_HOLDER:-10}"
seed="${SEED:-1}"
as_of="${AS_OF:-2026-06-01}"
work="${BENCH_WORK:-$(mktemp -d)}"
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"

[ -n "${SKIP_BUILD:-}" ] || cargo build --release --locked --bin ruqsat
ruqsat=./target/release/ruqsat
if [ "$backend" = postgres ]; then
  database="${BENCH_DATABASE:-ruqsat_bench_holders}"
  url="${admin%/*}/$database"
  psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
  # The fresh database's audit chain is keyed with a key of this run (PostgreSQL needs one named).
  rm -f "$work/audit.key"
  export RUQSAT_AUDIT_KEY_FILE="$work/audit.key"
  sql() { psql "$url" -q -v ON_ERROR_STOP=1 "$@"; }
else
  rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  url="sqlite://$work/bench.db"
  sql() { sqlite3 -bail "$work/bench.db" "$@"; }
fi

echo "== generate: $holders holders x $per_holder crossings (seed $seed) into $work"
/usr/bin/time -f "generate: %e s, %M KiB peak" \
  "$ruqsat" crossings generate --out "$work/feed.csv" --holders-out "$work/holders.csv" \
  --holders "$holders" --per-holder "$per_holder" --seed "$seed"
ls -l "$work/feed.csv"

echo "== import (new rows)"
/usr/bin/time -f "import new: %e s, %M KiB peak" "$ruqsat" crossings import "$work/feed.csv" --database "$url"
echo "== import again (every row already stored)"
/usr/bin/time -f "import again: %e s, %M KiB peak" "$ruqsat" crossings import "$work/feed.csv" --database "$url"

echo "== the holders: one issued PRP case each, in the register"
if [ "$backend" = postgres ]; then
  sql -c "CREATE TABLE bench_holders (passport TEXT, issued_on TEXT)" \
      -c "\\copy bench_holders FROM '$work/holders.csv' CSV HEADER"
else
  sql -cmd "CREATE TABLE bench_holders (passport TEXT, issued_on TEXT)" ".import --csv --skip 1 $work/holders.csv bench_holders"
fi
# Each case carries the example application with the holder's passport (the registry re-checks
# read the applicant from it).
python3 - "$work/holders.sql" <<'PY'
import json, sys
application = json.load(open("examples/api/submit-trp.json"))["application"]
template = json.dumps(application, ensure_ascii=False).replace("'", "''")
number = application["applicant"]["passport"]["number"]
open(sys.argv[1], "w").write(f"""
INSERT INTO cases (number, service, channel, region, state, submitted_at, passport_number, application,
                   permit_number, created_at, updated_at)
SELECT 'BENCH-' || passport, 'prp', 'desk', 'almaty', 'handed_over', issued_on || 'T04:00:00.000000Z', passport,
       replace('{template}', '"{number}"', '"' || passport || '"'),
       'BP-' || passport, issued_on || 'T04:00:00.000000Z', issued_on || 'T04:00:00.000000Z'
FROM bench_holders;
INSERT INTO permit_holders (case_id, service, passport, issued_on)
SELECT c.id, 'prp', h.passport, h.issued_on FROM bench_holders h JOIN cases c ON c.passport_number = h.passport;
-- As the register does: each holder with a presence state to fold at the next sweep.
INSERT INTO holder_presence (case_id, state, marks, updated_at) SELECT case_id, '', 1, '' FROM permit_holders;
""")
PY
if [ "$backend" = postgres ]; then sql -f "$work/holders.sql"; else sql < "$work/holders.sql"; fi
if [ "$backend" = postgres ]; then sql -c "VACUUM ANALYZE"; else sql "ANALYZE"; fi

echo "== sweep as of $as_of (first: records the candidates)"
/usr/bin/time -f "sweep: %e s, %M KiB peak" "$ruqsat" sweep --as-of "$as_of" --database "$url"
echo "== sweep again (the candidates already recorded)"
/usr/bin/time -f "sweep again: %e s, %M KiB peak" "$ruqsat" sweep --as-of "$as_of" --database "$url"
