#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/ (issue 6: cargo-fuzz, libFuzzer) for SECONDS each, one after the
# other, and exits 1 if any target crashed, printing the crashing input's path.
#   tests/fuzz/run.sh [SECONDS_PER_TARGET]      (default 20; CI passes a bounded number, give a
#                                                bigger one to fuzz longer)
# Environment (all optional):
#   FUZZ_TARGET   the build directory (default ~/.cache/ruqsat/fuzz-target, outside the clone)
#   FUZZ_WORK     the corpus the fuzzer grows and the crashing inputs (default
#                 ~/.cache/ruqsat/fuzz-work); kept between runs, so a longer run goes on from it
#   FUZZ_TARGETS  which targets, space-separated (default: application decide ids crossings)
#   FUZZ_SANITIZER  cargo-fuzz's --sanitizer (default none: our crates forbid unsafe code, and
#                 without AddressSanitizer each input runs faster; `address` also checks the unsafe
#                 code of dependencies, in its own build)
# Nothing is written inside the clone except fuzz/artifacts/ (empty, ignored by git) and, outside
# CI, fuzz/Cargo.lock when a crate of ours gained a dependency.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-20}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: tests/fuzz/run.sh [SECONDS_PER_TARGET]   (a whole number of seconds, at least 1)" >&2
  exit 2
fi
cache="${HOME:-/tmp}/.cache/ruqsat"
target_dir="${FUZZ_TARGET:-$cache/fuzz-target}"
work="${FUZZ_WORK:-$cache/fuzz-work}"
targets="${FUZZ_TARGETS:-application decide ids crossings}"
sanitizer="${FUZZ_SANITIZER:-none}"
export CARGO_TARGET_DIR="$target_dir"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  (cd / && cargo install cargo-fuzz --locked)
fi

# libFuzzer needs unstable rustc flags: the nightly toolchain when installed, else the pinned
# stable one with RUSTC_BOOTSTRAP=1.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  cargo=(cargo +nightly)
else
  echo "no nightly toolchain: using the pinned stable one with RUSTC_BOOTSTRAP=1"
  cargo=(cargo)
  export RUSTC_BOOTSTRAP=1
fi
"${cargo[@]}" --version

mkdir -p "$target_dir" "$work"
cd "$root/fuzz"
# fuzz/Cargo.lock is committed; CI builds exactly it (like `cargo test --locked`).
if ! "${cargo[@]}" metadata --locked --format-version 1 >/dev/null 2>"$work/lock.err"; then
  if [ "${CI:-}" = "true" ]; then
    cat "$work/lock.err" >&2
    echo "fuzz/Cargo.lock is out of date: run tests/fuzz/run.sh once outside CI and commit fuzz/Cargo.lock" >&2
    exit 1
  fi
  echo "fuzz/Cargo.lock was out of date (a crate of ours changed its dependencies): updated, commit it"
  "${cargo[@]}" metadata --format-version 1 >/dev/null
fi
rm -f "$work/lock.err"

flags=(--sanitizer "$sanitizer" --debug-assertions --target-dir "$target_dir")
echo "== build (release, debug assertions and overflow checks on, sanitizer $sanitizer) into $target_dir"
start=$SECONDS
"${cargo[@]}" fuzz build "${flags[@]}"
echo "build: $((SECONDS - start)) s"

failed=()
for target in $targets; do
  corpus="$work/corpus/$target"
  artifacts="$work/artifacts/$target"
  log="$work/$target.log"
  mkdir -p "$corpus" "$artifacts"
  # The first directory receives what the fuzzer finds; the seeds and the regressions of the
  # clone are only read, so a run never dirties the checkout.
  inputs=("$corpus")
  for directory in "$root/fuzz/corpus/$target" "$root/fuzz/regressions/$target"; do
    [ -d "$directory" ] && inputs+=("$directory")
  done
  dictionary=()
  [ -f "$root/fuzz/dict/$target.dict" ] && dictionary=(-dict="$root/fuzz/dict/$target.dict")
  echo "== fuzz $target for $seconds s (log: $log)"
  start=$SECONDS
  if "${cargo[@]}" fuzz run "${flags[@]}" "$target" "${inputs[@]}" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    "${dictionary[@]}" -artifact_prefix="$artifacts/" >"$log" 2>&1; then
    echo "$target: no crash in $((SECONDS - start)) s ($(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?') inputs, corpus $(find "$corpus" -type f | wc -l) files)"
  else
    tail -n 60 "$log"
    crashes=$(grep -Eo 'Test unit written to [^ ]+' "$log" | sed 's/^Test unit written to //' || true)
    echo "$target: FAILED after $((SECONDS - start)) s"
    if [ -n "$crashes" ]; then
      for crash in $crashes; do
        echo "crashing input: $crash"
        echo "reproduce: (cd fuzz && ${cargo[*]} fuzz run ${flags[*]} $target $crash)"
      done
    else
      echo "no crashing input was written (build or setup failure?); see $log"
    fi
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}"
  exit 1
fi
echo "fuzzing: $(echo $targets | wc -w) targets, $seconds s each, no crash"
