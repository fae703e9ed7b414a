#!/usr/bin/env bash
# Issue 16, side by side (benchmark e): the daily monitoring cycle. The day's feed of crossings
# arrives and the art49.15 verdicts of every PRP holder for that day are computed: by Ruqsat
# (`ruqsat crossings import` of the day's file, then `ruqsat sweep`: the import marks the holders
# of the new crossings, the sweep folds only them again and judges only the holders whose verdict
# can have changed), and by DuckDB appending the same rows to its loaded tables and running
# bench/peers/art49_15.sql for every holder. Both flagged sets must be identical.
#
# The data: `ruqsat crossings generate` (as bench/peers/sweep.sh), cut at AS_OF: the crossings
# before it are the history (loaded by both sides beforehand, not timed; Ruqsat also runs the
# sweep of the day before, so that its presence states are those of a running installation),
# the crossings of AS_OF are the day's feed, later ones are dropped (they have not happened).
# Timed: Ruqsat, the import's wall time plus the sweep's own "presence" time (registry
# re-checks and reminders of the same command not counted; its wall time is shown); DuckDB, the
# append plus the query, the better of two rounds. Prints one Markdown section on stdout.
# Env: HOLDERS (1000000), PER_HOLDER (10), SEED (1), AS_OF (2025-03-03: a day amid the generated
# trips), SKIP_BUILD,
# CARGO_TARGET_DIR, BENCH_ADMIN_URL, RUQSAT_CACHE, BENCH_WORK. Drops its database
# (ruqsat_bench_daily) and removes its files at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
holders="${HOLDERS:-1000000}"
per_holder="${PER_HOLDER:-10}"
seed="${SEED:-1}"
as_of="${AS_OF:-2025-03-03}"
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
database=ruqsat_bench_daily
url="${admin%/*}/$database"
venv="${RUQSAT_CACHE:-$HOME/.cache/ruqsat}/bench-venv"
ruqsat="${RUQSAT_BIN:-${CARGO_TARGET_DIR:-target}/release/ruqsat}"
goal=10
work="$(mktemp -d -p "${BENCH_WORK:-${TMPDIR:-/tmp}}" ruqsat-daily.XXXXXX)"
cleanup() {
  rm -rf "$work"
  psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" >&2 || echo "daily: could not drop $database" >&2
}
trap cleanup EXIT
say() { echo "daily: $*" >&2; }
sql() { psql "$url" -q -v ON_ERROR_STOP=1 "$@"; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building ruqsat (release)"
  cargo build --release --locked --bin ruqsat >&2
fi
[ -x "$ruqsat" ] || { say "no $ruqsat (build it, or set CARGO_TARGET_DIR)"; exit 1; }
export RUQSAT_AUDIT_KEY_FILE="$work/audit.key"
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  say "installing duckdb into $venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q duckdb >&2
fi
min_days="$("$venv/bin/python" - "$as_of" <<'PY'
import sys, tomllib
as_of = sys.argv[1]
rows = [p for p in tomllib.load(open("data/parameters.toml", "rb"))["parameter"]
        if p["name"] == "art49_15.min_days" and str(p["in_force_from"]) <= as_of]
print(max(rows, key=lambda p: str(p["in_force_from"]))["value"] if rows else "")
PY
)"
[ -n "$min_days" ] || { say "art49_15.min_days is not in force on $as_of"; exit 1; }
day_before=$(date -d "$as_of - 1 day" +%F)

say "generating $holders holders x $per_holder crossings (seed $seed) into $work"
"$ruqsat" crossings generate --out "$work/feed.csv" --holders-out "$work/holders.csv" \
  --holders "$holders" --per-holder "$per_holder" --seed "$seed" >&2
# The 5th column is the time, YYYY-MM-DDTHH:MM:SS: before the day, the day, after (dropped).
awk -F, -v day="$as_of" 'NR == 1 || substr($5, 1, 10) < day' "$work/feed.csv" > "$work/history.csv"
awk -F, -v day="$as_of" 'NR == 1 || substr($5, 1, 10) == day' "$work/feed.csv" > "$work/day.csv"
history_rows=$(($(wc -l < "$work/history.csv") - 1))
day_rows=$(($(wc -l < "$work/day.csv") - 1))
rm "$work/feed.csv"
say "history $history_rows crossings, the day's feed $day_rows"

psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >&2
say "importing the history into PostgreSQL"
"$ruqsat" crossings import "$work/history.csv" --database "$url" >&2
say "registering one issued PRP case per holder"
sql -c "CREATE TABLE bench_holders (passport TEXT, issued_on TEXT)" \
    -c "\\copy bench_holders FROM '$work/holders.csv' CSV HEADER" >&2
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
say "the sweep of $day_before (a running installation's states; not timed)"
"$ruqsat" sweep --as-of "$day_before" --database "$url" >&2
sql -c "VACUUM ANALYZE" >&2
load_average=$(cut -d' ' -f1 /proc/loadavg)

# --- Ruqsat: the day's cycle. ---
seconds() { local start; start=$(date +%s.%N); "$@" > "$work/out"; awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
say "ruqsat crossings import (the day's $day_rows crossings)"
import_s=$(seconds "$ruqsat" crossings import "$work/day.csv" --database "$url")
cat "$work/out" >&2
say "ruqsat sweep --as-of $as_of"
sweep_wall=$(seconds "$ruqsat" sweep --as-of "$as_of" --database "$url")
cat "$work/out" >&2
presence=$(sed -n 's/^took: presence \([0-9.]*\) s.*/\1/p' "$work/out")
judged=$(sed -n 's/^sweep of [0-9-]*: \([0-9]*\) PRP holders.*/\1/p' "$work/out")
[ -n "$presence" ] || { say "no presence time in the sweep's output"; exit 1; }
ruqsat_s=$(awk -v a="$import_s" -v b="$presence" 'BEGIN { printf "%.3f", a + b }')
sql -At -F, -c "SELECT c.passport_number, r.period_from FROM revocation_candidates r JOIN cases c ON c.id = r.case_id
                WHERE r.ground = 'art49.15' ORDER BY 1, 2" > "$work/ruqsat.csv"

# --- DuckDB: the same rows appended, every holder judged. ---
say "DuckDB: loading the history, then appending the day and running bench/peers/art49_15.sql"
duck="$("$venv/bin/python" bench/peers/duckdb_daily.py "$work/history.csv" "$work/day.csv" "$work/holders.csv" \
  "$as_of" "$min_days" "$work/duckdb.csv" 2)"
echo "$duck" >&2
get() { awk -v key="$1" '$1 == key { print $2 }' <<<"$duck"; }
[ "$(get day_rows)" = "$day_rows" ] || { say "DuckDB appended $(get day_rows) rows, the day has $day_rows"; exit 1; }
appends=($(get append_s))
queries=($(get query_s))
duck_rounds=()
for index in 0 1; do
  duck_rounds+=("$(awk -v a="${appends[$index]}" -v b="${queries[$index]}" 'BEGIN { printf "%.3f", a + b }')")
done
duck_best=$(printf '%s\n' "${duck_rounds[@]}" | sort -g | head -1)

ours=$(wc -l < "$work/ruqsat.csv")
theirs=$(wc -l < "$work/duckdb.csv")
say "flagged (passport, first short period): Ruqsat $ours, DuckDB $theirs"
if ! cmp -s "$work/ruqsat.csv" "$work/duckdb.csv"; then
  say "the flagged sets DIFFER; first differences (< Ruqsat only, > DuckDB only):"
  diff "$work/ruqsat.csv" "$work/duckdb.csv" | grep '^[<>]' | head -20 >&2 || true
  exit 1
fi
say "identical"

commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
s() { printf '%.2f s' "$1"; }
ratio=$(awk -v ours="$ruqsat_s" -v theirs="$duck_best" -v goal="$goal" 'BEGIN {
  r = theirs / ours
  if (r >= goal) printf "%.1f×; goal Ruqsat ≥ %d× faster: **met**", r, goal
  else printf "%.1f×; goal Ruqsat ≥ %d× faster: **goal not met: %.1f× instead of %d×, %.0f%% short**", r, goal, r, goal, (goal - r) / goal * 100
}')
cat <<MARKDOWN
## e. The daily monitoring cycle: Ruqsat against DuckDB (issue 16)

Compared: the day's feed of crossings arrives and every PRP holder's art49.15 verdict for that
day is computed. $(commas "$holders") holders from \`ruqsat crossings generate\` (seed $seed, $per_holder per holder),
cut at $as_of: $(commas "$history_rows") crossings of history loaded beforehand by both sides (Ruqsat also
swept $day_before, as a running installation has), $(commas "$day_rows") crossings on $as_of (the day's feed).
Ruqsat: \`ruqsat crossings import\` of the day's file (PostgreSQL, the holders of the new
crossings marked in the same statement) and \`ruqsat sweep\`'s presence part: $(commas "$judged") holders
judged (those with new crossings or whose verdict can have changed; the others' states say it
cannot), the candidates recorded. DuckDB $(get version) ($(get threads) threads, in memory): the
same rows appended to its loaded table and \`bench/peers/art49_15.sql\` over every holder. Both
flag the same $(commas "$ours") holders with the same first short period.

| side | time |
|---|---|
| Ruqsat import of the day's feed (whole command) | $(s "$import_s") |
| Ruqsat \`sweep\`, presence part | $(s "$presence") |
| **Ruqsat, the day's cycle** | **$(s "$ruqsat_s")** |
| (whole \`ruqsat sweep\` command, with the day's registry re-checks) | $(s "$sweep_wall") |
| DuckDB append + query, round 1 | $(s "${duck_rounds[0]}") ($(s "${appends[0]}") + $(s "${queries[0]}")) |
| DuckDB append + query, round 2 | $(s "${duck_rounds[1]}") ($(s "${appends[1]}") + $(s "${queries[1]}")) |
| (DuckDB load of the history, once) | $(s "$(get load_s)") |

Ratio (DuckDB's better round / Ruqsat's cycle): $ratio

$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average $load_average before the cycle), release build, $(psql "$admin" -At -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /') on the same machine, $(date +%Y-%m-%d).
MARKDOWN
