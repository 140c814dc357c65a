#!/usr/bin/env bash
# Counts the instructions `plancheck check` executes (valgrind's callgrind): unlike seconds, the count does
# not move with what else the machine is doing, so two builds can be compared on a busy machine. Prints the
# total and the functions that execute the most. Instruction counts miss cache misses: confirm a change
# that should save memory traffic with Benchmarks/run.sh.
#
#   Benchmarks/instructions.sh [FILES] [RULES]     # default: 5 files of the benchmark corpus, the 15th rules
#   TOP=40 Benchmarks/instructions.sh 10
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
rules=${2:-Rules/zhuzhou/15th}
work=${WORK:-/tmp/plancheck-bench}
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind"; exit 2; }
swift build -c release --product plancheck >/dev/null 2>&1 || { swift build -c release --product plancheck; exit 2; }
[ -d "$work/corpus" ] || python3 Benchmarks/make_corpus.py "$work/corpus" 20 1
# valgrind cannot read the debug information of swift-crypto's assembly: count a copy without it.
cp .build/release/plancheck "$work/plancheck-nodebug"
strip --strip-debug "$work/plancheck-nodebug"
files=$(ls "$work"/corpus/*.txt | head -"$n")
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/plancheck-nodebug" check $files \
  --rules "$rules" --format json --output "$work/instructions.json" --fail-on never 2>&1 | grep -E 'Collected' || true
# SHA-256 runs a slower path under valgrind than on a processor with SHA instructions: discount it.
callgrind_annotate --inclusive=no "$work/callgrind.out" 2>/dev/null | grep -E '^ *[0-9,]+ \(' | head -"${TOP:-25}" \
  | sed -E 's/ \[[^]]*\]$//' | cut -c1-160
