#!/usr/bin/env python3
"""Makes the same plan text at growing sizes as .txt, plan .xml, .html and .docx, for Benchmarks/markup_scale.sh.

    make_markup.py OUTDIR COPIES...      # e.g. make_markup.py /tmp/m 10 20 40 80

For each COPIES, writes OUTDIR/plan-COPIES.{txt,xml,html,docx}: the body of Samples/hetang-14th-five-year-plan.xml
repeated COPIES times under one <plan>, and its text twin (the .txt sample) repeated as often. The HTML and the
Word document hold the text one paragraph a line, 篇/章/节 lines as headings, as the tests' makeHTML and
makeDocumentXML build them (Tests/DocumentModelTests/Support.swift).
Also writes OUTDIR/entities-100000.xml: 100,000 references to one internal entity of 4,000 characters, the
shape of issue #12's 450 KB file that took 118 s with --xpath-paragraphs.
"""
import os
import re
import sys
import zipfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out_dir = sys.argv[1]
copies = [int(a) for a in sys.argv[2:]] or [10, 20, 40, 80]
os.makedirs(out_dir, exist_ok=True)

text = open(os.path.join(root, "Samples/hetang-14th-five-year-plan.txt"), encoding="utf-8").read()
xml = open(os.path.join(root, "Samples/hetang-14th-five-year-plan.xml"), encoding="utf-8").read()
head_end = xml.index("</title>") + len("</title>")
tail_start = xml.rindex("</plan>")
xml_head, xml_body, xml_tail = xml[:head_end], xml[head_end:tail_start], xml[tail_start:]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def level(line):
    m = re.match(r"\s*第([一二三四五六七八九十]+)([篇章节])", line)
    return {"篇": 1, "章": 2, "节": 3}[m.group(2)] if m else None


lines = [l for l in text.split("\n") if l.strip()]


def html(k):
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8"><title>荷塘区规划</title></head><body>', '<div id="content">']
    for _ in range(k):
        for l in lines:
            n = level(l)
            out.append(f"<h{n}>{esc(l)}</h{n}>" if n else f"<p>{esc(l)}</p>")
    out += ["</div>", "</body></html>"]
    return "\n".join(out) + "\n"


def document_xml(k):
    ps = []
    for l in lines:
        n = level(l)
        style = f'<w:pPr><w:pStyle w:val="{["", "1", "2", "Heading3"][n]}"/></w:pPr>' if n else ""
        half = len(l) // 2
        ps.append(f'<w:p>{style}<w:r><w:t xml:space="preserve">{esc(l[:half])}</w:t></w:r>'
                  f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{esc(l[half:])}</w:t></w:r></w:p>')
    body = "\n".join(ps) + "\n"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
            + body * k + "<w:sectPr/></w:body></w:document>")


styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:styles xmlns:w="{W}">'
          '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style></w:styles>')

for k in copies:
    base = os.path.join(out_dir, f"plan-{k}")
    with open(base + ".txt", "w", encoding="utf-8") as f:
        f.write(text * k)
    with open(base + ".xml", "w", encoding="utf-8") as f:
        f.write(xml_head + xml_body * k + xml_tail)
    with open(base + ".html", "w", encoding="utf-8") as f:
        f.write(html(k))
    with zipfile.ZipFile(base + ".docx", "w", zipfile.ZIP_DEFLATED) as z:
        # A fixed date: the same sizes give the same bytes, so reports (which hash the file) can be compared.
        for name, data in [("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
                           ("word/document.xml", document_xml(k)), ("word/styles.xml", styles)]:
            z.writestr(zipfile.ZipInfo(name, date_time=(2021, 2, 4, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

# 100,000 references, ten to a paragraph, to one entity of 4,000 characters: 450 KB that would spell out
# 400 million characters.
n = 100_000
with open(os.path.join(out_dir, f"entities-{n}.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE doc [<!ENTITY e "' + "荷塘区人民政府要求" * 444 + '">]>\n<doc>\n')
    f.write(("<p>" + "&e; " * 10 + "</p>\n") * (n // 10))
    f.write("</doc>\n")
