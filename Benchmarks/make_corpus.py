#!/usr/bin/env python3
"""Builds a benchmark corpus of plan text from the samples: many files, each a sample repeated and varied.

Variation (numbers shifted, district names suffixed) keeps the reader from dropping the copies as repeated
paragraphs, so every byte is read, structured, matched and decided like a real plan.

usage: make_corpus.py OUT_DIR TOTAL_MB [FILE_MB]
"""
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "Samples")
out_dir, total_mb = sys.argv[1], float(sys.argv[2])
file_mb = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
os.makedirs(out_dir, exist_ok=True)
for f in os.listdir(out_dir):
    if f.endswith(".txt"):
        os.remove(os.path.join(out_dir, f))

texts = [open(os.path.join(samples, f), encoding="utf-8").read()
         for f in sorted(os.listdir(samples)) if f.endswith(".txt")]
target = int(total_mb * 1_000_000)
per_file = int(file_mb * 1_000_000)
written, n, copy = 0, 0, 0
while written < target:
    parts, size = [], 0
    while size < per_file:
        t = texts[copy % len(texts)]
        k = copy
        t = t.replace("荷塘", "荷塘%d" % k).replace("株洲", "株洲%d" % (k % 97))
        t = re.sub(r"(\d+)(\.\d+)?", lambda m: str(int(m.group(1)) + k % 7) + (m.group(2) or ""), t)
        parts.append(t)
        size += len(t.encode("utf-8"))
        copy += 1
    data = "\n".join(parts).encode("utf-8")
    with open(os.path.join(out_dir, "plan-%04d.txt" % n), "wb") as fh:
        fh.write(data)
    written += len(data)
    n += 1
print("%d files, %.1f MB" % (n, written / 1e6))
