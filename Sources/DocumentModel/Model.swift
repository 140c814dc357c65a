/// Where a piece of text stands in the original file: 1-based line and column (in characters of the
/// original line), an exclusive end, and the byte range in the file as it was encoded.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    public var endLine: Int
    /// Exclusive: the column just after the last character.
    public var endColumn: Int
    public var byteStart: Int
    /// Exclusive.
    public var byteEnd: Int

    public init(line: Int, column: Int, endLine: Int, endColumn: Int, byteStart: Int, byteEnd: Int) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.byteStart = byteStart
        self.byteEnd = byteEnd
    }
}

/// What a heading is: the levels of Chinese plan structure, from 篇 down to list items.
public enum SectionKind: String, Sendable, Codable, CaseIterable {
    /// `第一篇`
    case part
    /// `第一章`
    case chapter
    /// `第一节`
    case section
    /// `一、` — the top level of 建议-style documents.
    case numberedPart
    /// `（一）`
    case parenthesized
    /// `1.` or `1、`
    case item
    /// `（1）`
    case subitem
    /// `——建设…` goal lines under a numbered item.
    case dashItem
    /// `专栏 3 标题` — a box holding a list or table.
    case box
    /// `名词解释` — the glossary.
    case glossary
    /// One numbered entry of the glossary.
    case glossaryEntry
    /// `附件`
    case attachment

    /// Nesting rank: a heading closes every open heading of equal or greater rank.
    var rank: Int {
        switch self {
        case .part, .glossary, .attachment: 1
        case .chapter, .glossaryEntry: 2
        case .section: 3
        case .numberedPart: 4
        case .parenthesized: 5
        case .item: 6
        case .subitem: 7
        case .box: 8
        case .dashItem: 9
        }
    }
}

/// A heading and everything under it, down to the next heading of the same or a higher level.
public struct Section: Sendable, Hashable, Codable {
    /// Index of this section in `PlanDocument.allSections` (document order).
    public var id: Int
    public var kind: SectionKind
    /// The heading's number (`第十三章` → 13, `（二）` → 2), if it has one.
    public var number: Int?
    /// The numbering as written, normalized: `第六章`, `一、`, `（二）`, `6.`, `专栏3`, `名词解释`.
    public var label: String
    /// The heading's title without its numbering: `构建现代化产业体系`.
    public var title: String
    /// Lines of the heading and its content (inclusive, 1-based; trailing blank and noise lines excluded).
    public var startLine: Int
    public var endLine: Int
    /// Where the heading itself stands.
    public var span: SourceSpan
    /// Sentences in this section and all below it.
    public var sentenceCount: Int
    public var children: [Section]
    /// For structured inputs, the XPath of the element the heading came from (`/plan/part[1]/chapter[2]`).
    public var xpath: String?
}

/// One sentence of body text. Its normalized characters live in `PlanDocument.normalized`, so a
/// document's whole body can be scanned in one pass; `PlanDocument.record(_:)` materializes the text.
public struct Sentence: Sendable, Hashable {
    /// Where its normalized characters sit in `PlanDocument.normalized`.
    public var range: Range<Int>
    /// 1-based line and column of the first character in the original file.
    public var line: Int
    public var column: Int
    /// Full location, including the byte range in the original encoding.
    public var span: SourceSpan
    /// The innermost section's id, or nil for text before the first heading.
    public var section: Int?
    /// Whether this is a heading's title rather than body text: titles count for matching (a chapter
    /// called 建设创新型活力城区 commits to it) but not as sentences of the outline or the JSON model.
    public var isHeading: Bool
    /// For structured inputs (XML, HTML, .docx), the XPath of the element holding the sentence.
    public var xpath: String? = nil
    /// Where the sentence's original characters sit in `PlanDocument.originals`, when they cannot be sliced
    /// from the source line (markup: entities such as `&amp;` and tags break column slicing).
    var quote: Range<Int>? = nil
}

/// A sentence with its text materialized: what JSON output and tests see.
public struct SentenceRecord: Sendable, Hashable, Codable {
    /// The normalized text (PDF spaces removed, full-width forms folded).
    public var text: String
    /// The same characters exactly as they stand in the file.
    public var original: String
    public var line: Int
    public var column: Int
    public var span: SourceSpan
    /// Labels of the headings above it, outermost first: `["第三篇", "第六章", "第一节"]`.
    public var path: [String]
    public var section: Int?
    /// For structured inputs, the XPath of the element holding the sentence.
    public var xpath: String? = nil
}

/// Why a stretch of text is not part of the plan proper.
public enum NoiseReason: String, Sendable, Hashable, Codable, CaseIterable {
    case pageMarker = "page marker"
    case editorial = "editorial line"
    case caption = "caption"
    case webHeader = "web page header"
    case webFooter = "web page footer"
    case repeated = "repeated paragraph"
    case layoutDuplicate = "layout duplication"
    case trailingNotice = "unrelated trailing notice"
    /// Markup that is not the plan: `nav`, `header`, `footer`, `script`, menus and breadcrumbs of a web page.
    case pageFurniture = "page furniture"
}

/// Text kept in the model but excluded from checks: page markers, bylines, web boilerplate, duplicates.
public struct NoiseBlock: Sendable, Hashable, Codable {
    public var startLine: Int
    public var endLine: Int
    /// 1-based columns when the noise is only part of a line (a page marker before body text).
    public var startColumn: Int?
    public var endColumn: Int?
    public var reason: NoiseReason
    /// What gave it away: the marker word, or the line it repeats.
    public var detail: String
    /// The original text of the block (lines joined by `\n`), made when asked for: a check never reads it,
    /// and a plan can hold hundreds of repeated paragraphs.
    public var text: String { origin.text }
    /// For structured inputs, the XPath of the (first) element set aside.
    public var xpath: String? = nil
    /// Where `text` comes from.
    let origin: NoiseText
    /// `detail` in Chinese where the reader wrote it (`与第3行相同`); nil where it is the text's own words.
    let chineseDetailText: String?

    /// `detail` as a Chinese outline says it: the reader's own phrases in Chinese, marker words as they are.
    public var chineseDetail: String { chineseDetailText ?? detail }

    init(startLine: Int, endLine: Int, startColumn: Int?, endColumn: Int?, reason: NoiseReason, detail: String,
         chineseDetail: String? = nil, origin: NoiseText, xpath: String?) {
        self.chineseDetailText = chineseDetail
        self.startLine = startLine
        self.endLine = endLine
        self.startColumn = startColumn
        self.endColumn = endColumn
        self.reason = reason
        self.detail = detail
        self.origin = origin
        self.xpath = xpath
    }

    private enum CodingKeys: String, CodingKey { case startLine, endLine, startColumn, endColumn, reason, detail, text, xpath }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(startLine: try c.decode(Int.self, forKey: .startLine), endLine: try c.decode(Int.self, forKey: .endLine),
                  startColumn: try c.decodeIfPresent(Int.self, forKey: .startColumn),
                  endColumn: try c.decodeIfPresent(Int.self, forKey: .endColumn),
                  reason: try c.decode(NoiseReason.self, forKey: .reason), detail: try c.decode(String.self, forKey: .detail),
                  origin: .given(try c.decode(String.self, forKey: .text)), xpath: try c.decodeIfPresent(String.self, forKey: .xpath))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(startLine, forKey: .startLine)
        try c.encode(endLine, forKey: .endLine)
        try c.encodeIfPresent(startColumn, forKey: .startColumn)
        try c.encodeIfPresent(endColumn, forKey: .endColumn)
        try c.encode(reason, forKey: .reason)
        try c.encode(detail, forKey: .detail)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(xpath, forKey: .xpath)
    }

    public static func == (a: NoiseBlock, b: NoiseBlock) -> Bool {
        a.startLine == b.startLine && a.endLine == b.endLine && a.startColumn == b.startColumn && a.endColumn == b.endColumn
            && a.reason == b.reason && a.detail == b.detail && a.xpath == b.xpath && a.text == b.text
    }

    public func hash(into h: inout Hasher) {
        h.combine(startLine)
        h.combine(endLine)
        h.combine(startColumn)
        h.combine(endColumn)
        h.combine(reason)
        h.combine(detail)
        h.combine(text)
        h.combine(xpath)
    }
}

/// The text of a noise block: given, or lines of a text file read when asked for.
enum NoiseText: Sendable {
    case given(String)
    /// Whole lines of the source, the blank ones left out, joined by `\n`.
    case lines(Source, ClosedRange<Int>)
    /// Columns `columns` (0-based, original characters) of one line.
    case part(Source, line: Int, columns: Range<Int>)

    /// The source text, shared by a plan's noise blocks behind one reference (a `SourceText` held by
    /// each block would be retained and released field by field, hundreds of times a plan).
    final class Source: Sendable {
        let text: SourceText
        init(_ text: SourceText) { self.text = text }
    }

    var text: String {
        switch self {
        case .given(let s):
            return s
        case .lines(let source, let lines):
            return lines.map { source.text.lineText($0) }.filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n")
        case .part(let source, let line, let columns):
            let src = source.text.line(line)
            return String(scalars: src[(src.startIndex + columns.lowerBound)..<(src.startIndex + columns.upperBound)])
        }
    }
}

/// The kinds of file plancheck reads.
public enum InputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Plain text (UTF-8, UTF-16 with a byte-order mark, GB18030).
    case text
    /// The project's own plan XML (`docs/plan-xml.md`), validated against its RELAX NG schema.
    case planXML = "plan-xml"
    /// Any other XML, read with an XPath mapping (`XMLMapping`).
    case xml
    /// A web page.
    case html
    /// A Word document: `word/document.xml` inside the zip.
    case docx
}

/// A plan as the reader understood it: sections, sentences and noise, each located in the source.
public struct PlanDocument: Sendable {
    /// The file as the user named it.
    public var file: String { source.file }
    /// What kind of file it was read as.
    public var format: InputFormat = .text
    /// For a .docx, the zip entry whose lines and XPaths locations refer to (`word/document.xml`).
    public var entry: String?
    /// Rows of the plan's indicator tables (主要指标), with exact values; empty when it has none.
    public var indicators: [Indicator] = []
    /// For each XPath scope asked for in `ReadOptions.xpathScopes`, the XPaths of the elements it selects.
    public var xpathScopes: [String: [String]] = [:]
    public var encoding: TextEncoding { source.encoding }
    public var lineCount: Int { source.lineCount }
    /// The document's own title when it states one at the top.
    public var title: String?
    /// The top-level sections; each holds its children.
    public var sections: [Section]
    /// Body sentences outside noise and heading titles, in document order.
    public var sentences: [Sentence]
    public var noise: [NoiseBlock]
    /// The decoded file.
    public let source: SourceText
    /// The normalized text of every sentence, one after another.
    public let normalized: [Unicode.Scalar]
    /// For each scalar of `normalized`, the 0-based index of the original character in its line.
    public let origin: [Int32]
    /// Every section in document order (index = `Section.id`), children flattened.
    public let allSections: [Section]
    /// The heading path of each section (index = `Section.id`): `["第三篇", "第六章", "第一节"]`.
    public let sectionPaths: [[String]]
    /// Original characters of sentences from structured inputs (see `original(of:)`); empty for text.
    let originals: [Unicode.Scalar]

    init(source: SourceText, title: String?, sections: [Section], sentences: [Sentence], noise: [NoiseBlock],
         normalized: [Unicode.Scalar], origin: [Int32], sectionPaths: [[String]], originals: [Unicode.Scalar] = []) {
        self.source = source
        self.originals = originals
        self.title = title
        self.sections = sections
        self.sentences = sentences
        self.noise = noise
        self.normalized = normalized
        self.origin = origin
        self.sectionPaths = sectionPaths
        var flat: [Section] = []
        func walk(_ s: [Section]) { for x in s { flat.append(x); walk(x.children) } }
        walk(sections)
        allSections = flat
    }

    /// The number of sections of `kind` anywhere in the tree.
    public func count(_ kind: SectionKind) -> Int { allSections.filter { $0.kind == kind }.count }

    /// The normalized scalars of a sentence.
    public func scalars(of s: Sentence) -> ArraySlice<Unicode.Scalar> { normalized[s.range] }

    /// The normalized text of a sentence.
    public func text(of s: Sentence) -> String { String(scalars: normalized[s.range]) }

    /// The sentence's characters exactly as they stand in the file (for markup: as the element holds them,
    /// entities resolved and line breaks as spaces).
    public func original(of s: Sentence) -> String {
        if let q = s.quote { return String(scalars: originals[q]) }
        let line = source.line(s.line)
        return String(scalars: line[(line.startIndex + s.column - 1)..<(line.startIndex + s.span.endColumn - 1)])
    }

    /// The heading labels above a sentence, outermost first.
    public func path(of s: Sentence) -> [String] { s.section.map { sectionPaths[$0] } ?? [] }

    /// The original columns (1-based, end exclusive) of the range `r` of a sentence's normalized text.
    ///
    /// For structured inputs the columns count characters of `original(of:)` from the sentence's column
    /// (an entity such as `&amp;` counts as one), so they always index the quote correctly.
    public func originalColumns(of s: Sentence, _ r: Range<Int>) -> Range<Int> {
        guard !r.isEmpty, r.upperBound <= s.range.count else { return s.column..<s.column }
        let a = s.range.lowerBound + r.lowerBound, b = s.range.lowerBound + r.upperBound - 1
        return (Int(origin[a]) + 1)..<(Int(origin[b]) + 2)
    }

    /// A sentence with its text, original and path materialized.
    public func record(_ s: Sentence) -> SentenceRecord {
        SentenceRecord(text: text(of: s), original: original(of: s), line: s.line, column: s.column, span: s.span,
                       path: path(of: s), section: s.section, xpath: s.xpath)
    }

    /// Every body sentence materialized (for output and tests; the engine works on `normalized` directly).
    public var sentenceRecords: [SentenceRecord] { sentences.filter { !$0.isHeading }.map(record) }

    /// The number of body sentences (heading titles not counted).
    public var bodySentenceCount: Int { sentences.reduce(0) { $0 + ($1.isHeading ? 0 : 1) } }
}

extension PlanDocument: Encodable {
    private enum CodingKeys: String, CodingKey {
        case file, format, entry, encoding, lineCount, title, sections, sentences, noise, indicators, xpathScopes
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        // Text keeps the model's original keys; structured inputs say what they were read as.
        if format != .text { try c.encode(format, forKey: .format) }
        try c.encodeIfPresent(entry, forKey: .entry)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(lineCount, forKey: .lineCount)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(sections, forKey: .sections)
        try c.encode(sentenceRecords, forKey: .sentences)
        try c.encode(noise, forKey: .noise)
        if !indicators.isEmpty { try c.encode(indicators, forKey: .indicators) }
        if !xpathScopes.isEmpty { try c.encode(xpathScopes, forKey: .xpathScopes) }
    }
}
