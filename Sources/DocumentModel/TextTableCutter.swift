// Cutting one line of a text table into cells; which lines form a table is in TextTables.swift.

/// How the cells of a text table are separated.
enum TextTableSeparator {
    /// `|`, `｜` or `│`; empty cells count, a leading and a trailing bar are borders.
    case pipe
    /// One tab between two cells, as a spreadsheet or a web page copies them; empty cells count.
    case tab
    /// A run of two or more spaces (ASCII, no-break or ideographic U+3000) or a tab.
    case spaces
}

/// Cuts a line into cells.
enum TextTableCutter {
    @inline(__always) static func isBar(_ s: Unicode.Scalar) -> Bool { s == "|" || s == "｜" || s == "│" }
    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{3000}" || s == "\u{A0}" }
    @inline(__always) static func isBlank(_ s: Unicode.Scalar) -> Bool { isSpace(s) || s == "\t" || s == "\u{0C}" }

    /// The separator a header line uses, if any: a bar, else a tab, else a run of two spaces.
    static func separator(of s: ArraySlice<Unicode.Scalar>) -> TextTableSeparator? {
        var tab = false, spaces = false
        var run = 0
        for c in s {
            if isBar(c) { return .pipe }
            if c == "\t" { tab = true }
            if isSpace(c) { run += 1; if run >= 2 { spaces = true } } else { run = 0 }
        }
        return tab ? .tab : spaces ? .spaces : nil
    }

    /// A cut line: each cell's range in the line (offsets from its start, spaces trimmed), and how many
    /// empty cells ended it (they are counted, not stored: a line of 100,000 bars costs no array).
    struct Cut {
        var cells: [Range<Int>] = []
        var trailingEmpty = 0
    }

    /// Cuts `s`; nil when it has more than `limit` cells before its trailing empty ones.
    static func cut(_ s: ArraySlice<Unicode.Scalar>, by sep: TextTableSeparator, limit: Int) -> Cut? {
        let base = s.startIndex
        var lo = 0, hi = s.count
        // Cut by tabs, a leading tab is an empty first cell (a merged category), so only spaces are trimmed.
        func outer(_ c: Unicode.Scalar) -> Bool { sep == .tab ? isSpace(c) : isBlank(c) }
        while lo < hi, outer(s[base + lo]) { lo += 1 }
        while hi > lo, outer(s[base + hi - 1]) { hi -= 1 }
        var out = Cut()
        guard lo < hi else { return out }
        if sep == .pipe {
            // Border bars are not cell separators: `| a | b |` has two cells.
            if isBar(s[base + lo]) { lo += 1 }
            if hi > lo, isBar(s[base + hi - 1]) { hi -= 1 }
        }
        var pendingEmpty = 0
        var start = lo
        var i = lo
        // Adds cell start..<end, trimmed; false once over the limit.
        func add(_ start: Int, _ end: Int) -> Bool {
            var a = start, b = end
            while a < b, isBlank(s[base + a]) { a += 1 }
            while b > a, isBlank(s[base + b - 1]) { b -= 1 }
            if a == b { pendingEmpty += 1; return true }
            guard out.cells.count + pendingEmpty < limit else { return false }
            for _ in 0..<pendingEmpty { out.cells.append(a..<a) }
            pendingEmpty = 0
            out.cells.append(a..<b)
            return true
        }
        while i < hi {
            let c = s[base + i]
            var width = 0
            switch sep {
            case .pipe: if isBar(c) { width = 1 }
            case .tab: if c == "\t" { width = 1 }
            case .spaces:
                if c == "\t" { width = 1 } else if isSpace(c) {
                    var j = i
                    while j < hi, isBlank(s[base + j]) { j += 1 }
                    if j - i >= 2 || s[base + i..<base + j].contains("\t") { width = j - i }
                }
            }
            if width == 0 { i += 1; continue }
            guard add(start, i) else { return nil }
            i += width
            start = i
        }
        guard add(start, hi) else { return nil }
        // Only spaces cut, a line has no empty cells; with bars or tabs, a line that ends with one has an
        // empty last cell (`a | b |` after its border is stripped gives none).
        out.trailingEmpty = pendingEmpty
        return out
    }
}
