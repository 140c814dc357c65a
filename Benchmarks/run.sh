#!/usr/bin/env bash
# Measures `plancheck check` end to end (read, normalize, structure, match, decide, write JSON) on one core,
# against ripgrep's bare scan for the same terms as a floor; then scaling in rule count and corpus size.
# Prints the figures recorded in docs/performance.md.
#
#   Benchmarks/run.sh            # 100 MB corpus, each row the best of 3 runs
#   MB=20 RUNS=1 Benchmarks/run.sh      # a quicker run
# For figures that do not move with the machine's load, see Benchmarks/instructions.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-100}
RUNS=${RUNS:-3}
work=${WORK:-/tmp/plancheck-bench}
mkdir -p "$work"
command -v rg >/dev/null || { echo "ripgrep is needed: apt-get install ripgrep"; exit 2; }

swift build -c release --product plancheck >/dev/null 2>&1 || { swift build -c release --product plancheck; exit 2; }
bin=.build/release/plancheck
python3 Benchmarks/make_corpus.py "$work/corpus" "$MB" 1
python3 Benchmarks/scale_rules.py Rules/zhuzhou/15th "$work/rules10" 10
bytes=$(cat "$work"/corpus/*.txt | wc -c)
sync   # the fresh corpus is written back to disk now, not during the first timed runs

# Every phrase the rule set looks for, one per line, for rg -F -f.
python3 - "$work/terms.txt" Rules/zhuzhou/15th Rules/common <<'PY'
import os, re, sys
out = open(sys.argv[1], "w", encoding="utf-8")
seen = set()
for d in sys.argv[2:]:
    for f in sorted(os.listdir(d)):
        if not f.endswith(".rules"): continue
        keep = False
        for line in open(os.path.join(d, f), encoding="utf-8"):
            s = line.strip()
            if s.startswith(("term", "retire")): keep = True
            elif not s.startswith("|") and not s.startswith("except"): keep = False
            if keep:
                for p in re.findall(r'"([^"]+)"', s):
                    if p not in seen: seen.add(p); out.write(p + "\n")
PY

run() {  # run LABEL COMMAND... ; prints the best seconds of $RUNS runs and that run's peak KB
  local label=$1; shift
  local best="" kb="" secs k
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" taskset -c 0 "$@" >/dev/null 2>&1 || true
    read -r secs k < "$work/time.txt"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$secs; kb=$k; fi
  done
  echo "$label $best $kb"
}

files=("$work"/corpus/*.txt)
echo "corpus: ${#files[@]} files, $bytes bytes; rules: Rules/zhuzhou/15th ($(grep -c '^goal' Rules/zhuzhou/15th/*.rules | awk -F: '{s+=$2} END {print s}') goals), x10: $(grep -c '^goal' "$work"/rules10/*.rules | awk -F: '{s+=$2} END {print s}') goals"
echo
printf "%-34s %9s %10s %11s\n" "what" "seconds" "MB/s" "peak MB"
line() { awk -v l="$1" -v s="$2" -v k="$3" -v b="$4" 'BEGIN { printf "%-34s %9.2f %10.1f %11.1f\n", l, s, b / 1e6 / s, k / 1024 }'; }
read -r _ json k < <(run check "$bin" check "${files[@]}" --rules Rules/zhuzhou/15th --format json --output "$work/report.json" --fail-on never)
line "check, rules x1" "$json" "$k" "$bytes"
read -r _ json10 k < <(run check10 "$bin" check "${files[@]}" --rules "$work/rules10" --format json --output "$work/report10.json" --fail-on never)
line "check, rules x10" "$json10" "$k" "$bytes"
read -r _ text k < <(run text "$bin" check "${files[@]}" --rules Rules/zhuzhou/15th --limit 1 --fail-on never)
line "check, rules x1, summary only" "$text" "$k" "$bytes"
read -r _ text10 k < <(run text10 "$bin" check "${files[@]}" --rules "$work/rules10" --limit 1 --fail-on never)
line "check, rules x10, summary only" "$text10" "$k" "$bytes"
read -r _ floor k < <(run rg rg -j1 -F -c -f "$work/terms.txt" "${files[@]}")
line "rg -F -f (same terms, floor)" "$floor" "$k" "$bytes"
echo
awk -v j="$json" -v j10="$json10" -v t="$text" -v t10="$text10" -v f="$floor" 'BEGIN {
  printf "rules x10 / x1: %.2fx with the JSON report, %.2fx with the summary only\n", j10 / j, t10 / t
  printf "check / rg: %.1fx with the JSON report, %.1fx with the summary only\n", j / f, t / f }'
echo
echo "scaling in corpus size (rules x1):"
for n in 1 10 ${#files[@]}; do
  sub=("${files[@]:0:$n}")
  b=$(cat "${sub[@]}" | wc -c)
  read -r _ s k < <(run size "$bin" check "${sub[@]}" --rules Rules/zhuzhou/15th --format json --output "$work/r.json" --fail-on never)
  line "  $n file(s), $((b / 1000000)) MB" "$s" "$k" "$b"
done
