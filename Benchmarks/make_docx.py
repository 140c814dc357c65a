#!/usr/bin/env python3
"""Makes a .docx from a sample plan text, deterministically; optionally repeats the body to a size.

    make_docx.py SAMPLE.txt OUT.docx [MIN_DOCUMENT_XML_BYTES]

Each non-empty line is a paragraph; lines such as 第一章 … carry the style "heading 1" from styles.xml.
"""
import re, sys, zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n<w:styles xmlns:w="%s">'
          '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style></w:styles>' % W)
TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def main():
    src, out = sys.argv[1], sys.argv[2]
    want = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    lines = [l for l in open(src, encoding="utf-8").read().split("\n") if l.strip()]
    paras = []
    for l in lines:
        style = '<w:pPr><w:pStyle w:val="1"/></w:pPr>' if re.match(r"^\s*第[一二三四五六七八九十]+章", l) else ""
        paras.append('<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (style, esc(l)))
    body = "".join(paras)
    reps = 1
    while want and len(body.encode()) * reps < want:
        reps += 1
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (W, body * reps)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", TYPES), ("word/document.xml", xml), ("word/styles.xml", STYLES)]:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode())

main()
