#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from Samples/, Rules/ and the hostile files.

Run from the repository root after `swift build` (it uses .build/debug/plancheck for plan XML and JSON
reports): python3 fuzz/seed.py. Seeds are small pieces (about 1-3 KB), so the fuzzer mutates inputs
that run fast; each target's corpus stays under ~100 KB. The output is deterministic.
"""
import hashlib, io, json, os, shutil, subprocess, sys, tempfile, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
PLANCHECK = os.path.join(ROOT, ".build", "debug", "plancheck")
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "reliability")


def pieces(text, size, limit):
    """Up to `limit` pieces of about `size` bytes, cut at line ends, spread over the text."""
    lines = text.splitlines(keepends=True)
    out, cur = [], ""
    for line in lines:
        if cur and len((cur + line).encode()) > size:
            out.append(cur)
            cur = ""
        cur += line
    if cur:
        out.append(cur)
    step = max(1, len(out) // limit)
    return out[::step][:limit]


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def level(line):
    s = line.strip()
    if s.startswith("第") and len(s) > 2:
        for k, ch in enumerate(s[:6]):
            if ch in "篇章节":
                return {"篇": 1, "章": 2, "节": 3}[ch] if all(c in "一二三四五六七八九十" for c in s[1:k]) and k > 1 else None
    return None


def plancheck(args, cwd=None):
    return subprocess.run([PLANCHECK] + args, capture_output=True, check=False, cwd=cwd).stdout


def main():
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    samples = ["hetang-14th-five-year-plan.txt", "zhuzhou-15th-plan-proposal-2025.txt",
               "zhuzhou-government-work-report-2023.txt", "zhuzhou-14th-plenum-communique-2020.txt",
               "zhuzhou-13th-party-congress-2021.txt"]
    texts = {s: read("Samples/" + s) for s in samples}
    text_pieces = [p for s in samples for p in pieces(texts[s], 2000, 6)]

    # text: UTF-8 pieces, the same in GB18030 and UTF-16 (both byte orders, with a mark), CRLF, a BOM.
    for i, p in enumerate(text_pieces):
        put("text", p)
        if i % 3 == 0:
            put("text", p[:600].encode("gb18030"))
            put("text", "\ufeff".encode("utf-16-le") + p[:500].encode("utf-16-le"))
            put("text", "\ufeff".encode("utf-16-be") + p[:500].encode("utf-16-be"))
            put("text", "\ufeff" + p[:400].replace("\n", "\r\n"))
    put("text", "第一章 总则\n专栏1 主要指标\n地区生产总值 亿元 500 700 7%\n到2025年，研发投入强度达到2.5%以上。\n")
    with open(os.path.join(SHARED, "bigram-32767.txt"), encoding="utf-8") as f:
        put("text", f.read()[:1000])

    # check: the UTF-8 pieces only (the engine's time goes on text that reads).
    for p in text_pieces[::2]:
        put("check", p)

    # planxml: pieces written as plan XML by plancheck itself.
    tmp = tempfile.mkdtemp()
    for i, p in enumerate(text_pieces[::2]):
        path = os.path.join(tmp, "piece%d.txt" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(p)
        xml = plancheck(["outline", "--format", "plan-xml", path])
        if xml:
            put("planxml", xml)
        if i < 4:
            # Run where the piece is and named relatively, with the checkout's path cut out, so the seeds
            # are the same wherever and whenever they are made.
            report = plancheck(["check", os.path.basename(path), "--format", "json"], cwd=tmp)
            report = report.replace((ROOT + "/").encode(), b"")
            if report:
                r = json.loads(report)
                r["findings"] = r["findings"][:3]
                r["matrix"]["rows"] = r["matrix"]["rows"][:3]
                put("baseline", json.dumps(r, ensure_ascii=False, indent=1, sort_keys=True))
    shutil.rmtree(tmp)
    put("planxml", read("Samples/hetang-14th-five-year-plan.xml")[:3000].rsplit("\n", 1)[0] + "\n")

    # xml: documents for each of fuzzMappings (first byte), and one with its mapping as a JSON line.
    for i, p in enumerate(text_pieces[1::4]):
        lines = [l.strip() for l in p.splitlines() if l.strip()]
        body0 = "".join("<chap><title>%s</title></chap>" % esc(l) if level(l) else "<para>%s</para>" % esc(l) for l in lines)
        put("xml", b"\x00" + ("<?xml version=\"1.0\"?>\n<doc><name>规划</name><part><title>第一篇</title>%s"
                              "<grid><row><cell>指标</cell><cell>2025年</cell></row><row><cell>地区生产总值（亿元）</cell><cell>700</cell></row></grid>"
                              "<note>来源</note></part></doc>\n" % body0).encode())
        body1 = "".join("<h%d>%s</h%d>" % (level(l), esc(l), level(l)) if level(l) else "<p>%s</p>" % esc(l) for l in lines)
        put("xml", b"\x01" + ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><article>%s<ul><li>一是</li></ul>"
                              "<table><tr><td>指标</td><td>目标</td></tr></table></article>" % body1).encode())
        put("xml", b"\x02" + ("<?xml version=\"1.0\"?><d:doc xmlns:d=\"urn:example:doc\">%s</d:doc>"
                              % "".join("<d:title>%s</d:title>" % esc(l) if level(l) else "<d:p>%s</d:p>" % esc(l) for l in lines)).encode())
        if i < 2:
            put("xml", b"\x03" + ("<?xml version=\"1.0\" encoding=\"GB18030\"?><r>%s</r>" % body0).encode("gb18030"))
    mapping = {"headings": ["//chap/title"], "paragraphs": ["//para[not(@skip)]"], "tables": ["//grid"], "rows": "row",
               "cells": "cell", "title": "/doc/name", "noise": ["//note"], "namespaces": {"x": "urn:x"}}
    put("xml", b"\xff" + json.dumps(mapping, ensure_ascii=False).encode() + "\n<doc><name>t</name><chap><title>第一章 总则</title></chap><para>到2025年达到5%。</para></doc>".encode())
    put("xml", "\x00<!DOCTYPE doc [<!ENTITY e \"研发\">]><doc><para>&e;投入&#x7814;</para><![CDATA[<p>]]></doc>".encode())

    # html: pieces as web pages with headings, tables and page furniture.
    for i, p in enumerate(text_pieces[::3]):
        lines = [l.strip() for l in p.splitlines() if l.strip()]
        body = "\n".join("<h%d>%s</h%d>" % (level(l), esc(l), level(l)) if level(l) else "<p>%s</p>" % esc(l) for l in lines)
        page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>规划_门户网站</title><script>var x = 1 < 2;</script>"
                "</head><body><nav><a href=\"/\">首页</a> &gt; 政务公开</nav><div id=\"content\">\n%s\n"
                "<table><tr><th>指标</th><th>2025年</th></tr><tr><td>研发投入强度（%%）</td><td>2.5</td></tr></table>"
                "</div><footer><p>版权所有 &copy; 2022</p></footer></body></html>\n" % body)
        put("html", page if i % 4 else page.replace("utf-8", "gb18030").encode("gb18030"))
    with open(os.path.join(SHARED, "html-invalid-byte-40k.html"), "rb") as f:
        put("html", f.read()[:300])

    # docx: stored entries (the fuzzer then mutates the XML itself) and one deflated.
    styles = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
              "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style>"
              "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"标题 2\"/></w:style></w:styles>")
    for i, p in enumerate(text_pieces[::5]):
        ps = []
        for l in (l.strip() for l in p[:1200].splitlines()):
            if not l:
                continue
            style = "<w:pPr><w:pStyle w:val=\"%d\"/></w:pPr>" % min(level(l), 2) if level(l) else ""
            h = len(l) // 2
            ps.append("<w:p>%s<w:r><w:t xml:space=\"preserve\">%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r></w:p>"
                      % (style, esc(l[:h]), esc(l[h:])))
        doc = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
               "wordprocessingml/2006/main\"><w:body>%s<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
               "<w:sectPr/></w:body></w:document>" % "".join(ps))
        buf = io.BytesIO()
        method = zipfile.ZIP_DEFLATED if i == 0 else zipfile.ZIP_STORED
        with zipfile.ZipFile(buf, "w", method) as z:
            for name, data in [("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
                               ("word/document.xml", doc), ("word/styles.xml", styles)]:
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = method
                z.writestr(info, data)
        put("docx", buf.getvalue())

    # rules and fmt: the rule files cut at blank lines into pieces of about 1.5 KB.
    rule_files = []
    for base in ["Rules", "Tests/Fixtures/Rules"]:
        for d, _, names in sorted(os.walk(os.path.join(ROOT, base))):
            rule_files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".rules")]
    chunks = []
    for path in rule_files:
        with open(path, encoding="utf-8") as f:
            blocks = f.read().split("\n\n")
        cur = ""
        for b in blocks:
            if cur and len((cur + b).encode()) > 1500:
                chunks.append(cur)
                cur = ""
            cur += b + "\n\n"
        if cur.strip():
            chunks.append(cur)
    seen = set()
    for i, c in enumerate(chunks):
        if c in seen:
            continue
        seen.add(c)
        if i % 2 == 0:
            put("rules", c)
        if i % 3 == 0:
            put("fmt", c)
    with open(os.path.join(SHARED, "rules-fmt-quadratic-40k.rules"), encoding="utf-8") as f:
        put("fmt", f.read()[:400])
    # Inputs the rules fuzzer once failed on, so that every fuzz run replays them (a leak shows only there).
    fixtures = os.path.join(ROOT, "Tests", "Fixtures", "reliability")
    for name in sorted(os.listdir(fixtures)):
        if name.startswith("fuzz-rules-"):
            with open(os.path.join(fixtures, name), "rb") as f:
                put("rules", f.read())

    # waivers: the forms the file takes, and some mistakes.
    put("waivers", "# 区级衔接\nwaive 5.5 because \"区级基层治理专项规划另行衔接\"\n"
                   "waive 6 in \"hetang.txt\" until 2026-06-30 because \"产业集群目标待市里分解\"\n")
    put("waivers", "waive retire:十九大 because “引用上级文件原文”\r\nwaive 3 until 2020-01-01 because \"过期\"\n")
    put("waivers", "waive 5.1 in hetang.txt because \"x\"  # 注释\n\twaive\u3000 5.2 because \"y\"\n")
    put("waivers", "waive 5.3 until 2026-13-40 because \"bad date\"\nwaive because\n")


if __name__ == "__main__":
    sys.exit(main())
