#!/usr/bin/env bash
# Issue 6, side by side (benchmark c): the sweep of PRP holders for art49.15 (fewer than
# art49_15.min_days = 183 days present in a twelve-month period from the issue date), Ruqsat
# against DuckDB (PyPI `duckdb`, in a venv under the cache) running the same rule as SQL,
# bench/peers/art49_15.sql, on the very same generated data.
#
# What is measured:
# * Ruqsat: the data generated as bench/holders.sh does (`ruqsat crossings generate
#   --holders-out`), imported into a fresh PostgreSQL database, one issued PRP case per holder
#   in the register; then `ruqsat sweep --full --as-of AS_OF` (the full recomputation from every crossing), twice (the first records the candidates,
#   the second finds them recorded). The figure is the sweep's own "presence" time: reading
#   the register of holders in force and every crossing from the database, the art49.15
#   assessment of every holder, and writing the candidates with their evidence. The registry
#   re-checks and reminders of the same command are not counted (DuckDB does no such thing);
#   the whole command's wall time is shown for information.
# * DuckDB: the same feed and holders CSV files read into in-memory tables (timed apart: "load"),
#   then the query that computes the flagged set into a table, twice, on the loaded tables. The
#   fair counterpart of Ruqsat reading from its database is DuckDB querying tables it has
#   already loaded; load + first query ("from the CSV files") is shown too.
# The ratio takes the better of the two runs on each side. Both flagged sets (passport and
# first short period) must be identical, else the differences are shown and the exit is 1.
# Prints one Markdown section on stdout, progress on stderr. Drops its database
# (ruqsat_bench_sweep) and removes its files at the end.
# Env: HOLDERS (200000; the issue's scale is 1000000), PER_HOLDER (10), SEED (1),
# AS_OF (2026-06-01), SKIP_BUILD, CARGO_TARGET_DIR, BENCH_ADMIN_URL
# (postgres://postgres@127.0.0.1:5432/test), RUQSAT_CACHE (~/.cache/ruqsat: the venv),
# BENCH_WORK (where the temporary directory goes), DROP_EVERY (N: drop every Nth row of the
# feed before both sides read it, so that entries or exits are missing: checks the rule's
# unknown days, not for timing).
# Needs: psql, python3 (venv), GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
holders="${HOLDERS:-200000}"
per_holder="${PER_HOLDER:-10}"
seed="${SEED:-1}"
as_of="${AS_OF:-2026-06-01}"
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
database=ruqsat_bench_sweep
url="${admin%/*}/$database"
venv="${RUQSAT_CACHE:-$HOME/.cache/ruqsat}/bench-venv"
ruqsat="${RUQSAT_BIN:-${CARGO_TARGET_DIR:-target}/release/ruqsat}"
goal=2
work="$(mktemp -d -p "${BENCH_WORK:-${TMPDIR:-/tmp}}" ruqsat-sweep.XXXXXX)"
cleanup() {
  rm -rf "$work"
  psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" >&2 || echo "sweep: could not drop $database" >&2
}
trap cleanup EXIT
say() { echo "sweep: $*" >&2; }
sql() { psql "$url" -q -v ON_ERROR_STOP=1 "$@"; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building ruqsat (release)"
  cargo build --release --locked --bin ruqsat >&2
fi
[ -x "$ruqsat" ] || { say "no $ruqsat (build it, or set CARGO_TARGET_DIR)"; exit 1; }
# The fresh database's audit chain is keyed with a key of this run (PostgreSQL needs one named).
export RUQSAT_AUDIT_KEY_FILE="$work/audit.key"
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  say "installing duckdb into $venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q duckdb >&2
fi

# The minimum in force on the day of the check, from the dated parameters.
min_days="$("$venv/bin/python" - "$as_of" <<'PY'
import sys, tomllib
as_of = sys.argv[1]
rows = [p for p in tomllib.load(open("data/parameters.toml", "rb"))["parameter"]
        if p["name"] == "art49_15.min_days" and str(p["in_force_from"]) <= as_of]
print(max(rows, key=lambda p: str(p["in_force_from"]))["value"] if rows else "")
PY
)"
[ -n "$min_days" ] || { say "art49_15.min_days is not in force on $as_of (data/parameters.toml)"; exit 1; }

# --- The data, and Ruqsat's database: the steps of bench/holders.sh (PostgreSQL). ---
say "generating $holders holders x $per_holder crossings (seed $seed) into $work"
"$ruqsat" crossings generate --out "$work/feed.csv" --holders-out "$work/holders.csv" \
  --holders "$holders" --per-holder "$per_holder" --seed "$seed" >&2
if [ -n "${DROP_EVERY:-}" ]; then
  say "dropping every ${DROP_EVERY}th crossing of the feed"
  awk -v n="$DROP_EVERY" 'NR == 1 || (NR - 1) % n != 0' "$work/feed.csv" > "$work/feed.kept.csv"
  mv "$work/feed.kept.csv" "$work/feed.csv"
fi
feed_rows=$(($(wc -l < "$work/feed.csv") - 1))
feed_mb=$(du -m "$work/feed.csv" | cut -f1)

psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >&2
say "importing the feed into PostgreSQL"
"$ruqsat" crossings import "$work/feed.csv" --database "$url" >&2
say "registering one issued PRP case per holder"
sql -c "CREATE TABLE bench_holders (passport TEXT, issued_on TEXT)" \
    -c "\\copy bench_holders FROM '$work/holders.csv' CSV HEADER" >&2
# Each case carries the example application with the holder's passport (as bench/holders.sh).
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
sql -f "$work/holders.sql" >&2
sql -c "VACUUM ANALYZE" >&2
stored=$(sql -At -c "SELECT count(*) FROM crossings")
[ "$stored" = "$feed_rows" ] || { say "PostgreSQL holds $stored crossings, the feed $feed_rows"; exit 1; }

# What the sweep's presence part must read from PostgreSQL, timed apart (for the reader: how
# much of Ruqsat's time is the database's): the register of holders in force, and the crossings
# (the same COPY as the sweep's scan), each written to /dev/null by psql.
seconds() { local start; start=$(date +%s.%N); "$@" > /dev/null; awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
copy_s=$(seconds sql -c "COPY crossings (crossing_id, iin, passport, direction, at) TO STDOUT")
register_s=$(seconds sql -c "COPY (SELECT h.case_id, h.service, h.subtype, h.iin, h.passport, h.issued_on, h.valid_to, h.exempt
  FROM permit_holders h JOIN cases c ON c.id = h.case_id
  WHERE h.service = 'prp' AND c.state IN ('permit_issued', 'delivered', 'handed_over') ORDER BY h.case_id) TO STDOUT")
load_average=$(cut -d' ' -f1 /proc/loadavg)

# --- Ruqsat: the sweep, twice. ---
ruqsat_presence=()
ruqsat_wall=()
for run in 1 2; do
  say "ruqsat sweep --as-of $as_of (run $run)"
  /usr/bin/time -f "%e" -o "$work/wall" "$ruqsat" sweep --full --as-of "$as_of" --database "$url" > "$work/sweep.out"
  cat "$work/sweep.out" >&2
  presence=$(sed -n 's/^took: presence \([0-9.]*\) s.*/\1/p' "$work/sweep.out")
  [ -n "$presence" ] || { say "no presence time in the sweep's output"; exit 1; }
  ruqsat_presence+=("$presence")
  ruqsat_wall+=("$(cat "$work/wall")")
  if [ "$run" = 1 ]; then first_line=$(head -1 "$work/sweep.out"); fi
done
swept=$(sed -n 's/^sweep of [0-9-]*: \([0-9]*\) PRP holders.*/\1/p' <<<"$first_line")
undetermined=$(sed -n 's/.*, \([0-9]*\) with data problems.*/\1/p' <<<"$first_line")
sql -At -F, -c "SELECT c.passport_number, r.period_from FROM revocation_candidates r JOIN cases c ON c.id = r.case_id
                WHERE r.ground = 'art49.15' ORDER BY 1, 2" > "$work/ruqsat.csv"

# --- DuckDB: load, then the query twice. ---
say "DuckDB: loading the CSV files and running bench/peers/art49_15.sql"
duck="$("$venv/bin/python" bench/peers/duckdb_sweep.py "$work/feed.csv" "$work/holders.csv" "$as_of" "$min_days" \
  "$work/duckdb.csv" 2)"
echo "$duck" >&2
get() { awk -v key="$1" '$1 == key { print $2 }' <<<"$duck"; }
[ "$(get crossings)" = "$feed_rows" ] || { say "DuckDB read $(get crossings) crossings, the feed has $feed_rows"; exit 1; }
duck_queries=($(get query_s))

# --- The flagged sets must be identical. ---
ours=$(wc -l < "$work/ruqsat.csv")
theirs=$(wc -l < "$work/duckdb.csv")
say "flagged (passport, first short period): Ruqsat $ours, DuckDB $theirs"
if ! cmp -s "$work/ruqsat.csv" "$work/duckdb.csv"; then
  say "the flagged sets DIFFER; first differences (< Ruqsat only, > DuckDB only):"
  diff "$work/ruqsat.csv" "$work/duckdb.csv" | grep '^[<>]' | head -20 >&2 || true
  for passport in $(diff "$work/ruqsat.csv" "$work/duckdb.csv" | sed -n 's/^[<>] \([^,]*\),.*/\1/p' | sort -u | head -5); do
    say "holder $passport: $(grep "^$passport," "$work/holders.csv"); crossings:"
    grep ",$passport," "$work/feed.csv" >&2 || true
    sql -At -c "SELECT r.evidence FROM revocation_candidates r JOIN cases c ON c.id = r.case_id
                WHERE r.ground = 'art49.15' AND c.passport_number = '$passport'" >&2
  done
  exit 1
fi
say "identical"

# --- The report. ---
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
best() { printf '%s\n' "$@" | sort -g | head -1; }
ruqsat_best=$(best "${ruqsat_presence[@]}")
duck_best=$(best "${duck_queries[@]}")
duck_csv=$(awk -v a="$(get load_s)" -v b="${duck_queries[0]}" 'BEGIN { printf "%.2f", a + b }')
verdict() {
  awk -v ours="$1" -v theirs="$2" -v goal="$goal" 'BEGIN {
    ratio = theirs / ours
    if (ratio >= goal) printf "%.1f×; goal Ruqsat ≥ %d× faster: **met**", ratio, goal
    else printf "%.1f×; goal Ruqsat ≥ %d× faster: **goal not met: %.1f× instead of %d×, %.0f%% short**", ratio, goal, ratio, goal, (goal - ratio) / goal * 100
    if (ratio < 1) printf " (Ruqsat is %.1f× slower than DuckDB)", 1 / ratio
  }'
}
s() { printf '%.2f s' "$1"; }
drop_note=""
[ -n "${DROP_EVERY:-}" ] && drop_note=" Every ${DROP_EVERY}th row of the feed dropped (missing entries and exits: unknown days)."

cat <<MARKDOWN
## c. The full recomputation, $(commas "$holders") holders: Ruqsat against DuckDB (issues 6 and 16)

Compared: the art49.15 sweep of PRP holders on $as_of (fewer than $min_days days present in a
twelve-month period from the issue date; days with contradictory crossings unknown; a period
judged once ended or out of reach). $(commas "$holders") holders, $(commas "$feed_rows") crossings ($feed_mb MB CSV) from
\`ruqsat crossings generate\` (seed $seed, $per_holder per holder).$drop_note Ruqsat: \`ruqsat sweep\` over
PostgreSQL ($(commas "$swept") holders in force, $(commas "$undetermined") undetermined), its own "presence" time: the register
and every crossing read from the database, every holder assessed, the candidates written with
their evidence. DuckDB $(get version) ($(get threads) threads, in memory): \`bench/peers/art49_15.sql\`, the same
rule as SQL, over the same feed and holders files, timed on tables already loaded (the
counterpart of Ruqsat reading its database); the load of the CSV files is shown apart. Both
flag the same $(commas "$ours") holders, with the same first short period.

| side | run 1 | run 2 |
|---|---|---|
| Ruqsat \`sweep\`, presence part | $(s "${ruqsat_presence[0]}") | $(s "${ruqsat_presence[1]}") |
| (whole \`ruqsat sweep\` command, with registry re-checks) | $(s "${ruqsat_wall[0]}") | $(s "${ruqsat_wall[1]}") |
| (PostgreSQL alone, psql to /dev/null: \`COPY\` of the crossings) | $(s "$copy_s") | |
| (PostgreSQL alone, psql to /dev/null: the register of holders in force) | $(s "$register_s") | |
| DuckDB query on loaded tables | $(s "${duck_queries[0]}") | $(s "${duck_queries[1]}") |
| DuckDB load of the CSV files (once) | $(s "$(get load_s)") | |
| DuckDB from the CSV files (load + run 1) | $(s "$duck_csv") | |

Ratio (DuckDB's time / Ruqsat's, the better run of each): $(verdict "$ruqsat_best" "$duck_best").
Against DuckDB from the CSV files: $(awk -v a="$duck_csv" -v b="$ruqsat_best" 'BEGIN { printf "%.1f×", a / b }').

$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average $load_average before the sweeps), release build, $(psql "$admin" -At -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /') on the same machine, $(date +%Y-%m-%d).
MARKDOWN
