#!/usr/bin/env bash
# The .docx container against hostile input: byte-mutates a sample .docx N times (seeded) and runs
# `plancheck outline` on each under a timeout; exit 0/1/2 is fine, anything else (a trap: 132/134/139,
# a timeout: 124/137) is a failure. Then times reading the sample .docx and a 16 MB one.
#
#   Benchmarks/docx_container.sh                  # 2000 mutants, the release build of this worktree
#   N=200 BIN=/path/to/plancheck Benchmarks/docx_container.sh
#   TIMING=0 Benchmarks/docx_container.sh         # the mutants only
#   BASE=/old/plancheck N=0 Benchmarks/docx_container.sh   # timings only, against an older build in the same run
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
N=${N:-2000}
SEED=${SEED:-12}
TIMEOUT=${TIMEOUT:-10}
RUNS=${RUNS:-20}
work=${WORK:-/tmp/plancheck-docx-bench}
mkdir -p "$work/mutants"
if [ -z "${BIN:-}" ]; then
  swift build -c release --product plancheck >/dev/null 2>&1 || { swift build -c release --product plancheck; exit 2; }
  BIN=.build/release/plancheck
fi
sample=Samples/hetang-14th-five-year-plan.txt
python3 Benchmarks/make_docx.py "$sample" "$work/sample.docx"
python3 Benchmarks/make_docx.py "$sample" "$work/16mb.docx" $((16 << 20))

python3 - "$work/sample.docx" "$work/mutants" "$N" "$SEED" <<'PY'
import os, random, sys
src, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
base = open(src, "rb").read()
for name in os.listdir(out): os.remove(os.path.join(out, name))
interesting = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff", b"\x00\x00", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00",
               b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80", b"PK\x01\x02", b"PK\x03\x04"]
# Where each entry's data starts: a damaged deflate header is where inflaters loop.
headers, starts, i = [], [], base.find(b"PK\x03\x04")
while i >= 0:
    headers.append(i)
    starts.append(i + 30 + int.from_bytes(base[i + 26:i + 28], "little") + int.from_bytes(base[i + 28:i + 30], "little"))
    i = base.find(b"PK\x03\x04", i + 4)
for i in range(n):
    r = random.Random(seed * 1_000_003 + i)
    d = bytearray(base)
    for _ in range(r.randint(1, 4)):
        # Most mutations land in the headers (the central directory at the end, each entry's local header) or
        # the first bytes of an entry's data.
        if len(d) < 2: break
        zone = r.random()
        if zone < 0.3: pos = r.randrange(max(0, len(d) - 300), len(d))
        elif zone < 0.5: pos = min(r.choice(headers) + r.randrange(30), len(d) - 1)
        elif zone < 0.7: pos = min(r.choice(starts) + r.randrange(8), len(d) - 1)
        else: pos = r.randrange(0, len(d))
        op = r.random()
        if op < 0.1:  # a 32-bit field (a size, an offset) made a little smaller or larger
            v = (int.from_bytes(d[pos:pos + 4].ljust(4, b"\0"), "little") + r.choice([-1, 1]) * r.randint(1, 64)) % (1 << 32)
            d[pos:pos + 4] = v.to_bytes(4, "little")
        elif op < 0.35: d[pos] ^= 1 << r.randrange(8)
        elif op < 0.6: d[pos] = r.randrange(256)
        elif op < 0.85:
            v = r.choice(interesting); d[pos:pos + len(v)] = v
        elif op < 0.93: del d[pos:pos + r.randint(1, 64)]
        else: d = d[:pos]
    open(os.path.join(out, "m%05d.docx" % i), "wb").write(bytes(d))
PY

declare -A codes=()
fails=()
start=$(date +%s.%N)
for f in "$work"/mutants/*.docx; do
  rc=0
  SWIFT_BACKTRACE=enable=no timeout -s KILL "$TIMEOUT" "$BIN" outline "$f" >/dev/null 2>&1 || rc=$?
  codes[$rc]=$(( ${codes[$rc]:-0} + 1 ))
  case $rc in 0|1|2) ;; *) fails+=("$f:$rc") ;; esac
done 2>/dev/null  # the shell's own notice of each child killed by a signal
end=$(date +%s.%N)
echo "binary: $BIN"
echo "mutants: $N (seed $SEED), timeout ${TIMEOUT}s, $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s in all"
for rc in $(printf "%s\n" "${!codes[@]}" | sort -n); do echo "  exit $rc: ${codes[$rc]}"; done
echo "failures (trap or timeout): ${#fails[@]}"
for x in "${fails[@]:0:10}"; do echo "  $x"; done

[ "${TIMING:-1}" = 1 ] || exit 0
# The container alone: the same 16 MB document.xml with an XML error on line 2, so that parsing stops at once
# and the time is reading the file and unpacking the entry.
python3 - "$work/16mb.docx" "$work/16mb-xmlerror.docx" <<'PY'
import sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("word/document.xml")
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    info = zipfile.ZipInfo("word/document.xml", date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, b'<?xml version="1.0"?>\n<a></b>' + xml)
PY
# Wall time of `outline` per file: median and best of RUNS runs, each binary in turn (BASE, when given, is
# an older build to compare with in the same run). The 16 MB document takes a minute in the XML layer
# (issue #12), so it runs RUNS16 times (default 1).
python3 - "$RUNS" "${RUNS16:-1}" "$work" "$BIN" ${BASE:+"$BASE"} <<'PY'
import os, statistics, subprocess, sys, time
runs, runs16, work, bins = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
for name, n in [("sample.docx", runs), ("16mb-xmlerror.docx", runs), ("16mb.docx", runs16)]:
    path = os.path.join(work, name)
    times = {b: [] for b in bins}
    for _ in range(n):
        for b in bins:
            t = time.perf_counter()
            subprocess.run([b, "outline", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[b].append(time.perf_counter() - t)
    for b in bins:
        print("outline %-19s %9d bytes  %-32s median %7.3f s  best %7.3f s  (%d runs)"
              % (name, os.path.getsize(path), b, statistics.median(times[b]), min(times[b]), n))
    if len(bins) == 2:
        print("  ratio, median: %.2f (%s / %s)" % (statistics.median(times[bins[0]]) / statistics.median(times[bins[1]]), bins[0], bins[1]))
PY
