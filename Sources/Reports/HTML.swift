import DocumentModel
import Localization

/// Builds an HTML document by appending, so that nothing unescaped can get in by accident.
///
/// Tag names, attribute names and raw chunks (the inline CSS and script) are `StaticString`s:
/// they can only be literals written in this module. Every `String` — text and attribute values —
/// is escaped. Open elements are tracked, so a test can check the document is balanced.
///
/// A page speaks one language (`language`, the one it opens in) and carries the other for its switch: text
/// given as `LocalizedText` is written in `language`, with both kept in `data-en` / `data-zh` (and attributes
/// in `data-en-title` / `data-zh-title`…) for the page's language script to swap.
struct HTMLBuilder {
    private(set) var html = ""
    private var open: [String] = []
    /// The language the page is written in.
    let language: Language

    init(language: Language = .en) { self.language = language }

    /// Whether every element opened has been closed.
    var isBalanced: Bool { open.isEmpty }

    /// A constant chunk, written as is (the doctype, the inline CSS and script).
    mutating func raw(_ s: StaticString) { html += Self.string(s) }

    /// Text, escaped.
    mutating func text(_ s: String) { html += MarkupEscape.escape(s) }

    /// `<tag attr="value" …>`; attributes whose value is nil are left out, an empty value is written
    /// as a bare attribute (`hidden`, `open`).
    mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                       localized: KeyValuePairs<StaticString, LocalizedText?> = [:]) {
        startTag(tag, attributes, localized: localized)
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
                          localized: KeyValuePairs<StaticString, LocalizedText?> = [:], _ body: (inout HTMLBuilder) -> Void) {
        open(tag, attributes, localized: localized)
        body(&self)
        close(tag)
    }

    /// An element holding only text.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                          localized: KeyValuePairs<StaticString, LocalizedText?> = [:], text: String) {
        open(tag, attributes, localized: localized)
        self.text(text)
        close(tag)
    }

    /// An element holding only text in both languages: written in the page's, both kept for the switch
    /// (text that reads the same in both is written once, with nothing to swap).
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                          localized: KeyValuePairs<StaticString, LocalizedText?> = [:], say: LocalizedText) {
        html += "<" + Self.string(tag)
        attributesOf(attributes, localized: localized)
        if say.en != say.zh {
            html += " data-en=\"" + MarkupEscape.escape(say.en) + "\" data-zh=\"" + MarkupEscape.escape(say.zh) + "\""
        }
        html += ">"
        open.append(Self.string(tag))
        text(say.text(language))
        close(tag)
    }

    /// Text in both languages inside other content: a `span` the switch can swap, or plain text when both
    /// languages write it the same.
    mutating func say(_ t: LocalizedText) {
        if t.en == t.zh { text(t.en) } else { element("span", say: t) }
    }

    /// An element without content or end tag (`meta`, `input`, `br`).
    mutating func void(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                       localized: KeyValuePairs<StaticString, LocalizedText?> = [:]) {
        startTag(tag, attributes, localized: localized)
    }

    private mutating func startTag(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?>,
                                   localized: KeyValuePairs<StaticString, LocalizedText?>) {
        html += "<" + Self.string(tag)
        attributesOf(attributes, localized: localized)
        html += ">"
    }

    private mutating func attributesOf(_ attributes: KeyValuePairs<StaticString, String?>,
                                       localized: KeyValuePairs<StaticString, LocalizedText?>) {
        for (name, value) in attributes {
            guard let value else { continue }
            html += " " + Self.string(name)
            if !value.isEmpty { html += "=\"" + MarkupEscape.escape(value) + "\"" }
        }
        // `title="…" data-en-title="…" data-zh-title="…"`: the names are literals of this module, so the
        // composed ones are too.
        for (name, value) in localized {
            guard let value else { continue }
            let n = Self.string(name)
            html += " " + n + "=\"" + MarkupEscape.escape(value.text(language)) + "\""
            if value.en != value.zh {
                html += " data-en-" + n + "=\"" + MarkupEscape.escape(value.en) + "\" data-zh-" + n + "=\"" + MarkupEscape.escape(value.zh) + "\""
            }
        }
    }

    /// A whole self-contained page in `language`: doctype, `lang` (`zh-CN`, so CJK fonts pick
    /// simplified-Chinese glyphs), the content security policy, the inline styles, the body in a `.wrap`
    /// column, and the inline scripts, in order.
    static func page(title: String, language: Language, contentSecurityPolicy: String, styles: [StaticString],
                     scripts: [StaticString] = [], body: (inout HTMLBuilder) -> Void) -> String {
        var h = HTMLBuilder(language: language)
        h.raw("<!DOCTYPE html>\n")
        h.open("html", ["lang": language == .zh ? "zh-CN" : "en", "data-lang": language.rawValue])
        h.open("head")
        h.void("meta", ["charset": "utf-8"])
        h.void("meta", ["http-equiv": "Content-Security-Policy", "content": contentSecurityPolicy])
        h.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        h.void("meta", ["name": "generator", "content": "plancheck"])
        h.element("title", text: title)
        h.open("style")
        for css in styles { h.raw(css) }
        h.close("style")
        h.close("head")
        h.open("body")
        h.open("div", ["class": "wrap"])
        body(&h)
        h.close("div")
        for script in scripts {
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
