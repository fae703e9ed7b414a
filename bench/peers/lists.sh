#!/usr/bin/env bash
# Issue 16 (benchmark f): the staff workplace's lists at national scale: the officer's queue
# (first and next page), the search by passport and by application number, and the API's queue,
# with CASES cases (1,000,000) on PostgreSQL, each timed ROUNDS (200) times in a row through HTTP
# (bench/peers/lists.py). Goal: p95 under 100 ms. Prints one Markdown section on stdout.
# Env: CASES, ROUNDS, SKIP_BUILD, CARGO_TARGET_DIR, RUQSAT_BIN, BENCH_ADMIN_URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
cases="${CASES:-1000000}"
rounds="${ROUNDS:-200}"
admin="${BENCH_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
ruqsat="${RUQSAT_BIN:-${CARGO_TARGET_DIR:-target}/release/ruqsat}"
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release --locked --bin ruqsat >&2
fi
out=$(python3 bench/peers/lists.py "$ruqsat" "$admin" "$cases" "$rounds")
echo "$out" >&2
get() { awk -v key="$1" '$1 == key { print $2 }' <<<"$out"; }
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
cat <<MARKDOWN
## f. The staff workplace's lists at national scale (issue 16)

$(commas "$(get cases)") cases on PostgreSQL ($(commas "$(get open)") open, in 20 regions; filled in $(get fill_s) s), served by
\`ruqsat serve\` (release build, one process); each list asked $rounds times in a row over HTTP by the
Almaty supervisor (the pages, 100 cases a page) or the auditor (the API, every region: 100
cases a page by default, each with its application read to name the applicant), the page rendered.
Goal: p95 under 100 ms.

| list | p50 | p95 | max | goal |
|---|---|---|---|---|
MARKDOWN
grep '^list ' <<<"$out" | sed 's/^list //' | while IFS='|' read -r name p50 p95 max; do
  verdict=$(awk -v p="$p95" 'BEGIN { if (p < 100) print "met"; else printf "**not met: %.0f ms over**", p - 100 }')
  case "$name" in "("*) verdict="(for information)" ;; esac
  echo "| $name | $p50 ms | $p95 ms | $max ms | $verdict |"
done
echo
echo "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(psql "$admin" -At -c 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /') on the same machine, $(date +%Y-%m-%d)."
