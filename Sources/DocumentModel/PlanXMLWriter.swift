import Foundation

/// Writes a plan as plan XML (`docs/plan-xml.md`): its title, sections, paragraphs and indicators.
///
/// Text is written normalized (PDF spaces removed, full-width forms folded), one `<p>` per source line of
/// body text, and a heading with any text that runs on after it on its line, so reading the XML back
/// gives the same sections and sentences. Noise is left out: the XML holds the plan only.
public enum PlanXMLWriter {
    /// The plan as a plan XML document (UTF-8 text).
    public static func write(_ doc: PlanDocument) -> String {
        var w = Writer(doc: doc)
        return w.run()
    }

    static let elementNames: [SectionKind: String] = [
        .part: "part", .chapter: "chapter", .section: "section", .numberedPart: "numbered-part",
        .parenthesized: "parenthesized", .item: "item", .subitem: "subitem", .dashItem: "dash-item",
        .box: "box", .attachment: "attachment", .glossary: "glossary", .glossaryEntry: "entry",
    ]

    private struct Writer {
        let doc: PlanDocument
        var out = ""
        /// Sentences of each section (and of none, key -1), in order.
        var bySection: [Int: [Sentence]] = [:]
        var indicatorsBySection: [Int: [Indicator]] = [:]

        init(doc: PlanDocument) {
            self.doc = doc
            // Heading titles are written as headings, not again as paragraphs.
            for s in doc.sentences where !s.isHeading { bySection[s.section ?? -1, default: []].append(s) }
            for i in doc.indicators { indicatorsBySection[i.section ?? -1, default: []].append(i) }
        }

        mutating func run() -> String {
            let name = doc.file.split(separator: "/").last.map(String.init) ?? doc.file
            out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            out += "<!-- \(escape(name).replacingDashes) as plan XML (docs/plan-xml.md), written by plancheck outline, format plan-xml -->\n"
            out += "<plan version=\"1\" source=\"\(escape(name))\">\n"
            if let t = doc.title { out += "  <title>\(escape(t))</title>\n" }
            content(section: nil, after: nil, children: doc.sections, depth: 1)
            out += "</plan>\n"
            return out
        }

        /// A section's own paragraphs and its children, in document order.
        mutating func content(section: Section?, after headingLine: Int?, children: [Section], depth: Int) {
            let own = (bySection[section?.id ?? -1] ?? []).filter { s in
                // In text, what runs on after the heading on its line is written with the heading.
                guard doc.format == .text, let h = headingLine else { return true }
                return s.line != h
            }
            // One paragraph per source line (text) or per element (markup).
            var groups: [[Sentence]] = []
            for s in own {
                if let last = groups.last?.last, doc.format == .text ? last.line == s.line : (last.xpath == s.xpath && last.line == s.line) {
                    groups[groups.count - 1].append(s)
                } else {
                    groups.append([s])
                }
            }
            var k = 0
            for child in children {
                while k < groups.count, groups[k][0].span.byteStart < child.span.byteStart { paragraph(groups[k], depth: depth); k += 1 }
                division(child, depth: depth)
            }
            while k < groups.count { paragraph(groups[k], depth: depth); k += 1 }
            if let rows = indicatorsBySection[section?.id ?? -1], !rows.isEmpty { indicators(rows, depth: depth) }
        }

        mutating func division(_ s: Section, depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            let name = PlanXMLWriter.elementNames[s.kind] ?? "section"
            let number = s.number.map { " number=\"\($0)\"" } ?? ""
            out += "\(pad)<\(name)\(number)>\n"
            out += "\(pad)  <heading>\(escape(headingText(s)))</heading>\n"
            content(section: s, after: s.span.line, children: s.children, depth: depth + 1)
            out += "\(pad)</\(name)>\n"
        }

        /// The heading as the plan prints it. From text: its line from the label on, normalized, with what
        /// runs on after it (`5.主要目标。在贯彻…`); from markup: label and title, so it is recognized again.
        func headingText(_ s: Section) -> String {
            guard doc.format == .text else {
                switch s.kind {
                case .dashItem: return "——" + s.title
                case .glossaryEntry: return s.label + "“" + s.title + "”:"
                case .glossary: return s.label
                case .attachment where s.label == s.title || s.title.isEmpty: return s.label
                default: return s.label.isEmpty ? s.title : s.label + s.title
                }
            }
            let line = Normalizer.normalize(doc.source.line(s.span.line))
            let from = line.origin.firstIndex { Int($0) >= s.span.column - 1 } ?? 0
            return String(scalars: line.scalars[from...])
        }

        mutating func paragraph(_ sentences: [Sentence], depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            var text: String
            if doc.format == .text, let first = sentences.first {
                let line = Normalizer.normalize(doc.source.line(first.line))
                let from = line.origin.firstIndex { Int($0) >= first.column - 1 } ?? 0
                text = String(scalars: line.scalars[from...])
            } else {
                text = sentences.map { doc.text(of: $0) }.joined()
            }
            out += "\(pad)<p>\(escape(text))</p>\n"
        }

        mutating func indicators(_ rows: [Indicator], depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            out += "\(pad)<indicators>\n"
            if let c = rows.first?.table { out += "\(pad)  <caption>\(escape(c))</caption>\n" }
            for r in rows {
                var attrs = ""
                if let a = r.attribute { attrs += " attribute=\"\(a.rawValue)\"" }
                if let c = r.category { attrs += " category=\"\(escape(c))\"" }
                out += "\(pad)  <indicator\(attrs)>\n"
                out += "\(pad)    <name>\(escape(r.name))</name>\n"
                if let u = r.unitText { out += "\(pad)    <unit>\(escape(u))</unit>\n" }
                for (tag, v) in [("base", r.base), ("target", r.target)] {
                    guard let v else { continue }
                    out += "\(pad)    <\(tag)\(v.year.map { " year=\"\($0)\"" } ?? "")>\(escape(v.text))</\(tag)>\n"
                }
                if let g = r.growth { out += "\(pad)    <growth>\(escape(g.text))</growth>\n" }
                out += "\(pad)  </indicator>\n"
            }
            out += "\(pad)</indicators>\n"
        }

        func escape(_ s: String) -> String { MarkupEscape.escape(s) }
    }
}

private extension String {
    /// `--` may not stand in an XML comment.
    var replacingDashes: String {
        var s = self
        while s.contains("--") { s = s.replacingOccurrences(of: "--", with: "-") }
        return s
    }
}
