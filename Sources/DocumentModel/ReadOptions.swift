import Foundation
import Localization

/// How plan files are read: limits, the input format when it should not be guessed, and XML mappings.
public struct ReadOptions: Sendable, Hashable {
    /// Files larger than this are refused before they are read (`--max-bytes`).
    public var maxBytes: Int
    /// The most a .docx may unpack to, over the entries read (`word/document.xml`, `word/styles.xml`).
    public var maxUncompressedBytes: Int
    /// The largest ratio of unpacked to packed size of an entry over 1 MB; zip bombs run to thousands.
    public var maxCompressionRatio: Double
    /// Read as this format whatever the file's name says; nil guesses from the extension.
    public var format: InputFormat?
    /// For XML that is not plan XML: which elements are headings, paragraphs and tables.
    public var xmlMapping: XMLMapping?
    /// XPath expressions whose matches `PlanDocument.xpathScopes` should list (for `in xpath "…"` rules).
    public var xpathScopes: [String]

    public init(maxBytes: Int = SourceText.defaultMaxBytes, maxUncompressedBytes: Int = 256 << 20, maxCompressionRatio: Double = 200,
                format: InputFormat? = nil, xmlMapping: XMLMapping? = nil, xpathScopes: [String] = []) {
        self.maxBytes = maxBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.format = format
        self.xmlMapping = xmlMapping
        self.xpathScopes = xpathScopes
    }
}

/// Which elements of an XML file that is not plan XML hold the headings, paragraphs and tables.
///
/// Expressions are XPath 1.0, evaluated from the document; `rows` and `cells` from each table and row.
/// A mapping file is JSON with these keys, all optional (see `docs/plan-xml.md`).
public struct XMLMapping: Sendable, Hashable, Codable {
    /// One expression per heading level, outermost first: `["//chapter/title", "//section/title"]`.
    public var headings: [String]
    /// The paragraphs of body text; when empty, every element with text of its own is one.
    public var paragraphs: [String]
    /// Tables; each row's cells become paragraphs, or indicators when the table is a 主要指标 table.
    public var tables: [String]
    /// The rows of a table, relative to it; default: its element children.
    public var rows: String?
    /// The cells of a row, relative to it; default: its element children.
    public var cells: String?
    /// The document's title.
    public var title: String?
    /// Elements that are not plan text (a publisher's header, notes): kept as noise.
    public var noise: [String]
    /// Namespace prefixes the expressions use: `{"d": "urn:example:doc"}`.
    public var namespaces: [String: String]

    public init(headings: [String] = [], paragraphs: [String] = [], tables: [String] = [], rows: String? = nil,
                cells: String? = nil, title: String? = nil, noise: [String] = [], namespaces: [String: String] = [:]) {
        self.headings = headings
        self.paragraphs = paragraphs
        self.tables = tables
        self.rows = rows
        self.cells = cells
        self.title = title
        self.noise = noise
        self.namespaces = namespaces
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case headings, paragraphs, tables, rows, cells, title, noise, namespaces
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        // An unknown key is a typo that would silently map nothing: refuse it.
        let any = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let bad = any.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: [bad], debugDescription:
                "unknown key \"\(bad.stringValue)\"; known keys: \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        headings = try c.decodeIfPresent([String].self, forKey: .headings) ?? []
        paragraphs = try c.decodeIfPresent([String].self, forKey: .paragraphs) ?? []
        tables = try c.decodeIfPresent([String].self, forKey: .tables) ?? []
        rows = try c.decodeIfPresent(String.self, forKey: .rows)
        cells = try c.decodeIfPresent(String.self, forKey: .cells)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        noise = try c.decodeIfPresent([String].self, forKey: .noise) ?? []
        namespaces = try c.decodeIfPresent([String: String].self, forKey: .namespaces) ?? [:]
    }

    /// Reads a mapping file (JSON).
    public static func load(path: String) throws(ReadError) -> XMLMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(file: path, message: LocalizedText(en: "cannot read the XML mapping file", zh: "无法读取 XML 映射文件"))
        }
        guard data.count <= 1 << 20 else {
            throw ReadError(file: path, message: LocalizedText(en: "XML mapping file over 1 MB", zh: "XML 映射文件超过 1 MB"))
        }
        do {
            return try JSONDecoder().decode(XMLMapping.self, from: data)
        } catch let DecodingError.dataCorrupted(ctx) {
            throw ReadError(file: path, message: LocalizedText(en: "not a valid XML mapping: \(ctx.debugDescription)",
                                                              zh: "不是有效的 XML 映射：“\(ctx.debugDescription)”"))
        } catch let DecodingError.typeMismatch(_, ctx) {
            let key = ctx.codingPath.map(\.stringValue).joined(separator: ".")
            throw ReadError(file: path, message: LocalizedText(en: "not a valid XML mapping: \(key): \(ctx.debugDescription)",
                                                              zh: "不是有效的 XML 映射：键“\(key)”处“\(ctx.debugDescription)”"))
        } catch {
            throw ReadError(file: path, message: LocalizedText(en: "not a valid XML mapping: \(error)", zh: "不是有效的 XML 映射：“\(error)”"))
        }
    }

    /// Whether it maps nothing (then every element with text of its own is a paragraph).
    public var isEmpty: Bool { headings.isEmpty && paragraphs.isEmpty && tables.isEmpty && title == nil && noise.isEmpty }
}
