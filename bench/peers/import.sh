#!/usr/bin/env bash
# Issue 16 (benchmark g): the bulk import of border crossings against the database's own limit.
# The same CSV file of ROWS crossings (10,000,000: `ruqsat crossings generate`, HOLDERS x
# PER_HOLDER) is loaded
#   * by Ruqsat: `ruqsat crossings import` into its own fresh database (every row parsed and
#     checked, rejects reported by line, on one thread while the database stores the batch
#     before): the initial load of an empty table, one transaction that copies the rows
#     straight into the table, removes the duplicates of a crossing id, builds the key and the
#     two lookup indexes once, marks the holders, timed as the whole command;
#   * by PostgreSQL alone: psql's `\copy` of the same file into a table of the same six text
#     columns with no index, no key and no check (the limit: what the server takes at all).
# Then Ruqsat imports the same file again into the full table (every row a duplicate: the
# deduplication alone, as when a feed is sent twice); shown, not part of the ratio. The day's
# feed into a full table is part e's.
# Goal: Ruqsat's rows per second ≥ 0.5 of the limit's. Prints one Markdown section on stdout.
# Env: HOLDERS (1000000), PER_HOLDER (10), SEED (1), SKIP_BUILD, CARGO_TARGET_DIR, RUQSAT_BIN,
# BENCH_ADMIN_URL, BENCH_WORK. Drops its database (ruqsat_bench_import) and removes its files.
set -euo pipefail
cd "$(dirname "$0")/../.."
holders="${HOLDERS:-1000000}"
per_holder="${PER_HOLDER:-10}"
seed="${SEED:-1}"
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
database=ruqsat_bench_import
url="${admin%/*}/$database"
ruqsat="${RUQSAT_BIN:-${CARGO_TARGET_DIR:-target}/release/ruqsat}"
goal=0.5
work="$(mktemp -d -p "${BENCH_WORK:-${TMPDIR:-/tmp}}" ruqsat-import.XXXXXX)"
cleanup() {
  rm -rf "$work"
  psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" >&2 || echo "import: could not drop $database" >&2
}
trap cleanup EXIT
say() { echo "import: $*" >&2; }
sql() { psql "$url" -q -v ON_ERROR_STOP=1 "$@"; }
seconds() { local start; start=$(date +%s.%N); "$@" > "$work/out"; awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }

if [ -z "${SKIP_BUILD:-}" ]; then
  say "building ruqsat (release)"
  cargo build --release --locked --bin ruqsat >&2
fi
[ -x "$ruqsat" ] || { say "no $ruqsat (build it, or set CARGO_TARGET_DIR)"; exit 1; }
export RUQSAT_AUDIT_KEY_FILE="$work/audit.key"

say "generating $holders holders x $per_holder crossings (seed $seed)"
"$ruqsat" crossings generate --out "$work/feed.csv" --holders-out "$work/holders.csv" \
  --holders "$holders" --per-holder "$per_holder" --seed "$seed" >&2
rows=$(($(wc -l < "$work/feed.csv") - 1))
bytes=$(stat -c %s "$work/feed.csv")
head -1 "$work/feed.csv" > "$work/empty.csv"

psql "$admin" -q -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" >&2
# The schema by the service itself (an empty file: the migrations, not timed).
"$ruqsat" crossings import "$work/empty.csv" --database "$url" >&2
sql -c "CHECKPOINT" >&2
load_average=$(cut -d' ' -f1 /proc/loadavg)

say "PostgreSQL alone: \\copy of $rows rows into an unindexed table"
sql -c "CREATE TABLE copy_limit (crossing_id TEXT, iin TEXT, passport TEXT, direction TEXT, at TEXT, checkpoint TEXT)"
sql -c "CHECKPOINT" >&2
limit_s=$(seconds sql -c "\\copy copy_limit FROM '$work/feed.csv' CSV HEADER")
copied=$(sql -At -c "SELECT count(*) FROM copy_limit")
[ "$copied" = "$rows" ] || { say "COPY loaded $copied rows of $rows"; exit 1; }
sql -c "DROP TABLE copy_limit" -c "CHECKPOINT" >&2

say "Ruqsat: ruqsat crossings import of $rows rows"
ruqsat_s=$(seconds "$ruqsat" crossings import "$work/feed.csv" --database "$url")
cat "$work/out" >&2
stored=$(sql -At -c "SELECT count(*) FROM crossings")
[ "$stored" = "$rows" ] || { say "Ruqsat stored $stored rows of $rows"; exit 1; }
size=$(sql -At -c "SELECT pg_size_pretty(pg_total_relation_size('crossings'))")

say "Ruqsat again, the same file (every row already stored: the deduplication alone)"
again_s=$(seconds "$ruqsat" crossings import "$work/feed.csv" --database "$url")
cat "$work/out" >&2
[ "$(sql -At -c "SELECT count(*) FROM crossings")" = "$rows" ] || { say "the second import added rows"; exit 1; }

commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
rate() { awk -v n="$rows" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
ratio=$(awk -v ours="$ruqsat_s" -v theirs="$limit_s" -v goal="$goal" 'BEGIN {
  r = theirs / ours
  if (r >= goal) printf "%.2f of the limit; goal ≥ %.1f: **met**", r, goal
  else printf "%.2f of the limit; goal ≥ %.1f: **goal not met: %.0f%% short**", r, goal, (goal - r) / goal * 100
}')
cat <<MARKDOWN
## g. Bulk import of crossings: Ruqsat against PostgreSQL's own COPY (issue 16)

The same file: $(commas "$rows") crossings of $(commas "$holders") holders from \`ruqsat crossings generate\`
(seed $seed; $((bytes / 1048576)) MB of CSV). Ruqsat: \`ruqsat crossings import\` into a fresh database
(every row parsed and checked on one thread while PostgreSQL stores the batch before; into the
empty table the initial load: one transaction, the rows copied straight in, duplicates of a
crossing id removed, the unique key and the lookup indexes by IIN and by passport built once at
the end, the holders with crossings marked; $size stored with the indexes). Again, the same file
into the full table: every row checked against the key in batches of 50,000 (a feed sent twice).
The limit: psql's \`\\copy\` of the file into a table of the same six text
columns with no index, key or check, in the same database.

| side | seconds | rows/s |
|---|---|---|
| Ruqsat \`crossings import\` (whole command) | $(printf '%.1f' "$ruqsat_s") | $(commas "$(rate "$ruqsat_s")") |
| PostgreSQL \`COPY\` into an unindexed table (the limit) | $(printf '%.1f' "$limit_s") | $(commas "$(rate "$limit_s")") |
| (Ruqsat again, the same file into the full table: every row a duplicate) | $(printf '%.1f' "$again_s") | $(commas "$(rate "$again_s")") |

Ratio: $ratio

$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average $load_average before), release build, $(psql "$admin" -At -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /') on the same machine, $(date +%Y-%m-%d).
MARKDOWN
