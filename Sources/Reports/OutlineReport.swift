import DocumentModel
import Foundation
import Localization
import RuleLanguage

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

    /// The plain-text outline a person reads in the terminal, in `language`.
    public static func text(_ doc: PlanDocument, showSentences: Bool = false, language: Language = .en) -> String {
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
        out += "\(doc.encoding.rawValue) · " + language.pick("\(doc.lineCount) lines", "\(doc.lineCount) 行") + " · "
        out += (counts.isEmpty ? language.pick("no headings", "没有标题") : counts.joined(separator: " · "))
        out += " · " + language.pick("\(doc.bodySentenceCount) sentences · \(doc.noise.count) noise blocks",
                           "\(doc.bodySentenceCount) 句 · \(doc.noise.count) 处干扰内容")
        if !doc.indicators.isEmpty {
            let binding = doc.indicators.filter(\.isBinding).count
            out += " · " + language.pick("\(doc.indicators.count) indicators (\(binding) 约束性)", "\(doc.indicators.count) 项指标（\(binding) 项约束性）")
        }
        out += "\n\n"

        let lineWidth = max(String(doc.lineCount).count * 2 + 1, 7)
        out += pad(language.pick("lines", "行"), lineWidth) + "  " + pad(language.pick("sent.", "句数"), 6, right: true) + "  " + language.pick("heading", "标题") + "\n"
        let front = doc.sentences.filter { $0.section == nil && !$0.isHeading }
        if !front.isEmpty {
            out += pad("", lineWidth) + "  " + pad(String(front.count), 6, right: true) + "  " + language.pick("(before the first heading)", "（第一个标题之前）") + "\n"
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
            out += language.pick("\nindicators:\n", "\n主要指标：\n")
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
            out += language.pick("\nnoise (kept, excluded from checks):\n", "\n干扰内容（保留，不参与检查）：\n")
            for b in doc.noise {
                var where_ = b.startLine == b.endLine ? "\(b.startLine)" : "\(b.startLine)–\(b.endLine)"
                if let c = b.startColumn, let e = b.endColumn { where_ += ":\(c)-\(e)" }
                let first = b.text.split(separator: "\n").first.map(String.init) ?? ""
                out += pad(where_, lineWidth, right: true) + "  " + (language == .zh ? b.reason.chinese + "（" + b.chineseDetail + "）：" : b.reason.rawValue + " (" + b.detail + "): ")
                    + first.clipped(40) + "\n"
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
        if s.kind == .dashItem { return "—— " + s.title.clipped(40) }
        if s.kind == .glossary || s.kind == .attachment && s.title.isEmpty { return s.label }
        let sep = s.title.isEmpty ? "" : " "
        return s.label + sep + s.title.clipped(40)
    }

    private static func sentenceLine(_ doc: PlanDocument, _ s: Sentence, indent: Int, lineWidth: Int) -> String {
        pad("\(s.line):\(s.column)", lineWidth, right: true) + "  " + pad("", 6) + "  "
            + String(repeating: "  ", count: indent) + "· " + doc.text(of: s).clipped(60) + "\n"
    }


    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let w = DisplayWidth.of(s)
        guard w < width else { return s }
        let fill = String(repeating: " ", count: width - w)
        return right ? fill + s : s + fill
    }
}

extension NoiseReason {
    /// The reason as a Chinese outline gives it.
    var chinese: String {
        switch self {
        case .pageMarker: "页码标记"
        case .editorial: "编辑信息"
        case .caption: "图表文字"
        case .webHeader: "网页页头"
        case .webFooter: "网页页脚"
        case .repeated: "重复段落"
        case .layoutDuplicate: "排版重复"
        case .trailingNotice: "文末无关启事"
        case .pageFurniture: "网页导航等"
        }
    }
}
