import DocumentModel

/// Builds an HTML document by appending, so that nothing unescaped can get in by accident.
///
/// Tag names, attribute names and raw chunks (the inline CSS and script) are `StaticString`s:
/// they can only be literals written in this module. Every `String` — text and attribute values —
/// is escaped. Open elements are tracked, so a test can check the document is balanced.
struct HTMLBuilder {
    private(set) var html = ""
    private var open: [String] = []

    init() {}

    /// Whether every element opened has been closed.
    var isBalanced: Bool { open.isEmpty }

    /// A constant chunk, written as is (the doctype, the inline CSS and script).
    mutating func raw(_ s: StaticString) { html += Self.string(s) }

    /// Text, escaped.
    mutating func text(_ s: String) { html += MarkupEscape.escape(s) }

    /// `<tag attr="value" …>`; attributes whose value is nil are left out, an empty value is written
    /// as a bare attribute (`hidden`, `open`).
    mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        startTag(tag, attributes)
        open.append(Self.string(tag))
    }

    /// `</tag>`, which must close the innermost open element.
    mutating func close(_ tag: StaticString) {
        let name = Self.string(tag)
        assert(open.last == name, "closing <\(name)> but <\(open.last ?? "nothing")> is open")
        open.removeLast()
        html += "</" + name + ">"
        // A line break after block elements keeps the source readable and diffable; it is never inside text.
        if Self.breakAfter.contains(name) { html += "\n" }
    }

    private static let breakAfter: Set<String> = [
        "head", "style", "header", "section", "footer", "table", "thead", "tbody", "tfoot", "tr", "form",
        "details", "summary", "ol", "ul", "li", "dl", "dd", "p", "h1", "h2", "h4", "h5", "blockquote",
    ]

    /// An element with its content built by `body`.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                          _ body: (inout HTMLBuilder) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// An element holding only text.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// An element without content or end tag (`meta`, `input`, `br`).
    mutating func void(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        startTag(tag, attributes)
    }

    private mutating func startTag(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?>) {
        html += "<" + Self.string(tag)
        for (name, value) in attributes {
            guard let value else { continue }
            html += " " + Self.string(name)
            if !value.isEmpty { html += "=\"" + MarkupEscape.escape(value) + "\"" }
        }
        html += ">"
    }

    /// A whole self-contained page: doctype, `zh-CN` (so CJK fonts pick simplified-Chinese glyphs), the
    /// content security policy, the inline style, the body in a `.wrap` column, and the inline script if any.
    static func page(title: String, contentSecurityPolicy: String, css: StaticString, script: StaticString? = nil,
                     body: (inout HTMLBuilder) -> Void) -> String {
        var h = HTMLBuilder()
        h.raw("<!DOCTYPE html>\n")
        h.open("html", ["lang": "zh-CN"])
        h.open("head")
        h.void("meta", ["charset": "utf-8"])
        h.void("meta", ["http-equiv": "Content-Security-Policy", "content": contentSecurityPolicy])
        h.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        h.void("meta", ["name": "generator", "content": "plancheck"])
        h.element("title", text: title)
        h.open("style")
        h.raw(css)
        h.close("style")
        h.close("head")
        h.open("body")
        h.open("div", ["class": "wrap"])
        body(&h)
        h.close("div")
        if let script {
            h.raw("\n<script>")
            h.raw(script)
            h.raw("</script>\n")
        }
        h.close("body")
        h.close("html")
        h.raw("\n")
        assert(h.isBalanced)
        return h.html
    }

    static func string(_ s: StaticString) -> String {
        s.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }
}
