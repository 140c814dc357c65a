#!/usr/bin/env python3
"""Writes a rule set N times the size of a given one, that behaves like a real rule set N times larger.

Every goal and goal-specific term is copied N-1 times with new ids and names. Each alias of a copied
term keeps its original spelling (so the copies find what the originals find: covered, weak, missing
alike) and gains a distinct variant that occurs in no plan (so the automaton really holds about N times
the patterns, as a larger rule set's many unused aliases do).

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
    # Tests and retirements stay with the original only.
    body = re.sub(r"^test .*?^}\n", "", text, flags=re.M | re.S)
    body = re.sub(r"^retire .*?(?=^\S)", "", body, flags=re.M | re.S)
    names = re.findall(r"^term\s+(\S+)", body, flags=re.M)
    copies = [text]
    for k in range(1, n):
        t = re.sub(r"^(goal\s+)(\S+)", lambda m: m.group(1) + m.group(2) + ".%d" % (100 + k), body, flags=re.M)
        for name in sorted(names, key=len, reverse=True):
            t = re.sub(r"(?<![\w\"])%s(?![\w\"])" % re.escape(name), name + "X%d" % k, t)
        lines = []
        in_term = False
        for line in t.split("\n"):
            if line.startswith("term "):
                in_term = True
            elif not line.startswith("  |") and not line.startswith("  except") and not line.startswith("  unit"):
                in_term = False
            if in_term:
                line = re.sub(r"\"([^\"\n]+)\"", lambda m: "\"%s\" | \"%s〇%d\"" % (m.group(1), m.group(1), k), line)
            lines.append(line)
        copies.append("\n".join(lines))
    open(os.path.join(out, f), "w", encoding="utf-8").write("\n".join(copies))
