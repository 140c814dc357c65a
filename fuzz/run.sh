#!/usr/bin/env bash
# Coverage-guided fuzzing of plancheck's input surfaces with libFuzzer + AddressSanitizer (docs/reliability.md).
#
#   fuzz/run.sh [TARGET|all] SECONDS     e.g.  fuzz/run.sh all 30     fuzz/run.sh html 600
#
# Builds into .build-fuzz, runs each target for SECONDS, starting from the committed seeds
# (fuzz/corpus/TARGET, read only) and the work corpus of earlier runs; new inputs go to the work dir only.
# Fails (exit 1) on any crash, leak, timeout (an input slower than FUZZ_TIMEOUT s) or OOM (FUZZ_RSS_MB),
# with the reproducer saved under $FUZZ_WORK/findings/TARGET/. Replay one: fuzz/run.sh TARGET repro FILE
#
# FUZZ_WORK     work dir (default .build-fuzz/work): corpus/TARGET, findings/TARGET, TARGET.log
# FUZZ_TIMEOUT  seconds one input may take (default 1)
# FUZZ_RSS_MB   memory limit (default 2048)
# FUZZ_DETECT_LEAKS=0  leave leak detection off (on by default)
# FUZZ_BIN      fuzz this binary instead of building one, e.g. a copy kept for hour-long runs while the tree changes
# FUZZ_KEEP_GOING=1  explore past crashes and timeouts (-fork=1 -ignore_crashes -ignore_timeouts -ignore_ooms),
#               counting them, e.g. while a known defect is not fixed yet; still exits 1 if any was found.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(text planxml xml html docx rules fmt waivers baseline check)
if [ $# -lt 2 ]; then
  echo "usage: fuzz/run.sh [TARGET|all] SECONDS | fuzz/run.sh TARGET repro FILE...   (targets: ${targets[*]})" >&2
  exit 2
fi
which="$1"; seconds="$2"; shift 2
work="${FUZZ_WORK:-.build-fuzz/work}"
timeout="${FUZZ_TIMEOUT:-1}"
rss="${FUZZ_RSS_MB:-2048}"
bin="${FUZZ_BIN:-.build-fuzz/debug/plancheck-fuzz}"

# Longest input each target gets: a plan piece of a few KB covers every structure and keeps debug+ASan
# runs fast; rule text is denser.
max_len() {
  case "$1" in
    rules|fmt) echo 4096 ;;
    waivers) echo 2048 ;;
    docx|baseline) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

if [ "$which" = all ]; then run=("${targets[@]}"); else
  case " ${targets[*]} " in *" $which "*) run=("$which") ;; *) echo "unknown target: $which (${targets[*]})" >&2; exit 2 ;; esac
fi

start=$(date +%s)
# The coverage flags are spelled out: with --sanitize fuzzer alone, swiftc 6.3.1 here sometimes left the
# Swift code uninstrumented (only the C code of swift-crypto had counters). And the sanitizers are named to
# swiftc in one flag: SwiftPM passes `-sanitize=address -sanitize=fuzzer` in either order, and swiftc keeps
# only the last, so half the builds had no AddressSanitizer in the Swift code.
if [ -z "${FUZZ_BIN:-}" ]; then
  status=0
  build=$(swift build --product plancheck-fuzz --sanitize fuzzer --sanitize address --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp 2>&1) || status=$?
  grep -Ev "ld.gold: warning: Cannot export local symbol|unhandled; explicitly declare|PrivacyInfo" <<<"$build" || true
  [ "$status" -eq 0 ] && [ -x "$bin" ] || { echo "fuzz build failed (exit $status)" >&2; exit 1; }
  echo "fuzz build: $(( $(date +%s) - start )) s"
fi
# Swift code without AddressSanitizer would let the unsafe-pointer readers overrun unseen: refuse it.
probe_object=.build-fuzz/debug/DocumentModel.build/SourceText.swift.o
if [ -z "${FUZZ_BIN:-}" ] && ! nm -u "$probe_object" 2>/dev/null | grep -q __asan_report; then
  echo "$probe_object has no AddressSanitizer checks: rebuild it (rm -rf .build-fuzz/x86_64-unknown-linux-gnu; fuzz/run.sh …)" >&2
  exit 1
fi
# A binary without coverage would fuzz blind (libFuzzer prints no cov:): refuse it.
probe=$(PLANCHECK_FUZZ_TARGET=text SWIFT_BACKTRACE=enable=no "$bin" -runs=0 fuzz/corpus/text 2>&1 || true)
if ! grep -q 'INITED cov: [1-9]' <<<"$probe"; then
  echo "$bin has no coverage instrumentation: rebuild it (rm -rf .build-fuzz/x86_64-unknown-linux-gnu; fuzz/run.sh …)" >&2
  exit 1
fi

export SWIFT_BACKTRACE=enable=no          # the backtracer would hang for minutes after a crash
export ASAN_OPTIONS="detect_leaks=${FUZZ_DETECT_LEAKS:-1}:allocator_may_return_null=1:${ASAN_OPTIONS:-}"

if [ "$seconds" = repro ]; then
  mkdir -p "$work/findings/$which"
  PLANCHECK_FUZZ_TARGET="$which" "$bin" -timeout="$timeout" -rss_limit_mb="$rss" -artifact_prefix="$work/findings/$which/" "$@"
  exit
fi

failed=0
printf '%-9s %10s %7s %6s %6s %5s %8s %7s %8s  %s\n' target execs exec/s cov ft corp slowest crashes timeouts result
for t in "${run[@]}"; do
  mkdir -p "$work/corpus/$t" "$work/findings/$t"
  log="$work/$t.log"
  args=(-max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss" -malloc_limit_mb="$rss" -max_len="$(max_len "$t")"
        -detect_leaks="${FUZZ_DETECT_LEAKS:-1}" -print_final_stats=1 -artifact_prefix="$work/findings/$t/" -dict="fuzz/dict/$t.dict")
  if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1); fi
  marker="$work/findings/$t/.started"; touch "$marker"
  status=0
  PLANCHECK_FUZZ_TARGET="$t" "$bin" "${args[@]}" "$work/corpus/$t" "fuzz/corpus/$t" > "$log" 2>&1 || status=$?
  # The last status line (`#N ... cov: C ft: F corp: K/…` or, forked, `#N: cov: C ft: F corp: K exec/s …`).
  last=$(grep -E '^#[0-9]+:?[[:space:]].*cov: ' "$log" | tail -1 || true)
  execs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}' || true)
  [ "$execs" -gt 0 ] || execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")
  rate=$(grep -Eo 'stat::average_exec_per_sec: +[0-9]+' "$log" | awk '{print $2}' | tail -1 || true)
  [ -n "$rate" ] || rate=$(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))
  field() { grep -Eo "$1: [0-9]+" <<<"$last" | awk '{print $2}' || true; }
  cov=$(field cov); ft=$(field ft); corp=$(field corp)
  crashes=$(find "$work/findings/$t" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' \) -newer "$marker" | wc -l)
  timeouts=$(find "$work/findings/$t" -type f -name 'timeout-*' -newer "$marker" | wc -l)
  forked=$(grep -Eo 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  result=ok
  if [ "$status" -ne 0 ] || [ $((crashes + timeouts)) -gt 0 ] || grep -q 'ERROR: libFuzzer\|ERROR: LeakSanitizer\|ERROR: AddressSanitizer' "$log"; then
    result="FAILED (exit $status${forked:+, oom/timeout/crash $forked}; see $log, $work/findings/$t/)"
    failed=1
  fi
  slowest=$(grep -Eo 'stat::slowest_unit_time_sec: +[0-9]+' "$log" | awk '{print $2 "s"}' | tail -1 || true)
  printf '%-9s %10s %7s %6s %6s %5s %8s %7s %8s  %s\n' "$t" "${execs:-0}" "${rate:-0}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${slowest:-?}" "$crashes" "$timeouts" "$result"
done
echo "total: $(( $(date +%s) - start )) s"
exit "$failed"
