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
}

/// One sentence of body text, normalized, with the way back to the original.
public struct Sentence: Sendable, Hashable, Codable {
    /// The normalized text (PDF spaces removed, full-width forms folded).
    public var text: String
    /// The same characters exactly as they stand in the file.
    public var original: String
    /// 1-based line and column of the first character in the original file.
    public var line: Int
    public var column: Int
    /// Full location, including the byte range in the original encoding.
    public var span: SourceSpan
    /// Labels of the headings above it, outermost first: `["第三篇", "第六章", "第一节"]`.
    public var path: [String]
    /// The innermost section's id, or nil for text before the first heading.
    public var section: Int?
    /// For each scalar of `text`, the 0-based index of the original scalar in its line, so a match
    /// found in the normalized text can be quoted and located exactly. Not written to JSON.
    public var origin: [Int32]

    private enum CodingKeys: String, CodingKey { case text, original, line, column, span, path, section }

    public init(text: String, original: String, line: Int, column: Int, span: SourceSpan,
                path: [String], section: Int?, origin: [Int32]) {
        self.text = text
        self.original = original
        self.line = line
        self.column = column
        self.span = span
        self.path = path
        self.section = section
        self.origin = origin
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        original = try c.decode(String.self, forKey: .original)
        line = try c.decode(Int.self, forKey: .line)
        column = try c.decode(Int.self, forKey: .column)
        span = try c.decode(SourceSpan.self, forKey: .span)
        path = try c.decode([String].self, forKey: .path)
        section = try c.decodeIfPresent(Int.self, forKey: .section)
        origin = []
    }

    /// The original columns (1-based, end exclusive) of the normalized range `r` of `text`.
    public func originalColumns(_ r: Range<Int>) -> Range<Int> {
        guard !r.isEmpty, r.upperBound <= origin.count else { return column..<column }
        return (Int(origin[r.lowerBound]) + 1)..<(Int(origin[r.upperBound - 1]) + 2)
    }
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
    /// The original text of the block (lines joined by `\n`).
    public var text: String
}

/// A plan as the reader understood it: sections, sentences and noise, each located in the source.
public struct PlanDocument: Sendable, Codable {
    /// The file as the user named it.
    public var file: String
    public var encoding: TextEncoding
    public var lineCount: Int
    /// The document's own title when it states one at the top.
    public var title: String?
    /// The top-level sections; each holds its children.
    public var sections: [Section]
    /// Body sentences outside noise, in document order.
    public var sentences: [Sentence]
    public var noise: [NoiseBlock]

    /// Every section in document order (index = `Section.id`), children flattened.
    public var allSections: [Section] {
        var out: [Section] = []
        func walk(_ s: [Section]) { for x in s { out.append(x); walk(x.children) } }
        walk(sections)
        return out
    }

    /// The number of sections of `kind` anywhere in the tree.
    public func count(_ kind: SectionKind) -> Int { allSections.filter { $0.kind == kind }.count }
}
