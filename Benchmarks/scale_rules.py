#!/usr/bin/env python3
"""Writes a rule set N times the size of a given one: every goal and term copied with new ids and
aliases (each alias gets a distinct suffix, so the automaton really holds N times the patterns).

usage: scale_rules.py RULES_DIR OUT_DIR N
"""
import os
import re
import shutil
import sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
files = sorted(f for f in os.listdir(src) if f.endswith(".rules"))
for f in files:
    text = open(os.path.join(src, f), encoding="utf-8").read()
    text = text.replace('include "../../common"', 'include "%s"' % os.path.abspath(os.path.join(src, "..", "..", "common")))
    if "ruleset" in text or not re.search(r"^goal", text, flags=re.M):
        open(os.path.join(out, f), "w", encoding="utf-8").write(text)
        continue
    copies = [text]
    for k in range(1, n):
        t = re.sub(r"^(goal\s+)(\S+)", lambda m: m.group(1) + m.group(2) + ".%d" % (100 + k), text, flags=re.M)
        t = re.sub(r"^(term\s+)(\S+)", lambda m: m.group(1) + m.group(2) + "X%d" % k, t, flags=re.M)
        # Term references inside clauses follow the renamed terms; quoted aliases get a suffix.
        names = re.findall(r"^term\s+(\S+)", text, flags=re.M)
        for name in sorted(names, key=len, reverse=True):
            t = re.sub(r"(?<![\w\"])%s(?![\w\"X])" % re.escape(name), name + "X%d" % k, t)
        t = re.sub(r"\"([^\"\n]+)\"", lambda m: "\"%s%d\"" % (m.group(1), k), t)
        copies.append(t)
    open(os.path.join(out, f), "w", encoding="utf-8").write("\n".join(copies))
