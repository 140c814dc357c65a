import Quantities

// PDF and web extraction leave a 主要指标 table as lines of text, its cells cut by `|`, tabs or runs of
// spaces. This file only recognizes such a table and cuts it into a `TableGrid`: what the rows mean is
// read by `IndicatorTableReader`, as for XML, HTML and .docx. What counts as a table is in
// docs/document-model.md ("Indicator tables in text files").

/// Finds 主要指标 tables written as lines of text and reads their rows through `IndicatorTableReader`.
enum TextTableReader {
    /// A table found in a text file.
    struct Table {
        /// The 1-based lines it covers, from its header row to its last row.
        var lines: ClosedRange<Int>
        /// Its rows as indicators (the builder fills in their section).
        var indicators: [Indicator]
    }

    /// A header of more cells is not a plan's indicator table (they have about ten columns).
    static let maxColumns = 32
    /// A longer cell is prose, not a table cell.
    static let maxCellLength = 40
    /// A line without separators longer than this cannot be a category or a wrapped cell.
    static let maxFragmentLength = 24

    /// Every indicator table of the text, in order. Each line is looked at a bounded number of times.
    static func tables(in source: SourceText) -> [Table] {
        var out: [Table] = []
        var n = 1
        while n <= source.lineCount {
            guard let header = TextTableHeader(line: n, source: source) else { n += 1; continue }
            var scan = TextTableScan(header: header, source: source)
            let end = scan.run()
            if let rows = IndicatorTableReader.read(scan.grid(caption: caption(above: n, source))) {
                out.append(Table(lines: n...end, indicators: rows))
            }
            // Lines taken as rows of a table that gave no indicator are not looked at again: linear time.
            n = end + 1
        }
        return out
    }

    /// The table's title: a short line naming 指标 just above the header (one blank line may come between).
    static func caption(above n: Int, _ source: SourceText) -> String? {
        for k in stride(from: n - 1, through: max(1, n - 2), by: -1) {
            let s = source.line(k)
            if s.allSatisfy(TextTableCutter.isBlank) { continue }
            guard s.count <= 200 else { return nil }
            let t = Normalizer.normalize(s).text
            let ok = t.unicodeScalars.count <= maxCellLength && t.contains("指标") && !t.unicodeScalars.contains(where: HeadingRecognizer.isTerminator)
            return ok ? t : nil
        }
        return nil
    }
}

/// A header row: the line, how it is cut, its cells' text and each column's role.
struct TextTableHeader {
    var line: Int
    var separator: TextTableSeparator
    var texts: [String]
    var columns: [Int]
    var roles: [IndicatorTableReader.Role]

    /// The header on line `n`, when the line names 指标 (or 名称) and cut, `IndicatorTableReader` takes its
    /// cells for a header.
    init?(line n: Int, source: SourceText) {
        let s = source.line(n)
        guard TextTableHeader.namesIndicator(s), let sep = TextTableCutter.separator(of: s),
              let cut = TextTableCutter.cut(s, by: sep, limit: TextTableReader.maxColumns) else { return nil }
        let texts = cut.cells.map { Normalizer.normalize(s[(s.startIndex + $0.lowerBound)..<(s.startIndex + $0.upperBound)]).text }
        guard texts.filter({ !$0.isEmpty }).count >= 2,
              texts.allSatisfy({ $0.unicodeScalars.count <= 20 && !$0.unicodeScalars.contains(where: HeadingRecognizer.isTerminator) }),
              let roles = IndicatorTableReader.roles(texts) else { return nil }
        line = n
        separator = sep
        self.texts = texts
        columns = cut.cells.map { $0.lowerBound + 1 }
        self.roles = roles
    }

    /// Whether the raw line holds 指标, 名称 or 项目 (a PDF space may stand inside: `指 标`): a cheap test
    /// before any cutting, since every line of every plan passes here.
    static func namesIndicator(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        s.withUnsafeBufferPointer { $0.withMemoryRebound(to: UInt32.self) { v in
            let raw = UnsafeRawBufferPointer(v)
            let n = v.count
            // Blocks of eight scalars holding none of 指, 名, 项 are skipped at once: a scalar at a time
            // this took 2.2% of a check (20.5M instructions on 5 MB of plans; 6.5M so).
            let zhi = SIMD8<UInt32>(repeating: 0x6307), ming = SIMD8<UInt32>(repeating: 0x540D)
            let xiang = SIMD8<UInt32>(repeating: 0x9879)
            var i = 0
            while i < n {
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<UInt32>.self)
                    if !any((w .== zhi) .| (w .== ming) .| (w .== xiang)) { i += 8; continue }
                }
                let end = min(i + 8, n)
                while i < end {
                    let c = v[i]
                    i += 1
                    guard c == 0x6307 || c == 0x540D || c == 0x9879 else { continue }
                    var j = i
                    if j < n, v[j] == 0x20 || v[j] == 0x3000 || v[j] == 0xA0 { j += 1 }   // TextTableCutter.isSpace
                    guard j < n else { return false }
                    let d = v[j]
                    // 指标, 名称, 项目
                    if (c == 0x6307 && d == 0x6807) || (c == 0x540D && d == 0x79F0) || (c == 0x9879 && d == 0x76EE) { return true }
                }
            }
            return false
        } }
    }

    /// A second header line under this one (`2020年  2025年` under `规划值`), merged into the columns'
    /// words; whether it was one.
    mutating func absorb(_ cells: [String], exact: Bool) -> Bool {
        guard !cells.isEmpty, cells.contains(where: { IndicatorTableReader.year(in: $0) != nil }),
              cells.allSatisfy({ $0.isEmpty || IndicatorTableReader.isHeaderWord($0) }) else { return false }
        var texts = self.texts, columns = self.columns
        if exact {
            for k in texts.indices where !cells[k].isEmpty && cells[k] != texts[k] { texts[k] += cells[k] }
        } else {
            // Cut by spaces, a heading over several columns is one cell: its sub-headings split it.
            let open = roles.indices.filter { roles[$0] == .base(nil) || roles[$0] == .target(nil) }
            if open.count == cells.count {
                for (k, c) in zip(open, cells) { texts[k] += c }
            } else if open.count == 1 {
                let k = open[0]
                texts.replaceSubrange(k...k, with: cells.map { texts[k] + $0 })
                columns.replaceSubrange(k...k, with: repeatElement(columns[k], count: cells.count))
            } else {
                return false
            }
        }
        guard texts.count <= TextTableReader.maxColumns, let roles = IndicatorTableReader.roles(texts) else { return false }
        self.texts = texts
        self.columns = columns
        self.roles = roles
        return true
    }
}

/// What a cell looks like, for placing the cells of a short row under the header's columns.
enum TextCellClass {
    case attribute, unit, number, serial, text

    init(_ t: String) {
        let s = Array(t.unicodeScalars)
        if s.count <= 5, IndicatorAttribute(cell: t) != nil { self = .attribute; return }
        if (1...3).contains(s.count), s.allSatisfy(Normalizer.isASCIIDigit) { self = .serial; return }
        if ["—", "-", "/", "——", "－", "…", "--", "──"].contains(t) { self = .number; return }
        if TextCellClass.isNumber(s) { self = .number; return }
        let bare = t.trimmingBrackets
        if bare == "%" || bare == "‰" || Unit.named(bare) != nil { self = .unit; return }
        self = .text
    }

    /// `244.2`, `3.3以上`, `[18]`, `≥95`, `2-3`, `100家左右`, `1.2万亩`: a number, maybe bracketed or
    /// compared, with at most a short word after it — but not a name that starts with one (`5G基站数`).
    static func isNumber(_ s: [Unicode.Scalar]) -> Bool {
        let lead: Set<Unicode.Scalar> = ["[", "〔", "［", "【", "(", "（", "≥", "≤", ">", "<", "＞", "＜", "约", "~", "+", "-"]
        var i = 0
        while i < s.count, lead.contains(s[i]) { i += 1 }
        guard i < s.count, Normalizer.isASCIIDigit(s[i]) else { return false }
        let numeric: Set<Unicode.Scalar> = [".", ",", "%", "-", "~", "‰", "]", "〕", "］", "】", ")", "）", "[", "〔"]
        var j = i
        while j < s.count, Normalizer.isASCIIDigit(s[j]) || numeric.contains(s[j]) { j += 1 }
        if j < s.count, Normalizer.isASCIIAlphanumeric(s[j]) { return false }
        return s[j...].filter { !Normalizer.isASCIIDigit($0) && !numeric.contains($0) }.count <= 4
    }

    /// How well a cell of this class fits a column of `role`; nil when it cannot stand there.
    func score(in role: IndicatorTableReader.Role) -> Int? {
        switch (self, role) {
        case (.attribute, .attribute): 4
        case (.attribute, _), (_, .attribute): nil
        case (.unit, .unit): 3
        case (.unit, _): nil
        case (.number, .base), (.number, .target), (.number, .growth): 3
        case (.number, .ignore): 0
        case (.number, _): nil
        case (.serial, .ignore): 3
        case (.serial, .base), (.serial, .target), (.serial, .growth): 1
        case (.serial, _): nil
        case (.text, .name): 3
        case (.text, .category): 2
        case (.text, .base), (.text, .target), (.text, .growth): 1
        case (.text, _): 0
        }
    }
}

/// Reads the lines under a header into rows of the header's width.
struct TextTableScan {
    /// A cell's text with where it stands: its line, and the column of the first cell of that line (an
    /// indicator is located by the row's first cell).
    struct Piece {
        var text: String
        var line: Int
        var rowColumn: Int
    }

    /// A line cut and placed under the header's columns: a piece or nothing for each column.
    struct Placed {
        var pieces: [Piece?]
    }

    /// What a line under the header is to the table.
    enum Shape {
        /// A line that is no part of the table: it ends there.
        case end
        /// A rule (`|---|---|`, `+----+`) or a row of empty cells: part of the table, no content.
        case skip
        case row(Placed)
    }

    var header: TextTableHeader
    let source: SourceText
    /// The rows under the header, each as wide as the header.
    var rows: [[TableCell]] = []
    /// Whether each row is a category row (`经济发展` over the rows of its group).
    var isCategory: [Bool] = []
    /// The widest piece of the last row's name, a bound on what may continue it.
    var nameWidth = 0
    /// Whether the table's first row was a category row: then later single cells are categories too.
    var startsWithCategory = false
    private var cached: (line: Int, shape: Shape)?

    init(header: TextTableHeader, source: SourceText) {
        self.header = header
        self.source = source
    }

    var width: Int { header.roles.count }
    var roles: [IndicatorTableReader.Role] { header.roles }
    var lastIsData: Bool { isCategory.last == false }
    /// Whether the last row is a name still waiting for its values.
    var lastIsOpen: Bool {
        guard lastIsData, let row = rows.last else { return false }
        return !row.indices.contains { k in
            switch roles[k] { case .base, .target, .growth, .attribute: !row[k].text.isEmpty; default: false }
        }
    }

    /// Reads rows from the line after the header until a line does not fit; the last line of the table.
    mutating func run() -> Int {
        var end = header.line
        var n = header.line + 1
        // A second header line (`2020年  2025年` under `规划值`).
        if n <= source.lineCount, let (cells, exact) = headerCells(n), header.absorb(cells, exact: exact) {
            end = n
            n += 1
        }
        while n <= source.lineCount {
            let p: Placed
            switch shape(n) {
            case .end: return end
            case .skip:
                end = n
                n += 1
                continue
            case .row(let placed): p = placed
            }
            let name = hasName(p), values = hasValues(p)
            var used = 1
            if name && values {
                appendData(p)
            } else if name {
                // A name without values: the start of a row whose values are on the next line, a category, or
                // the rest of the last row's name.
                if lastIsOpen, continues(p), merge(p) {
                    // The rest of the name of a row whose values are still to come.
                } else if case .row(let q) = shape(n + 1), !hasName(q), hasValues(q), let joined = join(p, q) {
                    appendData(joined)
                    used = 2
                } else if case .row(let q) = shape(n + 1), hasName(q), !hasValues(q), looksContinued(q) {
                    // A name over two lines (`单位地区生产总值能耗`, `降低（%）`), its values maybe on a third:
                    // the row starts here, the next lines join it.
                    appendData(p)
                } else if isCategoryRow(p), categoriesExpected, !looksContinued(p), nextHasName(n) {
                    appendCategory(p)
                } else if lastIsData, continues(p), merge(p) {
                    // Joined to the last row's name.
                } else if isCategoryRow(p), !lastIsData || !roles.contains(.category), nextHasName(n) {
                    appendCategory(p)
                } else {
                    return end
                }
            } else if lastIsData {
                // Values, a unit or a category alone: the rest of the last row's cells, else a row of its own
                // (without a name `IndicatorTableReader` skips it).
                if !merge(p) { appendData(p) }
            } else {
                return end
            }
            end = n + used - 1
            n += used
        }
        return end
    }

    /// The grid for `IndicatorTableReader`: the header row, then the rows.
    func grid(caption: String?) -> TableGrid {
        let head = header.texts.indices.map { TableCell(text: header.texts[$0], line: header.line, column: header.columns[$0], xpath: nil) }
        return TableGrid(rows: [head] + rows, rowXPaths: [], caption: caption)
    }

    // MARK: Lines

    /// Line `n` cut and placed; the line after the one asked for last is kept, so the look-ahead costs nothing.
    mutating func shape(_ n: Int) -> Shape {
        if let c = cached, c.line == n { return c.shape }
        let s = n <= source.lineCount ? place(n) : .end
        cached = (n, s)
        return s
    }

    private func cells(_ n: Int) -> (TextTableCutter.Cut, [String])? {
        let s = source.line(n)
        guard let cut = TextTableCutter.cut(s, by: header.separator, limit: width) else { return nil }
        let texts = cut.cells.map { Normalizer.normalize(s[(s.startIndex + $0.lowerBound)..<(s.startIndex + $0.upperBound)]).text }
        return (cut, texts)
    }

    /// The cells of a second header line, and whether they stand one under each column.
    private func headerCells(_ n: Int) -> ([String], Bool)? {
        guard let (cut, texts) = cells(n), !texts.isEmpty else { return nil }
        let exact = texts.count + cut.trailingEmpty >= width && texts.count <= width
        return (exact ? texts + Array(repeating: "", count: width - texts.count) : texts.filter { !$0.isEmpty }, exact)
    }

    private func place(_ n: Int) -> Shape {
        let line = source.line(n)
        if line.allSatisfy(TextTableCutter.isBlank) { return .end }
        // More cells than the header has columns: not a row of this table.
        guard let (cut, texts) = cells(n) else { return .end }
        let filled = texts.indices.filter { !texts[$0].isEmpty }
        guard let first = filled.first else { return .skip }
        if filled.allSatisfy({ TextTableScan.isRule(texts[$0]) }) { return .skip }
        for k in filled {
            let t = texts[k].unicodeScalars
            if t.count > TextTableReader.maxCellLength || t.contains(where: HeadingRecognizer.isTerminator) { return .end }
        }
        // A note under the table (`注：…`) ends it, as in `IndicatorTableReader`.
        if ["注", "备注", "说明：", "资料来源"].contains(where: { texts[first].hasPrefix($0) }) { return .end }
        if filled.count == 1, !fragmentFits(texts[first]) { return .end }
        let rowColumn = cut.cells[first].lowerBound + 1
        func piece(_ k: Int) -> Piece { Piece(text: texts[k], line: n, rowColumn: rowColumn) }
        // A cell for every column: each stands where it is (`| 经济发展 | | |`, a tab-cut row with empty cells).
        if texts.count + cut.trailingEmpty >= width {
            var pieces = [Piece?](repeating: nil, count: width)
            for k in filled { pieces[k] = piece(k) }
            return .row(Placed(pieces: pieces))
        }
        // Fewer cells (blank cells vanish when cut by spaces; a merged cell is written once): placed by what
        // they look like.
        guard let columns = TextTableScan.align(filled.map { TextCellClass(texts[$0]) }, roles) else { return .end }
        var pieces = [Piece?](repeating: nil, count: width)
        for (k, c) in zip(filled, columns) { pieces[c] = piece(k) }
        return .row(Placed(pieces: pieces))
    }

    /// Whether a line of one cell may stand in a table: short, and not a heading of a 篇, 章, 节, box,
    /// glossary or attachment, nor a phrase with a comma or a colon.
    private func fragmentFits(_ t: String) -> Bool {
        let s = Array(t.unicodeScalars)
        guard s.count <= TextTableReader.maxFragmentLength, !s.contains(where: { ["，", ",", "：", ":"].contains($0) }) else { return false }
        if let h = HeadingRecognizer.recognize(Normalizer.normalize(s)),
           [.part, .chapter, .section, .box, .glossary, .attachment].contains(h.kind) { return false }
        return true
    }

    /// `---`, `:---:`, `+----+----+`, `=====`, box drawing: a rule between rows.
    static func isRule(_ t: String) -> Bool {
        var dash = false
        for c in t.unicodeScalars {
            switch c {
            case "-", "=", "─", "━", "═": dash = true
            case ":", "+", " ", "|": break
            default: if !(0x2500...0x257F).contains(c.value) { return false }
            }
        }
        return dash
    }

    /// The column of each cell, in order, scoring how well each fits its column (`TextCellClass.score`); ties go
    /// to the leftmost placing (a blank cell is more often a trailing one). Nil when no placing fits.
    static func align(_ classes: [TextCellClass], _ roles: [IndicatorTableReader.Role]) -> [Int]? {
        let c = classes.count, h = roles.count
        guard c <= h else { return nil }
        // best[i][j]: the best score placing cells i... in columns j...; -1 when impossible. At most 32 × 32.
        var best = [[Int]](repeating: [Int](repeating: -1, count: h + 1), count: c + 1)
        for j in 0...h { best[c][j] = 0 }
        for i in stride(from: c - 1, through: 0, by: -1) {
            for j in stride(from: h - 1, through: 0, by: -1) {
                var b = best[i][j + 1]
                if let s = classes[i].score(in: roles[j]), best[i + 1][j + 1] >= 0 { b = max(b, s + best[i + 1][j + 1]) }
                best[i][j] = b
            }
        }
        guard best[0][0] >= 0 else { return nil }
        var out: [Int] = []
        var j = 0
        for i in 0..<c {
            while j < h {
                if let s = classes[i].score(in: roles[j]), best[i + 1][j + 1] >= 0, s + best[i + 1][j + 1] == best[i][j] { break }
                j += 1
            }
            out.append(j)
            j += 1
        }
        return out
    }

    // MARK: Rows

    private func hasName(_ p: Placed) -> Bool { roles.indices.contains { roles[$0] == .name && p.pieces[$0] != nil } }

    private func hasValues(_ p: Placed) -> Bool {
        roles.indices.contains { k in
            switch roles[k] { case .base, .target, .growth, .attribute: p.pieces[k] != nil; default: false }
        }
    }

    /// A name and what stands before it, with nothing after: one text (`经济发展`, `一、经济发展`).
    private func isCategoryRow(_ p: Placed) -> Bool {
        guard let nameColumn = roles.firstIndex(of: .name) else { return false }
        let texts = Set(p.pieces.compactMap { $0?.text })
        return texts.count == 1 && !p.pieces[(nameColumn + 1)...].contains { $0 != nil }
    }

    private var categoriesExpected: Bool { startsWithCategory && !roles.contains(.category) }

    /// A piece that reads as the end of a name (`降低（%）`, `（万人）`, `率`) rather than a category: one
    /// character, or a unit in brackets at its end.
    private func looksContinued(_ p: Placed) -> Bool {
        guard let k = roles.indices.first(where: { roles[$0] == .name && p.pieces[$0] != nil }), let t = p.pieces[k]?.text else { return false }
        let s = Array(t.unicodeScalars)
        if s.count <= 1 { return true }
        guard let close = s.last, close == "）" || close == ")", let open = s.lastIndex(where: { $0 == "（" || $0 == "(" }) else { return false }
        return TextCellClass(String(scalars: s[(open + 1)..<(s.count - 1)])) == .unit
    }

    /// Whether a name without values may continue the last row: no wider than the name it continues (a
    /// wrapped cell is no wider than its column) and not a heading.
    private func continues(_ p: Placed) -> Bool {
        p.pieces.allSatisfy { piece in
            guard let t = piece?.text else { return true }
            return t.unicodeScalars.count <= max(nameWidth, 4) + 2 && HeadingRecognizer.recognize(Normalizer.normalize(Array(t.unicodeScalars))) == nil
        }
    }

    /// Whether the line after `n` is a row with a name (what must follow a category).
    private mutating func nextHasName(_ n: Int) -> Bool {
        if case .row(let q) = shape(n + 1) { return hasName(q) }
        return false
    }

    /// A row's name line and its values line, when no column holds both.
    private func join(_ p: Placed, _ q: Placed) -> Placed? {
        var out = p
        for k in 0..<width where q.pieces[k] != nil {
            guard out.pieces[k] == nil else { return nil }
            out.pieces[k] = q.pieces[k]
        }
        return out
    }

    /// Adds `p`'s pieces to the last row, each to the cell it continues; false (nothing changed) when a unit
    /// or value would run into another (`244.2` then `350` are two rows, not `244.2350`).
    private mutating func merge(_ p: Placed) -> Bool {
        guard lastIsData, var row = rows.last else { return false }
        for k in 0..<width {
            guard let piece = p.pieces[k] else { continue }
            if row[k].text.isEmpty {
                row[k] = TableCell(text: piece.text, line: piece.line, column: piece.rowColumn, xpath: nil)
                continue
            }
            // A name, category or 序号 goes on; a unit or value only with words (`完成省下达` then `任务`).
            switch roles[k] {
            case .name, .category, .ignore: break
            default: if TextCellClass(piece.text) != .text || piece.text.unicodeScalars.contains(where: Normalizer.isASCIIDigit) { return false }
            }
            row[k].text += piece.text
        }
        for k in 0..<width where roles[k] == .name { if let t = p.pieces[k]?.text { nameWidth = max(nameWidth, t.unicodeScalars.count) } }
        rows[rows.count - 1] = row
        return true
    }

    private mutating func appendData(_ p: Placed) {
        let previous = lastIsData ? rows.last : nil
        var row: [TableCell] = []
        row.reserveCapacity(width)
        let line = p.pieces.lazy.compactMap { $0?.line }.first ?? header.line
        nameWidth = 0
        for k in 0..<width {
            if let piece = p.pieces[k] {
                row.append(TableCell(text: piece.text, line: piece.line, column: piece.rowColumn, xpath: nil))
                if roles[k] == .name { nameWidth = max(nameWidth, piece.text.unicodeScalars.count) }
            } else if roles[k] == .category, let above = previous?[k] {
                // A category cell merged over several rows is written once: it holds for the rows under it.
                row.append(above)
            } else {
                row.append(TableCell(text: "", line: line, column: nil, xpath: nil))
            }
        }
        rows.append(row)
        isCategory.append(false)
    }

    private mutating func appendCategory(_ p: Placed) {
        guard let piece = p.pieces.lazy.compactMap({ $0 }).first else { return }
        if rows.isEmpty { startsWithCategory = true }
        // Written in the first column and blank in the others, as `IndicatorTableReader` takes a row spanning the table.
        var row = [TableCell(text: piece.text, line: piece.line, column: piece.rowColumn, xpath: nil)]
        row += repeatElement(TableCell(text: "", line: piece.line, column: nil, xpath: nil), count: width - 1)
        rows.append(row)
        isCategory.append(true)
        nameWidth = 0
    }
}
