import DocumentModel
import Foundation

/// Renders what the reader understood of a plan: its tree of headings, sentence counts and noise.
public enum OutlineReport {
    /// How a kind of heading is named in summaries.
    static func name(_ kind: SectionKind) -> String {
        switch kind {
        case .part: "篇"
        case .chapter: "章"
        case .section: "节"
        case .numberedPart: "一、"
        case .parenthesized: "（一）"
        case .item: "1."
        case .subitem: "（1）"
        case .dashItem: "——"
        case .box: "专栏"
        case .glossary: "名词解释"
        case .glossaryEntry: "词条"
        case .attachment: "附件"
        }
    }

    /// The plain-text outline a person reads in the terminal.
    public static func text(_ doc: PlanDocument, showSentences: Bool = false) -> String {
        var out = ""
        out += doc.file + (doc.title.map { " — " + $0 } ?? "") + "\n"
        let all = doc.allSections
        var counts: [String] = []
        for kind in SectionKind.allCases {
            let c = all.filter { $0.kind == kind }.count
            if c > 0 { counts.append("\(c) \(name(kind))") }
        }
        out += "  "
        // Text keeps its one-line summary; other formats say what they were read as.
        if doc.format != .text { out += doc.format.rawValue + (doc.entry.map { " (\($0))" } ?? "") + " · " }
        out += "\(doc.encoding.rawValue) · \(doc.lineCount) lines · "
        out += (counts.isEmpty ? "no headings" : counts.joined(separator: " · "))
        out += " · \(doc.bodySentenceCount) sentences · \(doc.noise.count) noise blocks"
        if !doc.indicators.isEmpty {
            out += " · \(doc.indicators.count) indicators (\(doc.indicators.filter(\.isBinding).count) 约束性)"
        }
        out += "\n\n"

        let lineWidth = max(String(doc.lineCount).count * 2 + 1, 7)
        out += pad("lines", lineWidth) + "  " + pad("sent.", 6, right: true) + "  heading\n"
        let front = doc.sentences.filter { $0.section == nil && !$0.isHeading }
        if !front.isEmpty {
            out += pad("", lineWidth) + "  " + pad(String(front.count), 6, right: true) + "  (before the first heading)\n"
            if showSentences { for s in front { out += sentenceLine(doc, s, indent: 1, lineWidth: lineWidth) } }
        }
        var bySection: [Int: [Sentence]] = [:]
        if showSentences { for s in doc.sentences where !s.isHeading { if let id = s.section { bySection[id, default: []].append(s) } } }
        func walk(_ sections: [Section], depth: Int) {
            for s in sections {
                let range = s.startLine == s.endLine ? "\(s.startLine)" : "\(s.startLine)–\(s.endLine)"
                out += pad(range, lineWidth, right: true) + "  " + pad(String(s.sentenceCount), 6, right: true) + "  "
                out += String(repeating: "  ", count: depth) + display(s) + "\n"
                if showSentences { for x in bySection[s.id] ?? [] { out += sentenceLine(doc, x, indent: depth + 1, lineWidth: lineWidth) } }
                walk(s.children, depth: depth + 1)
            }
        }
        walk(doc.sections, depth: 0)
        if !doc.indicators.isEmpty {
            out += "\nindicators:\n"
            for i in doc.indicators {
                var row = pad(String(i.line), lineWidth, right: true) + "  " + i.name
                if let u = i.unitText { row += " (" + u + ")" }
                let values = [i.base, i.target].compactMap { v in v.map { ($0.year.map { "\($0)年 " } ?? "") + $0.text } }
                if !values.isEmpty { row += ": " + values.joined(separator: " → ") }
                if let g = i.growth { row += ", " + (g.cumulative ? "累计 " : "年均 ") + g.text }
                if let a = i.attribute { row += " · " + a.rawValue }
                out += row + "\n"
            }
        }
        if !doc.noise.isEmpty {
            out += "\nnoise (kept, excluded from checks):\n"
            for b in doc.noise {
                var where_ = b.startLine == b.endLine ? "\(b.startLine)" : "\(b.startLine)–\(b.endLine)"
                if let c = b.startColumn, let e = b.endColumn { where_ += ":\(c)-\(e)" }
                let first = b.text.split(separator: "\n").first.map(String.init) ?? ""
                out += pad(where_, lineWidth, right: true) + "  " + b.reason.rawValue + " (" + b.detail + "): " + clip(first, 40) + "\n"
            }
        }
        return out
    }

    /// The document model as JSON: sorted keys, so the same input gives the same bytes.
    public static func json<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(value)
    }

    private static func display(_ s: Section) -> String {
        if s.kind == .dashItem { return "—— " + clip(s.title, 40) }
        if s.kind == .glossary || s.kind == .attachment && s.title.isEmpty { return s.label }
        let sep = s.title.isEmpty ? "" : " "
        return s.label + sep + clip(s.title, 40)
    }

    private static func sentenceLine(_ doc: PlanDocument, _ s: Sentence, indent: Int, lineWidth: Int) -> String {
        pad("\(s.line):\(s.column)", lineWidth, right: true) + "  " + pad("", 6) + "  "
            + String(repeating: "  ", count: indent) + "· " + clip(doc.text(of: s), 60) + "\n"
    }

    /// Shortens text to `n` characters with an ellipsis.
    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let w = DisplayWidth.of(s)
        guard w < width else { return s }
        let fill = String(repeating: " ", count: width - w)
        return right ? fill + s : s + fill
    }
}

/// Terminal column width of text: CJK and full-width characters take two columns.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        case 0x0300...0x036F, 0x200B...0x200F:
            return 0
        default:
            return 1
        }
    }
}
