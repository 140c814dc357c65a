import Quantities

/// Whether an indicator is a goal to aim for (预期性) or a binding limit the plan must meet (约束性).
public enum IndicatorAttribute: String, Sendable, Hashable, Codable, CaseIterable {
    case expected = "预期性"
    case binding = "约束性"

    /// The attribute a cell names (`约束性`, `预期性`, `约束`…), if any.
    public init?(cell text: String) {
        if text.contains("约束") { self = .binding } else if text.contains("预期") { self = .expected } else { return nil }
    }
}

/// One value of an indicator as its table writes it, with the quantity read from it.
public struct IndicatorValue: Sendable, Hashable, Codable {
    /// The cell as written, normalized: `244.2`, `3.3以上`, `[18]`, `完成省下达任务`.
    public var text: String
    /// The year the value is for (from the column's heading or the markup), when known.
    public var year: Int?
    /// The number with its unit, comparator and year, or nil when the cell states no number.
    public var quantity: Quantity?
    /// Whether the value is a total over the plan period, written in brackets (`[18]`, `〔18〕`).
    public var cumulative: Bool

    public init(text: String, year: Int? = nil, quantity: Quantity? = nil, cumulative: Bool = false) {
        self.text = text
        self.year = year
        self.quantity = quantity
        self.cumulative = cumulative
    }
}

/// A row of a plan's 主要指标 table: indicator, unit, base and target values, growth and attribute.
public struct Indicator: Sendable, Hashable, Codable {
    /// The indicator's name, normalized: `单位地区生产总值能耗降低`.
    public var name: String
    /// The group it is listed under (`经济发展`, `绿色生态`), when the table has one.
    public var category: String?
    /// The unit as the table writes it (`%`, `亿元`, `吨标煤/万元`).
    public var unitText: String?
    /// The unit understood, when `Unit.named` knows it.
    public var unit: Unit?
    /// The value in the base year (`2020年`).
    public var base: IndicatorValue?
    /// The value aimed at in the target year (`2025年`).
    public var target: IndicatorValue?
    /// Average yearly growth, or the change over the period when `cumulative`.
    public var growth: IndicatorValue?
    /// 预期性 or 约束性, when the table says.
    public var attribute: IndicatorAttribute?
    /// The line where the row stands (for a .docx, in `word/document.xml`).
    public var line: Int
    /// The 1-based column of the row's first cell, when known.
    public var column: Int?
    /// The XPath of the row (`/plan/indicators[1]/indicator[3]`, `/html/body/table[1]/tr[4]`).
    public var xpath: String?
    /// The section (`Section.id`) the table stands in, or nil before the first heading.
    public var section: Int?
    /// The table's title when it has one (`“十四五”时期经济社会发展主要指标`).
    public var table: String?

    /// Whether the plan binds itself to it (约束性).
    public var isBinding: Bool { attribute == .binding }

    public init(name: String, category: String? = nil, unitText: String? = nil, unit: Unit? = nil,
                base: IndicatorValue? = nil, target: IndicatorValue? = nil, growth: IndicatorValue? = nil,
                attribute: IndicatorAttribute? = nil, line: Int, column: Int? = nil, xpath: String? = nil,
                section: Int? = nil, table: String? = nil) {
        self.name = name
        self.category = category
        self.unitText = unitText
        self.unit = unit
        self.base = base
        self.target = target
        self.growth = growth
        self.attribute = attribute
        self.line = line
        self.column = column
        self.xpath = xpath
        self.section = section
        self.table = table
    }
}

/// What a value cell holds: a level in a year, or a growth.
enum IndicatorValueRole { case level, growth }

extension IndicatorValue {
    /// Reads a cell: brackets mean a period total; a bare number takes the indicator's unit; `≥95` reads as `不低于95`.
    static func read(_ raw: String, unit: Unit?, unitText: String?, year: Int?, role: IndicatorValueRole) -> IndicatorValue? {
        var s = Normalizer.normalize(Array(raw.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 })).scalars
        guard !s.isEmpty else { return nil }
        let text = String(scalars: s)
        if ["—", "-", "/", "——", "－", "…"].contains(text) { return IndicatorValue(text: text, year: year) }
        var cumulative = false
        let open: Set<Unicode.Scalar> = ["[", "〔", "［", "【", "("], close: Set<Unicode.Scalar> = ["]", "〕", "］", "】", ")"]
        if let f = s.first, let l = s.last, open.contains(f), close.contains(l), s.count > 2 {
            cumulative = true
            s = Array(s[1..<(s.count - 1)])
        }
        // Symbols the extractor does not read, as the words it does.
        var words: [Unicode.Scalar] = []
        for c in s {
            switch c {
            case "≥", "⩾": words += "不低于".unicodeScalars
            case "≤", "⩽": words += "不超过".unicodeScalars
            case ">", "＞": words += "超过".unicodeScalars
            case "<", "＜": words += "低于".unicodeScalars
            default: words.append(c)
            }
        }
        // Growth of a share is in percentage points (城镇化率 % … [2]); of an amount, in percent.
        var valueUnitText = unitText
        if role == .growth {
            valueUnitText = unit?.dimension == .percent ? "个百分点" : "%"
        }
        // A bare number takes the column's unit, written just after the number: `3.3以上` → `3.3%以上`.
        if let u = valueUnitText, !u.isEmpty, var (_, end) = firstNumber(words) {
            // After a magnitude the unit joins it: `1.2万` → `1.2万亩`.
            while end < words.count, ["万", "亿", "千", "百"].contains(words[end]) { end += 1 }
            if !startsWithUnit(words, at: end) { words.insert(contentsOf: u.unicodeScalars, at: end) }
        }
        let found = QuantityExtractor().extract(from: words).first { !$0.isTime }
        guard var q = found else { return IndicatorValue(text: text, year: year, cumulative: cumulative) }
        if q.unit == nil, let u = role == .growth ? valueUnitText.flatMap(Unit.named) : unit { q = q.resolvingUnit(u) }
        if let year, q.year == nil || q.kind == .level { q.year = year }
        if role == .growth {
            if q.kind == .level { q.kind = .increase }
            q.annual = !cumulative
        }
        return IndicatorValue(text: text, year: year, quantity: q, cumulative: cumulative)
    }

    /// The first Arabic number (with a range `2-3`): its start and end offsets.
    private static func firstNumber(_ s: [Unicode.Scalar]) -> (Int, Int)? {
        guard let start = s.firstIndex(where: { $0.value >= 0x30 && $0.value <= 0x39 }) else { return nil }
        var i = start
        func digitOrPoint(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x30 && c.value <= 0x39) || c == "." || c == "," }
        while i < s.count, digitOrPoint(s[i]) { i += 1 }
        // A range: `2-3`, `2~3`, `2—3`.
        if i + 1 < s.count, ["-", "~", "—", "–", "～", "至"].contains(s[i]), s[i + 1].value >= 0x30, s[i + 1].value <= 0x39 {
            i += 1
            while i < s.count, digitOrPoint(s[i]) { i += 1 }
        }
        return (start, i)
    }

    private static func startsWithUnit(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i < s.count else { return false }
        return Unit.longestPrefix(of: s[i...]) != nil
    }
}

/// One cell of a table as a reader found it.
struct TableCell {
    /// Normalized text of the cell.
    var text: String
    var line: Int
    var column: Int?
    var xpath: String?
}

/// A table as rows of cells, merged cells already repeated into every place they cover.
struct TableGrid {
    var rows: [[TableCell]]
    /// The XPath of each row.
    var rowXPaths: [String?]
    var caption: String?
}

/// Recognizes a 主要指标 table and reads its rows.
enum IndicatorTableReader {
    /// The indicators of `grid`, or nil when it is not an indicator table.
    static func read(_ grid: TableGrid) -> [Indicator]? {
        guard let (headerRow, roles) = header(grid) else { return nil }
        var out: [Indicator] = []
        var category: String?
        for r in (headerRow + 1)..<max(grid.rows.count, headerRow + 1) {
            let row = grid.rows[r]
            guard !row.isEmpty else { continue }
            let texts = row.map(\.text)
            if texts.allSatisfy({ $0.isEmpty }) { continue }
            // A row spanning the whole table (`一、经济发展`) names the category of the rows under it.
            if Set(texts.filter { !$0.isEmpty }).count == 1, row.count > 1 {
                category = texts.first { !$0.isEmpty }
                continue
            }
            if texts.first?.hasPrefix("注") == true { break }
            var name: String?, unitText: String?, attribute: IndicatorAttribute?, rowCategory = category
            var baseCell: (String, Int?)?, targetCell: (String, Int?)?, growthCell: String?
            var nameCell: TableCell?
            for (c, role) in roles.enumerated() where c < row.count {
                let t = row[c].text
                switch role {
                case .name:
                    if !t.isEmpty { name = name.map { $0 + t } ?? t }
                    if nameCell == nil { nameCell = row[c] }
                case .unit: unitText = t.isEmpty ? nil : t
                case .category: if !t.isEmpty { rowCategory = t }
                case .attribute: attribute = IndicatorAttribute(cell: t)
                case .base(let y): baseCell = (t, y)
                case .target(let y): targetCell = (t, y)
                case .growth: growthCell = t
                case .ignore: break
                }
            }
            guard var n = name, !n.isEmpty else { continue }
            // Leading numbering `1.` or `（1）` is not part of the name.
            n = strippedNumbering(n)
            let unit = unitText.flatMap { Unit.named($0.trimmingBrackets) }
            // The row is located by its name cell (a category cell may be merged down from a row above).
            let first = nameCell ?? row.first { !$0.text.isEmpty } ?? row[0]
            out.append(Indicator(
                name: n, category: rowCategory, unitText: unitText, unit: unit,
                base: baseCell.flatMap { IndicatorValue.read($0.0, unit: unit, unitText: unitText?.trimmingBrackets, year: $0.1, role: .level) },
                target: targetCell.flatMap { IndicatorValue.read($0.0, unit: unit, unitText: unitText?.trimmingBrackets, year: $0.1, role: .level) },
                growth: growthCell.flatMap { IndicatorValue.read($0, unit: unit, unitText: unitText?.trimmingBrackets, year: nil, role: .growth) },
                attribute: attribute, line: first.line, column: first.column,
                xpath: r < grid.rowXPaths.count ? grid.rowXPaths[r] : first.xpath, table: grid.caption))
        }
        return out.isEmpty ? nil : out
    }

    enum Role: Equatable { case name, unit, category, attribute, base(Int?), target(Int?), growth, ignore }

    /// The header row and each column's role, when the table's first rows name an indicator column and a
    /// unit, attribute, year or growth column.
    static func header(_ grid: TableGrid) -> (Int, [Role])? {
        for h in 0..<min(grid.rows.count, 3) {
            var texts = grid.rows[h].map(\.text)
            // A two-row header (`2025年` over `目标值`): read the columns' words together.
            if h + 1 < grid.rows.count, grid.rows[h + 1].count == texts.count,
               zip(grid.rows[h + 1], texts).allSatisfy({ $0.text.isEmpty || $0.text == $1 || isHeaderWord($0.text) }),
               zip(grid.rows[h + 1], texts).contains(where: { !$0.text.isEmpty && $0.text != $1 }) {
                texts = zip(texts, grid.rows[h + 1].map(\.text)).map { $0 == $1 ? $0 : $0 + $1 }
                if let roles = roles(texts) { return (h + 1, roles) }
            }
            if let roles = roles(texts) { return (h, roles) }
        }
        return nil
    }

    static func isHeaderWord(_ t: String) -> Bool {
        ["基期", "目标", "规划", "现状", "年", "值", "属性", "单位", "增长", "指标"].contains { t.contains($0) } && !t.contains("。")
    }

    static func roles(_ texts: [String]) -> [Role]? {
        var roles: [Role] = []
        for t in texts {
            if t.contains("属性") || t.contains("性质") { roles.append(.attribute) }
            else if t.contains("单位") { roles.append(.unit) }
            else if t.contains("类别") || t.contains("领域") || t.contains("分类") || t == "类型" { roles.append(.category) }
            else if t.contains("序号") || t.contains("编号") || t == "#" { roles.append(.ignore) }
            else if t.contains("年均") || t.contains("增长") || t.contains("增速") || t.contains("增幅") || t.contains("累计") { roles.append(.growth) }
            else if t.contains("指标") || t.contains("名称") || t == "项目" { roles.append(.name) }
            else if let y = year(in: t) {
                roles.append(t.contains("基") || t.contains("现状") ? .base(y) : .target(y))
            } else if t.contains("基期") || t.contains("现状") || t.contains("基数") { roles.append(.base(nil)) }
            else if t.contains("目标") || t.contains("规划") || t.contains("预期") { roles.append(.target(nil)) }
            else { roles.append(.ignore) }
        }
        // Merged heading cells repeat their role; one indicator name column is the first of them.
        guard roles.contains(.name) else { return nil }
        let known = roles.filter { $0 != .name && $0 != .ignore && $0 != .category }
        guard !known.isEmpty else { return nil }
        // Of the year columns, the earliest is the base and the latest the target.
        let years: [(Int, Int?)] = roles.enumerated().compactMap {
            switch $0.element { case .base(let y), .target(let y): return ($0.offset, y) default: return nil }
        }
        if years.count >= 2, !roles.contains(where: { if case .base = $0 { return true } else { return false } }) {
            let first = years.min { ($0.1 ?? Int.max) < ($1.1 ?? Int.max) }!
            roles[first.0] = .base(first.1)
        }
        // Merged cells repeat a column's words; only the first of a run of equal roles reads the value.
        // A name heading over two columns (`指标` spanning 类别 and 名称): the left one holds the category.
        for i in stride(from: roles.count - 1, to: 0, by: -1) where roles[i] == roles[i - 1] && texts[i] == texts[i - 1] {
            if roles[i] == .name { roles[i - 1] = .category } else { roles[i] = .ignore }
        }
        return roles
    }

    /// A four-digit year 1949…2100 in a heading cell (`2020年`, `2025年目标`).
    static func year(in t: String) -> Int? {
        let s = Array(t.unicodeScalars)
        var i = 0
        while i + 4 <= s.count {
            if s[i..<(i + 4)].allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }),
               !(i + 4 < s.count && s[i + 4].value >= 0x30 && s[i + 4].value <= 0x39),
               let y = Int(String(String.UnicodeScalarView(s[i..<(i + 4)]))), (1949...2100).contains(y) {
                return y
            }
            i += 1
        }
        return nil
    }

    static func strippedNumbering(_ n: String) -> String {
        let line = Normalizer.normalize(Array(n.unicodeScalars))
        if let h = HeadingRecognizer.numberedPrefix(line.scalars), !h.titleRange.isEmpty {
            return String(scalars: line.scalars[h.titleRange])
        }
        if let h = HeadingRecognizer.recognize(line), h.kind == .subitem || h.kind == .parenthesized, !h.titleRange.isEmpty,
           h.bodyStart == nil {
            return String(scalars: line.scalars[h.titleRange.lowerBound...])
        }
        return n
    }
}

extension String {
    /// Without surrounding brackets: `（%）` → `%`.
    var trimmingBrackets: String {
        var s = Substring(self)
        let open: Set<Character> = ["(", "（", "[", "［"], close: Set<Character> = [")", "）", "]", "］"]
        if let f = s.first, open.contains(f) { s = s.dropFirst() }
        if let l = s.last, close.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
