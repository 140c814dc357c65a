#!/usr/bin/env bash
# Reading markup at scale: `plancheck outline` on the same plan text as .txt, plan .xml, .html and .docx at
# growing sizes (Benchmarks/make_markup.py), and on 100,000 references to one internal entity read with
# --xpath-paragraphs. Prints, per size, seconds and peak RSS of each format; the XML, HTML and .docx time
# per byte over the text's (target of issue #12: within 3x); and each format's growth in time from one size
# to the next against the growth in bytes (linear: the two ratios agree).
#
#   Benchmarks/markup_scale.sh               # 13 26 52 104 copies (1.5 to 12 MB of text)
#   COPIES="10 20" RUNS=1 Benchmarks/markup_scale.sh   # quicker; each row is otherwise the best of 3 runs
#   BIN=/path/to/plancheck ENTITIES=0 Benchmarks/markup_scale.sh   # another build (an older one, for before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-13 26 52 104}
RUNS=${RUNS:-3}
work=${WORK:-/tmp/plancheck-markup}
mkdir -p "$work"
[ -n "${BIN:-}" ] || swift build -c release --product plancheck >/dev/null 2>&1 || { swift build -c release --product plancheck; exit 2; }
bin=${BIN:-$PWD/.build/release/plancheck}
# shellcheck disable=SC2086
python3 Benchmarks/make_markup.py "$work" $COPIES

measure() {  # measure FILE ARGS... ; prints "seconds peakKB", the best of $RUNS runs on one core
  local f=$1; shift
  local best="" kb="" s k
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" taskset -c 0 "$bin" outline "$f" "$@" >/dev/null 2>"$work/stderr.txt" || true
    read -r s k < <(tail -1 "$work/time.txt")
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; kb=$k; fi
  done
  echo "$best $kb"
}

printf "%-7s %-5s %10s %8s %9s %8s %12s %13s\n" copies fmt bytes seconds "peak MB" "RSS/file" "s/byte vs txt" "growth t/bytes"
declare -A prev_s prev_b
for k in $COPIES; do
  declare -A secs
  for fmt in txt xml html docx; do
    f="$work/plan-$k.$fmt"
    bytes=$(stat -c %s "$f")
    [ "$fmt" = docx ] && bytes=$(python3 -c "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).getinfo('word/document.xml').file_size)" "$f")
    read -r s kb < <(measure "$f")
    secs[$fmt]=$s
    [ "$fmt" = txt ] && txt_rate=$(awk -v s="$s" -v b="$bytes" 'BEGIN { print s / b }')
    vs=$(awk -v s="$s" -v b="$bytes" -v t="$txt_rate" 'BEGIN { printf "%.2f", (s / b) / t }')
    growth="-"
    if [ -n "${prev_s[$fmt]:-}" ]; then
      growth=$(awk -v s="$s" -v b="$bytes" -v ps="${prev_s[$fmt]}" -v pb="${prev_b[$fmt]}" 'BEGIN { printf "%.2f/%.2f", s / (ps > 0 ? ps : 0.01), b / pb }')
    fi
    prev_s[$fmt]=$s
    prev_b[$fmt]=$bytes
    awk -v k="$k" -v f="$fmt" -v b="$bytes" -v s="$s" -v kb="$kb" -v vs="$vs" -v g="$growth" \
      'BEGIN { printf "%-7s %-5s %10d %8.2f %9.1f %8.1f %12s %13s\n", k, f, b, s, kb / 1024, kb * 1024 / b, vs, g }'
  done
done
# An older build spells the entities out: minutes and gigabytes (ENTITIES=0 skips the case).
[ "${ENTITIES:-1}" = 0 ] && exit 0
echo
f="$work/entities-100000.xml"
read -r s kb < <(measure "$f" --xpath-paragraphs //p)
printf "100,000 references to one internal entity (%d bytes), --xpath-paragraphs //p: %.2f s, %.1f MB\n" "$(stat -c %s "$f")" "$s" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
head -c 300 "$work/stderr.txt"
