// Times: years and what follows them (a date, a period, a deadline word), plan names (`“十四五”期末`),
// `本世纪中叶`, and dates, which are skipped.

extension QuantityScan {
    /// The first year of the 11th five-year plan (十一五, 2006–2010); each plan after it starts five years later.
    static let eleventhPlanStart = 2006

    /// After `…年` of a year: a date, a period, a deadline.
    mutating func finishYear(_ lit: Literal, at k: Int) -> Int {
        var e = k + 1
        // 2021年2月4日: a date.
        if e < n, isDigit(s[e]) || ChineseNumeral.chineseDigit(s[e]) != nil || s[e] == "十" {
            var m = e
            while m < n, m - e < 3, isDigit(s[m]) || ChineseNumeral.isChineseNumeralCharacter(s[m]) { m += 1 }
            if m < n, s[m] == "月" { return skipDate(from: m + 1) }
        }
        if e < n, s[e] == "底" || s[e] == "末" || s[e] == "初" { e += 1 }
        var upper: Double?
        var valueEnd = k + 1
        if e + 1 < n, isRangeSeparator(s[e]) {
            let (second, _) = literal(at: e + 1)
            if let second, second.yearLike, second.end < n, s[second.end] == "年", second.value > lit.value {
                upper = second.value
                e = second.end + 1
                valueEnd = e
                if e < n, s[e] == "底" || s[e] == "末" { e += 1 }
            }
        }
        return appendYear(lit.value, upper: upper, valueStart: lit.start, valueEnd: valueEnd, end: e)
    }

    /// Appends the period from year `a` to year `b`, its text ending at `end`.
    mutating func finishPeriod(_ a: Literal, _ b: Literal, end: Int) -> Int {
        appendYear(a.value, upper: b.value, valueStart: a.start, valueEnd: end, end: end)
    }

    /// Appends a year (or a period up to `upper`) with the deadline or comparator words around it.
    mutating func appendYear(_ value: Double, upper: Double?, valueStart: Int, valueEnd: Int, end e0: Int) -> Int {
        var e = e0
        var comparator: QuantityComparator?
        for (word, cmp) in Lexicon.yearSuffixWords where Lexicon.has(s, e, word) {
            // 前三季度 is not 前.
            if word.count == 1, e + 1 < n, ChineseNumeral.isChineseNumeralCharacter(s[e + 1]) || isDigit(s[e + 1]) { break }
            comparator = cmp
            e += word.count
            break
        }
        let p = prefix(at: valueStart, time: true)
        if comparator == nil, p.deadline { comparator = .atMost }
        var t = Token(kind: upper == nil ? .year : .period, value: value, upper: upper, unit: nil,
                      comparator: comparator ?? .equal, valueStart: valueStart, valueEnd: valueEnd,
                      start: p.deadline ? p.start : valueStart, end: e)
        t.year = Int(upper ?? value)
        add(t)
        return e
    }

    /// `“十四五”期末` = 2025, `十五五末` = 2030, `“十四五”时期` = 2021…2025; a bare plan name is nothing.
    mutating func planName(at i: Int, number: Int) -> Int {
        var e = i + 3
        let start = i > 0 && s[i - 1] == "“" ? i - 1 : i
        if e < n, s[e] == "”" { e += 1 }
        let first = Self.eleventhPlanStart + 5 * (number - 11), last = first + 4
        for w in Lexicon.endOfPeriod where Lexicon.has(s, e, w) {
            return appendYear(Double(last), upper: nil, valueStart: start, valueEnd: e + w.count, end: e + w.count)
        }
        for w in Lexicon.wholePeriod where Lexicon.has(s, e, w) {
            return appendYear(Double(first), upper: Double(last), valueStart: start, valueEnd: e + w.count,
                              end: e + w.count)
        }
        return e
    }

    /// `本世纪中叶` = 2050 (≈, or ≤ after `到`), `本世纪末` = 2100.
    mutating func century(at i: Int) -> Int {
        let year: Double
        let len: Int
        if Lexicon.has(s, i, Lexicon.midCentury) { year = 2050; len = Lexicon.midCentury.count }
        else if Lexicon.has(s, i, Lexicon.endOfCentury) { year = 2100; len = Lexicon.endOfCentury.count }
        else { return i + 1 }
        let e = appendYear(year, upper: nil, valueStart: i, valueEnd: i + len, end: i + len)
        if tokens[tokens.count - 1].comparator == .equal { tokens[tokens.count - 1].comparator = .approximately }
        return e
    }

    /// Past a date's month and day (`2月4日`, `9月`, `28日星期二`).
    func skipDate(from i: Int) -> Int {
        var d = i
        while d < n, d - i < 3, isDigit(s[d]) || ChineseNumeral.isChineseNumeralCharacter(s[d]) { d += 1 }
        if d > i, d < n, s[d] == "日" || s[d] == "号" { return d + 1 }
        return i
    }
}
