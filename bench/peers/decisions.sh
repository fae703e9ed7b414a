#!/usr/bin/env bash
# Issue 6, side by side: Ruqsat's decision engine against GoRules zen-engine (crates.io) on the
# TRP document checklist and refusal grounds (Appendix 1-1 items 8-9); the zen side is the JDM
# graph bench/zen/trp-decision.json (decision tables and expressions). CASES seeded applications
# (subtypes, citizenships, missing and stray documents, registry answers) are decided by both and
# the answers compared (outcome, grounds, missing documents: any disagreement aborts), then each
# engine decides them all on one thread, inputs prepared before the clock starts, best of ROUNDS.
# Prints one Markdown section on stdout, progress on stderr.
# Env: CASES (100000), SEED (6), ROUNDS (3), BENCH_TARGET (cargo target dir, outside the clone).
set -euo pipefail
cd "$(dirname "$0")/../zen"
export CARGO_TARGET_DIR="${BENCH_TARGET:-$HOME/.cache/ruqsat/bench-target}"
goal=10

echo "decisions: building bench/zen (release)" >&2
cargo build --release --bin decisions >&2
figures="$("$CARGO_TARGET_DIR/release/decisions")"
get() { awk -v key="$1" '$1 == key { print $2 }' <<<"$figures"; }
commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
ours=$(get ruqsat_per_second)
theirs=$(get zen_per_second)
zen_version=$(awk '$0 == "name = \"zen-engine\"" { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
verdict=$(awk -v ours="$ours" -v theirs="$theirs" -v goal="$goal" 'BEGIN {
  ratio = ours / theirs
  if (ratio >= goal) printf "%.1f×; goal Ruqsat ≥ %d×: **met**", ratio, goal
  else printf "%.1f×; goal Ruqsat ≥ %d×: **goal not met: %.1f× instead of %d×, %.0f%% short**", ratio, goal, ratio, goal, (goal - ratio) / goal * 100
}')

cat <<MARKDOWN
## Decisions: Ruqsat against GoRules zen-engine (issue 6)

Compared: the TRP document checklist and refusal grounds (Appendix 1-1 items 8-9) for
$(commas "$(get cases)") generated applications (seed $(get seed): $(commas "$(get issue)") issue, $(commas "$(get refuse)") refuse, $(commas "$(get not_accepted)") not accepted),
decided by \`ruqsat_domain::decide::decide\` on parsed applications and by zen-engine $zen_version
evaluating the JDM graph \`bench/zen/trp-decision.json\` (an expression node of derived facts, a
decision table of the documents, one of the grounds, an expression node of the outcome; loaded
and compiled once, its input \`Variable\`s built before the clock starts). One thread each, the
two alternating, best of $(get rounds) rounds. The answers (outcome, set of grounds, set of missing
documents) agree for every application. Ruqsat does more per decision: all of acceptance, the
seven checks, due time, validity and the explanation.

| engine | decisions/s |
|---|---|
| Ruqsat \`decide\` | $(commas "$ours") |
| zen-engine $zen_version | $(commas "$theirs") |

Ratio: $verdict.

$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), load average $(cut -d' ' -f1 /proc/loadavg) at the end, $(rustc --version | cut -d' ' -f1-2), release build, $(date +%Y-%m-%d).
MARKDOWN
