#!/usr/bin/env python3
"""Writes fuzz/dict/<target>.dict: libFuzzer dictionaries (tokens libFuzzer splices into inputs).

libFuzzer takes only printable ASCII between the quotes, so other bytes are written as \\xNN.
Run: python3 fuzz/dict/make.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

PLAN = ["第一篇", "第一章", "第二章", "第十章", "第一节", "第三节", "专栏", "专栏1", "（一）", "（二）", "一、", "二、", "1.", "(1)",
        "%", "％", "亿元", "万元", "万人", "个百分点", "平方公里", "公里", "万吨", "元", "‰", "倍",
        "到2025年", "到2030年", "2035年", "“十四五”", "“十五五”", "年均增长", "累计", "达到", "以上", "以下", "左右", "力争",
        "不低于", "控制在", "主要指标", "预期性", "约束性", "研发投入强度", "地区生产总值", "二〇三五年", "百分之", "三万", "两千",
        "。", "；", "，", "：", "“", "”", "、", "——", "\u3000", "\r\n", "\n\n", "\t",
        "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff", "\x00", "\xa1\xa1", "\x81\x30\x81\x30", "\xed\xa0\x80", "\xc0\x80"]
XML_COMMON = ["<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"GB18030\"?>", "encoding=\"UTF-16\"",
              "<!DOCTYPE", "<!ENTITY", "<!ENTITY e \"x\">", "&e;", "SYSTEM", "\"file:///etc/passwd\"", "<![CDATA[", "]]>",
              "<!--", "-->", "&amp;", "&lt;", "&#x7814;", "&#0;", "xmlns=", "xmlns:d=\"urn:example:doc\"", "xml:space=\"preserve\"", "/>", "</"]
PLANXML = ["<plan version=\"1\">", "</plan>", "<title>", "</title>", "<part number=\"1\">", "</part>", "<chapter number=\"2\">",
           "</chapter>", "<section number=\"3\">", "</section>", "<heading>", "</heading>", "<p>", "</p>", "<box>", "</box>",
           "<entry>", "</entry>", "<attachment>", "<glossary>", "<table>", "<row>", "<cell>", "<indicator", "<noise>", "source=", "level="]
MAPPED = ["<doc>", "</doc>", "<part>", "<chap>", "<title>", "</title>", "<para>", "</para>", "<grid>", "<row>", "<cell>", "<note>",
          "<name>", "<h1>", "<h2>", "<p>", "<li>", "<table>", "<tr>", "<td>", "<d:p>", "<d:title>",
          "{\"headings\":[", "\"paragraphs\":[", "\"tables\":[", "\"rows\":", "\"cells\":", "\"title\":", "\"noise\":[",
          "\"namespaces\":{", "//", "/..", "[1]", "[last()]", "text()", "node()", "@*", "|", "ancestor::", "following-sibling::",
          "count(", "string(", "concat(", "not(", "position()", "\\u0000"]
HTML = ["<!DOCTYPE html>", "<html>", "</html>", "<head>", "<meta charset=\"utf-8\">", "<meta charset=\"gb18030\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", "<body>", "<h1>", "<h2>", "<h3>", "<h4>", "</h2>",
        "<p>", "</p>", "<br>", "<div>", "</div>", "<section>", "<article>", "<table>", "<tr>", "<td>", "<th>", "</td>", "<ul>", "<li>",
        "<script>", "</script>", "<style>", "<nav>", "<footer>", "<span>", "<a href=\"/\">", "&nbsp;", "&gt;", "&copy;", "&#12288;",
        "class=\"breadcrumb\"", "id=\"content\"", "<!--", "-->"]
DOCX = ["PK\x03\x04", "PK\x01\x02", "PK\x05\x06", "word/document.xml", "word/styles.xml", "[Content_Types].xml",
        "<w:p>", "</w:p>", "<w:r>", "<w:t>", "</w:t>", "<w:t xml:space=\"preserve\">", "<w:pPr>", "<w:pStyle w:val=\"1\"/>",
        "<w:pStyle w:val=\"2\"/>", "<w:tbl>", "<w:tr>", "<w:tc>", "<w:br/>", "<w:tab/>", "<w:b/>", "<w:style w:type=\"paragraph\"",
        "w:styleId=\"1\"", "<w:name w:val=\"heading 1\"/>", "标题 2", "Title", "<w:outlineLvl w:val=\"0\"/>", "<w:numPr>", "<w:ins>", "<w:del>"]
RULES = ["ruleset", "goal", "term", "retire", "test", "include", "source", "period", "profile", "areas", "area", "severity", "weight",
         "tags", "tag", "cite", "item", "require", "expect", "suggest", "mention", "commitment", "target", "review", "when", "then",
         "except", "use", "unit", "in", "section", "xpath", "scope", "outside", "plan", "file", "published", "default", "all", "any",
         "no", "and", "of", "at", "least", "by", "between", "error", "warning", "info", "covered", "weak", "missing", "conflicting",
         "outdated", "{", "}", "=", "|", ">=", "<=", "≥", "≤", ">", "<", "%", "亿元", "万元", "个百分点", "2025", "2021-2025", "2026-06-30",
         "\"\"\"", "\\u{7814}", "\\n", "\\\"", "#", "“", "”", "研发投入强度", "第三章", "专栏", "5.1", "retire:"]
WAIVERS = ["waive", "in", "until", "because", "retire:", "retire:十九大", "5.5", "2026-06-30", "0000-00-00", "\"", "“", "”", "#", "\u3000", "\r\n"]
BASELINE = ["{", "}", "[", "]", "\"version\": 1", "\"rules\":", "\"plans\":", "\"summary\":", "\"planSummaries\":", "\"matrix\":",
            "\"findings\":", "\"waivers\":", "\"baseline\":", "\"goal\":", "\"plan\":", "\"status\":", "\"message\":", "\"severity\":",
            "\"fingerprint\":", "\"location\":", "\"line\":", "\"column\":", "\"path\":", "\"hash\":", "\"title\":", "\"statuses\":",
            "\"coverage\":", "\"covered\"", "\"missing\"", "\"weak\"", "\"conflicting\"", "\"outdated\"", "\"error\"", "\"warning\"",
            "null", "true", "false", "1e308", "-0", "\\u0000", "\\ud800", "\"\\u4e2d\""]
DICTS = {"text": PLAN, "check": PLAN, "planxml": XML_COMMON + PLANXML + PLAN[:30], "xml": XML_COMMON + MAPPED + PLAN[:20],
         "html": HTML + PLAN[:30], "docx": DOCX + XML_COMMON + PLAN[:15], "rules": RULES, "fmt": RULES, "waivers": WAIVERS,
         "baseline": BASELINE}


def quote(token):
    data = token.encode("utf-8") if all(ord(c) < 0x100 for c in token) is False else token.encode("latin-1")
    out = ""
    for b in data:
        c = chr(b)
        out += c if 0x20 <= b < 0x7F and c not in "\"\\" else "\\x%02X" % b
    return "\"" + out + "\""


for name, tokens in DICTS.items():
    with open(os.path.join(HERE, name + ".dict"), "w") as f:
        f.write("# libFuzzer dictionary for the %s target (written by fuzz/dict/make.py)\n" % name)
        for t in dict.fromkeys(tokens):
            f.write(quote(t) + "\n")
