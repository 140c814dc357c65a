// Finishing a number into a quantity: a year, a period or a date when it is one; else its tail and range,
// whether it reads as a value at all, the comparator words around it, and the token. The steps are marked
// for inlining, as they were one body: a call per step and number would cost more than most steps do.

extension QuantityScan {
    /// Spans of more years than this are not read as a deadline (`五十年内` is the longest a plan means).
    static let longestRelativeSpan = 50.0

    /// Reads what follows the number `lit` and appends the token it makes, if it is a quantity; where the
    /// scan goes on.
    mutating func finish(_ lit: Literal) -> Int {
        if let next = finishTimeOrDate(lit) { return next }
        var t = lit.percent ? Tail(end: lit.end, unit: Unit.named("%")) : tail(at: lit.end)
        var (value, upper) = widenToRange(lit, &t)
        let end = t.end
        let unit = t.unit
        guard readsAsValue(lit, unit: unit, magnitude: t.magnitude, rank: t.rank, upper: upper),
              !isCountName(lit, unit, end: end) else { return end }
        if unit == nil, t.magnitude != 1 {  // 5000亿, 千亿: the magnitude goes into a unitless value
            value *= t.magnitude
            upper = upper.map { $0 * t.magnitude }
        }
        let expanded = unit == nil && (t.magnitude != 1 || lit.containsYi)
        var kind: QuantityKind = t.rank ? .rank : .level
        if unit?.dimension == .years { kind = .duration }

        // Durations: 五年规划 is a name; 五年内 a relative deadline; 五年来 a look back.
        if kind == .duration, Lexicon.has(s, end, Lexicon.plan) || Lexicon.has(s, end, Lexicon.program) { return end + 2 }
        var (suffix, e) = suffixComparator(at: end, more: t.more)
        var future = false
        if kind == .duration {
            if suffix == nil, e < n, s[e] == "内" { suffix = .atMost; future = true; e += 1 }
            if suffix == .atMost { future = true }
        }
        let p = prefix(at: lit.start, time: false)
        let comparator = Self.comparator(suffix: suffix, prefix: p, kind: kind)
        if kind == .level, let change = p.change { kind = change }
        var token = Token(kind: kind, value: value, upper: upper, unit: unit, comparator: comparator,
                          valueStart: lit.start, valueEnd: end, start: min(p.start, lit.start), end: e)
        token.from = p.from
        token.to = kind == .level || kind == .rank ? p.to : nil
        token.annual = p.annual
        token.keep = unit != nil || expanded || kind == .rank || suffix != nil || p.any
        if kind == .duration, future || p.future { token.year = relativeDeadline(years: value, upper: upper) }
        add(token)
        return e
    }

    /// Finishes `lit` as a year (`2025年`), a period (`2016-2020年`) or a date, which is skipped (`2月4日`);
    /// nil when it is none of them.
    @inline(__always)
    mutating func finishTimeOrDate(_ lit: Literal) -> Int? {
        let k = lit.end
        if k < n, s[k] == "年", lit.yearLike { return finishYear(lit, at: k) }
        // A period written 2016-2020年.
        if lit.yearLike, !lit.chinese, k + 1 < n, isRangeSeparator(s[k]), isDigit(s[k + 1]) {
            let (second, _) = arabic(at: k + 1)
            if let second, second.yearLike, second.value > lit.value {
                let e = second.end
                if e < n, s[e] == "年" { return finishPeriod(lit, second, end: e + 1) }
                if Unit.match(s, at: e) == nil { return finishPeriod(lit, second, end: e) }
            }
        }
        if k < n, s[k] == "月" || s[k] == "日" || s[k] == "号" {  // a date, not a quantity
            return skipDate(from: k + 1)
        }
        return nil
    }

    /// The value of `lit` with tail `t`, widened to a range when a second number follows a separator (`2-3个`,
    /// `2至3个`, `两到三个`, `2%-3%`): `t` is then the second number's tail, with the range's unit.
    @inline(__always)
    func widenToRange(_ lit: Literal, _ t: inout Tail) -> (value: Double, upper: Double?) {
        guard !lit.percent, t.end < n, isRangeSeparator(s[t.end]), !t.rank, t.unit == nil || isDash(s[t.end]) else {
            return (lit.value, nil)
        }
        let (second, _) = literal(at: t.end + 1)
        guard let second, second.chinese == lit.chinese else { return (lit.value, nil) }
        let t2 = tail(at: second.end)
        guard let r = combineRange(lit, t, second, t2) else { return (lit.value, nil) }
        t = t2
        t.unit = r.unit
        return (r.lower, r.upper)
    }

    /// Whether `lit` reads as a value with the unit, magnitude and rank of its tail: Arabic numbers and
    /// percentages do; a Chinese numeral only with a unit, magnitude or rank that makes it one (`十件`, `百强`,
    /// `千亿`, `三个`), not as a word (`一批`, `零部件`, `三高四新`). The tail's parts, not the tail: a copy
    /// of its unit is a retain and a release per number.
    @inline(__always)
    func readsAsValue(_ lit: Literal, unit: Unit?, magnitude: Double, rank: Bool, upper: Double?) -> Bool {
        guard lit.chinese && !lit.percent else { return true }
        let dimension = unit?.dimension
        if !lit.hasDigit {
            let tenOf = lit.single == "十" && (dimension == .count || dimension == .people || dimension == .years)
            let hundredRank = lit.single == "百" && rank
            return lit.containsYi || tenOf || hundredRank
        }
        // 一批, 一个, 一年来: an article; 二次, 二级, 金科二批: counts say 两, so 二 alone is a name.
        if lit.single == "一" || lit.single == "二", upper == nil,
           dimension == nil || dimension == .count || dimension == .people || dimension == .years || dimension == .times {
            return false
        }
        if lit.value == 0 && upper == nil { return false }  // 零部件, 零就业
        if unit == nil && magnitude == 1 && !rank && !lit.containsYi { return false }
        return true
    }

    /// Whether a count names something rather than counting it: a tier (`三级医院`, `二级零部件`) or a session
    /// (`十二届九次全会`, `第五次全国经济普查`, whose 第 is skipped before).
    @inline(__always)
    func isCountName(_ lit: Literal, _ unit: Unit?, end: Int) -> Bool {
        guard let u = unit, u.dimension == .count else { return false }
        if u.root.symbol == "级" { return true }
        return u.root.symbol == "次" && lit.start > 0 && (s[lit.start - 1] == "届" || Lexicon.startsSession(s, at: end))
    }

    /// The comparator word after a value ending at `end` (`以上`, `以内`, `左右`) and where the words end;
    /// `more` (`多`, `余` after the number) already says at least.
    @inline(__always)
    func suffixComparator(at end: Int, more: Bool) -> (QuantityComparator?, Int) {
        var suffix: QuantityComparator?
        if more { suffix = .atLeast }
        var e = end
        for (word, cmp) in Lexicon.suffixWords where Lexicon.has(s, e, word) {
            if cmp == .approximately && word.first == "上" && Lexicon.has(s, e, Lexicon.upDown) { break }
            suffix = cmp
            e += word.count
            break
        }
        return (suffix, e)
    }

    /// The comparator of a value: the word after it, unless that is `左右` and a strong word stands before
    /// (`不低于…左右`); else the word before it. A rank with neither is at most (`50强`: in the top 50).
    @inline(__always)
    static func comparator(suffix: QuantityComparator?, prefix p: Prefix, kind: QuantityKind) -> QuantityComparator {
        var comparator: QuantityComparator = .equal
        if let suffix {
            comparator = suffix
            if suffix == .approximately, p.strong, let pc = p.comparator { comparator = pc }
        } else if let pc = p.comparator, kind != .duration || p.strong {
            comparator = pc  // a duration takes only strong words: 近三年 is a look back, not ≈
        }
        if kind == .rank && comparator == .equal { comparator = .atMost }
        return comparator
    }

    /// The year a relative duration ends (`五年内`, `今后五年`): the last of as many years from the plan's
    /// start; nil without a plan period, for a range or for a span that is not a whole number of years.
    @inline(__always)
    func relativeDeadline(years value: Double, upper: Double?) -> Int? {
        guard let plan, upper == nil, value >= 1, value <= Self.longestRelativeSpan, value == value.rounded() else {
            return nil
        }
        return plan.lowerBound + Int(value) - 1
    }

    /// Two numbers and their tails read as a range, if they make one.
    func combineRange(_ a: Literal, _ ta: Tail, _ b: Literal, _ tb: Tail) -> (lower: Double, upper: Double, unit: Unit?)? {
        guard !tb.rank, ta.unit == nil || tb.unit == nil || ta.unit == tb.unit else { return nil }
        let unit = tb.unit ?? ta.unit
        var lower = a.value
        var upper = b.value
        if let u = unit {
            if ta.unit == nil && ta.magnitude != 1 {
                lower = a.value * ta.magnitude * u.root.factor / u.factor
            }
            if tb.unit == nil && tb.magnitude != 1 {
                upper = b.value * tb.magnitude * u.root.factor / u.factor
            }
        } else if ta.magnitude != 1 && tb.magnitude != 1 {
            lower *= ta.magnitude / tb.magnitude  // both scaled later by tb's magnitude
        } else if ta.magnitude != 1 {
            return nil
        }
        guard upper > lower else { return nil }
        if b.chinese && !b.hasDigit && !b.containsYi && b.single != "十" { return nil }
        return (lower, upper, unit)
    }
}
