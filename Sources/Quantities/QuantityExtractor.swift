/// Finds every quantity in one sentence of normalized plan text, with its span.
///
/// Normalized means full-width digits, letters and `％` are ASCII and PDF spaces are removed. The scan
/// is one pass over the scalars, by hand, with a few look-backs of bounded length; it allocates only
/// the result. What it reads:
/// - Arabic numbers (`244.2`, `1,200`), Chinese numerals (`二〇三五`, `五百亿`, `十件`), mixed (`1.8万亩`);
/// - units of `Unit.table`, a magnitude before them (`2.4万家`, `30亿斤`), ratios (`1.61亿元/平方公里`);
/// - comparators before (`不低于`, `超过`, `达到`, `约`) and after (`以上`, `以内`, `左右`), ranges (`2-3个`);
/// - changes (`增长7.5%`, `下降15%以上`, `提高到15%`, `从3000亿元迈上5000亿元`, `由2015年的6.5万元提高到…`);
/// - years (`2025年`, `二〇三五年`, `到2025年` ≤), periods (`2021年-2025年`, `“十四五”时期`), plan ends
///   (`“十五五”期末` = 2030), `本世纪中叶` (2050), durations (`3年`, `五年`, and `五年内`/`今后五年`
///   resolved against `planPeriod`), ranks (`50强`).
///
/// What it skips, on purpose:
/// - dates (`2021年2月4日`, `2022-08-10`, `9月`, `4日`), clock times, ordinals and section numbers
///   (`第六章`, `第36位`), list markers (`一、`, `1.`), `五年规划`;
/// - identifiers: digits touching ASCII letters or `+` (`5G`, `S104`, `3+3+2`), runs of more than 15
///   digits; bare Arabic numbers with neither unit nor comparator (`12345热线`, phone numbers, `601`);
/// - text in quotes `“…”`/`「…」` of up to 24 scalars and in titles `《…》` of up to 80 (names such as
///   `“三类500强”`, `“民生100”工程`), except plan names (`“十四五”`);
/// - Chinese numerals not followed by a unit or classifier (`一谷三区`, `三高四新`, `十大`), set phrases
///   (`四个全面`, `两个确立`, `五位一体`…), `一` before a classifier (`一批`, `一个`: an article), a lone
///   `十百千万亿` unless it reads as a value (`十件`, `百强`, `千亿`), and tiers (`三级`).
public struct QuantityExtractor: Sendable, Hashable, Codable {
    /// The plan's period (e.g. 2026…2030), against which `五年内` and `今后五年` resolve to a year.
    public var planPeriod: ClosedRange<Int>?

    /// An extractor; pass the plan period to resolve relative deadlines.
    public init(planPeriod: ClosedRange<Int>? = nil) { self.planPeriod = planPeriod }

    /// The quantities in `sentence`, spans in its Unicode scalars.
    public func extract(from sentence: String) -> [Quantity] {
        extract(from: Array(sentence.unicodeScalars))
    }

    /// The quantities in `scalars`, spans as offsets into them.
    public func extract(from scalars: [Unicode.Scalar]) -> [Quantity] {
        scalars.withUnsafeBufferPointer { extract(from: $0) }
    }

    /// The quantities in a slice, spans as offsets from the slice's start.
    public func extract(from scalars: ArraySlice<Unicode.Scalar>) -> [Quantity] {
        scalars.withUnsafeBufferPointer { extract(from: $0) }
    }

    /// The quantities in `buffer`, spans as offsets into it.
    public func extract(from buffer: UnsafeBufferPointer<Unicode.Scalar>) -> [Quantity] {
        guard let start = QuantityExtractor.scanStart(buffer) else { return [] }
        var scan = Scan(s: buffer, plan: planPeriod)
        scan.run(from: start)
        return scan.result()
    }
}

extension QuantityExtractor {
    /// False when `buffer` holds no ASCII digit, Chinese numeral or `本` (of `本世纪中叶`): every quantity
    /// starts at one of them, so the scan would find none. Nearly half of a plan's sentences are such.
    static func mayHoldQuantity(_ buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Bool { scanStart(buffer) != nil }

    /// Where the scan of `buffer` may start, nil when `mayHoldQuantity` is false: the first ASCII digit or
    /// scalar the scan looks at (a quote before the first numeral counts), found in the same pass, so the
    /// scan does not read the text before it a second time.
    static func scanStart(_ buffer: UnsafeBufferPointer<Unicode.Scalar>) -> Int? {
        let starts = quantityStarts, interesting = interestingScalars
        var first: Int?
        // Past a scalar outside the BMP, which `ScalarBits` cannot rule out (the scan skips them).
        var may = false
        for i in buffer.indices {
            let c = buffer[i]
            let v = c.value
            if v < 0x80 {
                if isDigit(c) { return first ?? i }
            } else if v >= 0x10000 {
                if let first { return first }
                may = true
            } else if interesting.mayContain(c) {
                // Every quantity start is an interesting scalar.
                if first == nil {
                    first = i
                    if may { return i }
                }
                if starts.mayContain(c) { return first }
            }
        }
        return may ? buffer.count : nil
    }
}

// MARK: - The scan

/// A number as written, before its unit.
private struct Literal {
    var value: Double
    var start: Int
    /// After the number proper (before trailing 万/亿 of a Chinese numeral).
    var end: Int
    var chinese: Bool
    /// Four positional digits between 1900 and 2100.
    var yearLike: Bool
    /// A Chinese numeral with at least one digit character (not only 十百千万亿).
    var hasDigit: Bool = true
    var containsYi: Bool = false
    /// The single character of a one-character Chinese numeral, if it is one.
    var single: Unicode.Scalar?
    /// Written `百分之…`: a percentage.
    var percent = false
}

/// What follows a number: magnitude, unit, `多`/`余`, `强`.
private struct Tail {
    var end: Int
    var unit: Unit?
    /// The magnitude of `万`/`亿` written without a unit after them.
    var magnitude: Double = 1
    var more = false
    var rank = false
}

private struct Token {
    var kind: QuantityKind
    var value: Double
    var upper: Double?
    var unit: Unit?
    var comparator: QuantityComparator = .equal
    var keep = true
    var valueStart: Int
    var valueEnd: Int
    var start: Int
    var end: Int
    var year: Int?
    var expanded = false
    var from = false
    var to: Lexicon.Direction?
    var annual = false
    var fromValue: Double?
    var fromUnit: Unit?
    var fromYear: Int?
    var dropped = false
    /// The last year before the whole expression (before `由2020年的…`), for a change's target.
    var outerYear: Int?

    var isTime: Bool { kind == .year || kind == .period || (kind == .duration && year != nil) }
    var timeYear: Int? {
        switch kind {
        case .year: return Int(value)
        case .period: return upper.map { Int($0) }
        case .duration: return year
        default: return nil
        }
    }
}

/// What the words before a number say.
private struct Prefix {
    var start: Int
    var comparator: QuantityComparator?
    var strong = false
    var change: QuantityKind?
    var to: Lexicon.Direction?
    var from = false
    var annual = false
    var future = false
    var deadline = false
    var any: Bool { comparator != nil || change != nil || to != nil }
}

@inline(__always) private func isDigit(_ c: Unicode.Scalar) -> Bool { c.value &- 0x30 < 10 }
@inline(__always) private func isLetter(_ c: Unicode.Scalar) -> Bool { (c.value | 0x20) &- 0x61 < 26 }

/// The digit of a Chinese digit character (not ASCII), if it is one.
@inline(__always) private func chineseDigit(_ c: Unicode.Scalar) -> Int? {
    switch c {
    case "〇", "零": return 0
    case "一", "壹": return 1
    case "二", "两", "贰": return 2
    case "三", "叁": return 3
    case "四", "肆": return 4
    case "五", "伍": return 5
    case "六", "陆": return 6
    case "七", "柒": return 7
    case "八", "捌": return 8
    case "九", "玖": return 9
    default: return nil
    }
}

@inline(__always) private func isChineseNumeral(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "〇", "零", "一", "壹", "二", "两", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒",
         "八", "捌", "九", "玖", "十", "拾", "百", "佰", "千", "仟", "万", "亿":
        return true
    default:
        return false
    }
}

/// A range separator: `-`, dashes, tildes, `至`, `到`.
@inline(__always) private func isRangeSeparator(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "-", "—", "–", "~", "～", "至", "到", "－": return true
    default: return false
    }
}

@inline(__always) private func isDash(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "-", "—", "–", "~", "～", "－": return true
    default: return false
    }
}

/// Punctuation that ends a clause: a change's start and end must sit in one clause.
@inline(__always) private func isClauseBreak(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case ",", "，", ";", "；", "。", "!", "！", "?", "？", "、": return true
    default: return false
    }
}

private let yearRange = 1900.0...2100.0

/// The non-ASCII scalars the scan must look at: Chinese numerals, quotes, 第, 本.
private let interestingScalars = ScalarBits("〇零一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿“「《第本".unicodeScalars)

/// The scalars that can start a quantity besides ASCII digits: the Chinese numerals and 本.
private let quantityStarts = ScalarBits("〇零一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿本".unicodeScalars)

private struct Scan {
    let s: UnsafeBufferPointer<Unicode.Scalar>
    let n: Int
    let plan: ClosedRange<Int>?
    var tokens: [Token] = []

    init(s: UnsafeBufferPointer<Unicode.Scalar>, plan: ClosedRange<Int>?) {
        self.s = s
        self.n = s.count
        self.plan = plan
    }

    /// Scans from `start`: nothing before it is a digit or a scalar the scan looks at.
    mutating func run(from start: Int = 0) {
        var i = start
        let interesting = interestingScalars
        while i < n {
            let c = s[i]
            let v = c.value
            if v < 0x80 {
                i = isDigit(c) ? max(scanNumber(at: i), i + 1) : i + 1
                continue
            }
            // Most scalars are CJK text with nothing to read: one bit test each.
            if v >= 0x10000 || !interesting.mayContain(c) { i += 1; continue }
            switch c {
            case "“": i = skipQuote(at: i, close: "”", limit: 24)
            case "「": i = skipQuote(at: i, close: "」", limit: 24)
            case "《": i = skipQuote(at: i, close: "》", limit: 80)
            case "第": i = skipOrdinal(at: i)
            case "本": i = century(at: i)
            default: i = isChineseNumeral(c) ? max(scanNumber(at: i), i + 1) : i + 1
            }
        }
    }

    // MARK: skipping

    func skipQuote(at i: Int, close: Unicode.Scalar, limit: Int) -> Int {
        var j = i + 1
        while j < n, j - i <= limit {
            if s[j] == close {
                if j - i == 4, isPlanName(at: i + 1) != nil { return i + 1 }
                return j + 1
            }
            j += 1
        }
        return i + 1
    }

    /// `第` and the number after it: an ordinal.
    func skipOrdinal(at i: Int) -> Int {
        var j = i + 1
        while j < n, isDigit(s[j]) || isChineseNumeral(s[j]) || (s[j] == "." && j + 1 < n && isDigit(s[j + 1])) {
            j += 1
        }
        return j
    }

    /// Digits, letters, dots and the like of an identifier (`S104`, `5G`, `3+3+2`, `10:29:27`).
    func skipIdentifier(from i: Int) -> Int {
        var j = i
        while j < n {
            let c = s[j]
            if isDigit(c) || isLetter(c) || c == "+" || c == "." || c == ":" || c == "_" || c == "-" || c == "/" {
                j += 1
            } else {
                break
            }
        }
        return j
    }

    /// The plan number at `i` for a plan name `十X五` (十一五 … 十六五), if one is written there.
    func isPlanName(at i: Int) -> Int? {
        guard i + 2 < n, s[i] == "十", s[i + 2] == "五" else { return nil }
        let k: Int
        switch s[i + 1] {
        case "一": k = 11
        case "二": k = 12
        case "三": k = 13
        case "四": k = 14
        case "五": k = 15
        case "六": k = 16
        default: return nil
        }
        if i + 3 < n, isChineseNumeral(s[i + 3]) || s[i + 3] == "年" { return nil }
        return k
    }

    // MARK: numbers

    mutating func scanNumber(at i: Int) -> Int {
        if !isDigit(s[i]) {
            if let k = isPlanName(at: i) { return planName(at: i, number: k) }
            if let len = Lexicon.setPhrase(in: s, at: i) { return i + len }
            if Lexicon.has(s, i, Lexicon.percentOf), i + 3 < n {  // 百分之十五, 百分之3.5
                let (lit, next) = literal(at: i + 3)
                guard var lit, !lit.yearLike, lit.hasDigit || lit.single == "十" || lit.single == "百" else { return max(next, i + 3) }
                lit.start = i
                lit.percent = true
                return finish(lit)
            }
        }
        let (lit, next) = literal(at: i)
        guard let lit else { return next }
        return finish(lit)
    }

    /// The number written at `i`, or nil with where to go on.
    func literal(at i: Int) -> (Literal?, Int) {
        guard i < n else { return (nil, i) }
        return isDigit(s[i]) ? arabic(at: i) : chinese(at: i)
    }

    func arabic(at a: Int) -> (Literal?, Int) {
        if a > 0 {
            let p = s[a - 1]
            if isLetter(p) || p == "+" || p == "_" || p == "/" || p == "." && a > 1 && isDigit(s[a - 2])
                || (p == ":" || p == "：") && a > 1 && isDigit(s[a - 2]) {
                return (nil, skipIdentifier(from: a))
            }
        }
        var j = a
        var mantissa: Int64 = 0
        var significant = 0
        while j < n, isDigit(s[j]) {
            if significant < 16 { mantissa = mantissa * 10 + Int64(s[j].value - 0x30); significant += 1 }
            j += 1
        }
        let integerDigits = j - a
        if integerDigits > 15 { return (nil, skipIdentifier(from: j)) }
        var thousands = false
        if integerDigits <= 3 {
            while j + 3 < n, s[j] == ",", isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]),
                  j + 4 == n || !isDigit(s[j + 4]), significant + 3 <= 15 {
                for o in 1...3 { mantissa = mantissa * 10 + Int64(s[j + o].value - 0x30) }
                significant += 3
                thousands = true
                j += 4
            }
        }
        var fraction = 0
        if j + 1 < n, s[j] == ".", isDigit(s[j + 1]) {
            j += 1
            while j < n, isDigit(s[j]) {
                if significant < 15 { mantissa = mantissa * 10 + Int64(s[j].value - 0x30); significant += 1; fraction += 1 }
                j += 1
            }
            if j + 1 < n, s[j] == ".", isDigit(s[j + 1]) { return (nil, skipIdentifier(from: j)) }  // 1.2.3
        }
        if j < n {
            let c = s[j]
            if c == "+" || c == "_" { return (nil, skipIdentifier(from: j)) }
            if (c == ":" || c == "：") && j + 1 < n && isDigit(s[j + 1]) { return (nil, skipIdentifier(from: j)) }
            if isLetter(c) && Unit.match(s, at: j) == nil { return (nil, skipIdentifier(from: j)) }
        }
        var value = Double(mantissa)
        if fraction > 0 { value /= Quantity.powerOfTen(fraction) }
        let yearLike = integerDigits == 4 && fraction == 0 && !thousands && yearRange.contains(value)
        // A date written with dashes or slashes: 2022-08-10.
        if integerDigits == 4, fraction == 0, j + 2 < n, s[j] == "-" || s[j] == "/" || s[j] == ".", isDigit(s[j + 1]) {
            var k = j + 1
            while k < n, k - j <= 3, isDigit(s[k]) { k += 1 }
            if k - j <= 3, k + 1 < n, s[k] == s[j], isDigit(s[k + 1]) {
                var e = k + 1
                while e < n, isDigit(s[e]) { e += 1 }
                return (nil, e)
            }
        }
        return (Literal(value: value, start: a, end: j, chinese: false, yearLike: yearLike), j)
    }

    func chinese(at a: Int) -> (Literal?, Int) {
        var j = a
        var allDigits = true, hasDigit = false, containsYi = false
        while j < n, isChineseNumeral(s[j]) {
            if chineseDigit(s[j]) != nil { hasDigit = true } else { allDigits = false }
            if s[j] == "亿" { containsYi = true }
            j += 1
            if j - a > 24 {  // hostile: a wall of numerals
                while j < n, isChineseNumeral(s[j]) { j += 1 }
                return (nil, j)
            }
        }
        if allDigits {
            let count = j - a
            if count == 1 {
                return (Literal(value: Double(chineseDigit(s[a])!), start: a, end: j, chinese: true, yearLike: false,
                                single: s[a]), j)
            }
            // Digits read one by one make a year (二〇三五年); other runs (三五年, 一二三产业) are not numbers.
            guard count == 4, j < n, s[j] == "年" else { return (nil, j) }
            var v = 0
            for k in a..<j { v = v * 10 + chineseDigit(s[k])! }
            let value = Double(v)
            return (Literal(value: value, start: a, end: j, chinese: true, yearLike: yearRange.contains(value)), j)
        }
        // Trailing 万/亿 are a magnitude before the unit (五百亿元 → 500 亿元) unless a larger unit came first
        // (一亿五千万 is one number).
        var numberEnd = j
        while numberEnd > a, s[numberEnd - 1] == "万" || s[numberEnd - 1] == "亿" { numberEnd -= 1 }
        guard numberEnd > a else { return (nil, j) }  // a lone 万 or 亿: 万元GDP, 亿元以上项目
        if s[a..<numberEnd].contains(where: { $0 == "万" || $0 == "亿" }) { numberEnd = j }
        guard let v = ChineseNumeral.value(of: UnsafeBufferPointer(rebasing: s[a..<numberEnd])) else { return (nil, j) }
        return (Literal(value: Double(v), start: a, end: numberEnd, chinese: true, yearLike: false, hasDigit: hasDigit,
                        containsYi: containsYi, single: j - a == 1 ? s[a] : nil), j)
    }

    /// Magnitude, unit, `多`/`余`, ratio and `强` after a number ending at `k`.
    func tail(at k0: Int) -> Tail {
        var k = k0
        var t = Tail(end: k)
        if k < n, s[k] == "多" || s[k] == "余" { t.more = true; k += 1 }
        if let (u, len) = Unit.match(s, at: k), !Lexicon.startsWord(s, at: k, unitLength: len) {
            t.unit = u
            k += len
        } else {
            let magnitudeStart = k
            var magnitude = 1.0
            while k < n, k - magnitudeStart < 3 {
                if s[k] == "万" { magnitude *= 1e4 } else if s[k] == "亿" { magnitude *= 1e8 } else if
                    (s[k] == "千" || s[k] == "百") && k + 1 < n && (s[k + 1] == "万" || s[k + 1] == "亿") {
                    magnitude *= s[k] == "千" ? 1000 : 100
                } else { break }
                k += 1
            }
            if k > magnitudeStart {
                if k < n, s[k] == "多" || s[k] == "余" { t.more = true; k += 1 }
                if let (u, len) = Unit.match(s, at: k), u.dimension != .years, u.dimension != .days,
                   !Lexicon.startsWord(s, at: k, unitLength: len) {
                    var prefix = String.UnicodeScalarView()
                    prefix.append(contentsOf: s[magnitudeStart..<k].filter { $0 != "多" && $0 != "余" })
                    t.unit = u.scaled(by: magnitude, prefix: String(prefix))
                    k += len
                } else {
                    t.magnitude = magnitude
                }
            }
        }
        if let u = t.unit, k + 1 < n, s[k] == "/" || s[k] == "／", let (d, len) = Unit.match(s, at: k + 1),
           u.dimension != .ratio, d.dimension != .years {
            t.unit = Unit.ratio(u, per: d)
            k += 1 + len
        }
        if t.unit == nil, k < n, s[k] == "强" { t.rank = true; k += 1 }
        t.end = k
        return t
    }

    mutating func finish(_ lit: Literal) -> Int {
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
        var t = lit.percent ? Tail(end: k, unit: Unit.named("%")) : tail(at: k)
        var value = lit.value
        var upper: Double?
        var end = t.end
        // A range: 2-3个, 2至3个, 两到三个, 2%-3%.
        if !lit.percent, t.end < n, isRangeSeparator(s[t.end]), !t.rank, t.unit == nil || isDash(s[t.end]) {
            let (second, _) = literal(at: t.end + 1)
            if let second, second.chinese == lit.chinese {
                let t2 = tail(at: second.end)
                if let r = combineRange(lit, t, second, t2) {
                    value = r.lower
                    upper = r.upper
                    t = t2
                    t.unit = r.unit
                    end = t2.end
                }
            }
        }
        let unit = t.unit
        // Chinese numerals count only when they read as a value.
        if lit.chinese && !lit.percent {
            let dimension = unit?.dimension
            if !lit.hasDigit {
                let tenOf = lit.single == "十" && (dimension == .count || dimension == .people || dimension == .years)
                let hundredRank = lit.single == "百" && t.rank
                guard lit.containsYi || tenOf || hundredRank else { return end }
            } else {
                // 一批, 一个, 一年来: an article; 二次, 二级, 金科二批: counts say 两, so 二 alone is a name.
                if lit.single == "一" || lit.single == "二", upper == nil,
                   dimension == nil || dimension == .count || dimension == .people || dimension == .years || dimension == .times {
                    return end
                }
                if lit.value == 0 && upper == nil { return end }  // 零部件, 零就业
                if unit == nil && t.magnitude == 1 && !t.rank && !lit.containsYi { return end }
            }
        }
        if let u = unit, u.dimension == .count {
            if u.root.symbol == "级" { return end }  // a tier: 三级医院, 二级零部件
            // A session: 十二届九次全会, 第五次全国经济普查 (第 is skipped before).
            if u.root.symbol == "次", lit.start > 0, s[lit.start - 1] == "届" || Lexicon.startsSession(s, at: end) {
                return end
            }
        }
        if unit == nil, t.magnitude != 1 {  // 5000亿, 千亿: the magnitude goes into a unitless value
            value *= t.magnitude
            upper = upper.map { $0 * t.magnitude }
        }
        let expanded = unit == nil && (t.magnitude != 1 || lit.containsYi)
        var kind: QuantityKind = t.rank ? .rank : .level
        if unit?.dimension == .years { kind = .duration }

        // Durations: 五年规划 is a name; 五年内 a relative deadline; 五年来 a look back.
        var future = false
        if kind == .duration {
            if Lexicon.has(s, end, Lexicon.plan) || Lexicon.has(s, end, Lexicon.program) { return end + 2 }
        }
        // QuantityComparator words after the value.
        var suffix: QuantityComparator?
        if t.more { suffix = .atLeast }
        var e = end
        for (word, cmp) in Lexicon.suffixWords where Lexicon.has(s, e, word) {
            if cmp == .approximately && word.first == "上" && Lexicon.has(s, e, Lexicon.upDown) { break }
            suffix = cmp
            e += word.count
            break
        }
        if kind == .duration {
            if suffix == nil, e < n, s[e] == "内" { suffix = .atMost; future = true; e += 1 }
            if suffix == .atMost { future = true }
        }
        let p = prefix(at: lit.start, time: false)
        var comparator: QuantityComparator = .equal
        if let suffix {
            comparator = suffix
            if suffix == .approximately, p.strong, let pc = p.comparator { comparator = pc }
        } else if let pc = p.comparator, kind != .duration || p.strong {
            comparator = pc  // a duration takes only strong words: 近三年 is a look back, not ≈
        }
        if kind == .rank && comparator == .equal { comparator = .atMost }
        if kind == .level, let change = p.change { kind = change }
        var token = Token(kind: kind, value: value, upper: upper, unit: unit, comparator: comparator,
                          valueStart: lit.start, valueEnd: end, start: min(p.start, lit.start), end: e)
        token.expanded = expanded
        token.from = p.from
        token.to = kind == .level || kind == .rank ? p.to : nil
        token.annual = p.annual
        token.keep = unit != nil || expanded || kind == .rank || suffix != nil || p.any
        if kind == .duration {
            future = future || p.future
            if future, let plan, upper == nil, value >= 1, value <= 50, value == value.rounded() {
                token.year = plan.lowerBound + Int(value) - 1
            }
        }
        add(token)
        return e
    }

    /// Appends `t`, room for a few made at the first: growing one by one would reallocate each time.
    mutating func add(_ t: Token) {
        if tokens.isEmpty { tokens.reserveCapacity(8) }
        tokens.append(t)
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

    /// After `…年` of a year: a date, a period, a deadline.
    mutating func finishYear(_ lit: Literal, at k: Int) -> Int {
        var e = k + 1
        // 2021年2月4日: a date.
        if e < n, isDigit(s[e]) || chineseDigit(s[e]) != nil || s[e] == "十" {
            var m = e
            while m < n, m - e < 3, isDigit(s[m]) || isChineseNumeral(s[m]) { m += 1 }
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

    mutating func finishPeriod(_ a: Literal, _ b: Literal, end: Int) -> Int {
        appendYear(a.value, upper: b.value, valueStart: a.start, valueEnd: end, end: end)
    }

    mutating func appendYear(_ value: Double, upper: Double?, valueStart: Int, valueEnd: Int, end e0: Int) -> Int {
        var e = e0
        var comparator: QuantityComparator?
        for (word, cmp) in Lexicon.yearSuffixWords where Lexicon.has(s, e, word) {
            // 前三季度 is not 前.
            if word.count == 1, e + 1 < n, isChineseNumeral(s[e + 1]) || isDigit(s[e + 1]) { break }
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
        let first = 2006 + 5 * (number - 11), last = first + 4
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
        while d < n, d - i < 3, isDigit(s[d]) || isChineseNumeral(s[d]) { d += 1 }
        if d > i, d < n, s[d] == "日" || s[d] == "号" { return d + 1 }
        return i
    }

    // MARK: words before a number

    /// Reads the comparator, change and from words right before `start`, crossing years (`由2015年的…`).
    func prefix(at start: Int, time: Bool) -> Prefix {
        var p = Prefix(start: start)
        var k = start
        var steps = 0
        while k > 0, steps < 8 {
            steps += 1
            let c = s[k - 1]
            if c == ":" || c == "：" { k -= 1; continue }
            if !time {
                if let t = timeToken(endingAt: k) { k = t; continue }
                if c == "的", let t = timeToken(endingAt: k - 1) { k = t; continue }
            }
            guard let w = Lexicon.word(in: s, endingAt: k), k - w.scalars.count >= floor(below: k) else { break }
            k -= w.scalars.count
            if time {
                switch w.effect {
                case .deadline, .to(.either, _): p.deadline = true; p.start = k
                default: break
                }
                break
            }
            switch w.effect {
            case let .compare(cmp, strong):
                if p.comparator == nil { p.comparator = cmp; p.strong = strong }
            case let .change(kind):
                if p.change == nil && p.to == nil { p.change = kind }
            case let .to(direction, cmp):
                if p.to == nil && p.change == nil {
                    p.to = direction
                    if let cmp, p.comparator == nil { p.comparator = cmp }
                }
            case .from: p.from = true
            case .annual: p.annual = true
            case .future: p.future = true
            case .deadline, .neutral: break
            }
            p.start = k
            if w.effect == .from { break }
        }
        return p
    }

    /// The end of the last token that starts before `k`: words before a number must not reach into it.
    func floor(below k: Int) -> Int {
        var i = tokens.count - 1
        while i >= 0 {
            if tokens[i].valueStart < k { return min(tokens[i].end, k) }
            i -= 1
        }
        return 0
    }

    /// The value start of the time token whose text ends at `k`, if one does.
    func timeToken(endingAt k: Int) -> Int? {
        var i = tokens.count - 1
        // Field by field: a whole `Token` copied would retain its units.
        while i >= 0 {
            let end = tokens[i].end
            if end < k - 1 { return nil }
            if end == k, tokens[i].kind == .year || tokens[i].kind == .period { return tokens[i].valueStart }
            i -= 1
        }
        return nil
    }

    // MARK: result

    /// The year of the last of `times` that ends by `k`. `times` holds the time tokens read so far, each
    /// kept only while no later one ends as early (which would be found first), so their ends rise and a
    /// bisection finds it: looking back through the tokens for each value made a long sentence of values
    /// without a year quadratic (50,000 values: 17 s).
    static func lastTime(endingBy k: Int, in times: [(end: Int, year: Int)]) -> Int? {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if times[mid].end <= k { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? times[lo - 1].year : nil
    }

    mutating func result() -> [Quantity] {
        // The year each value refers to: the last time before it in the sentence.
        var lastYear: Int?
        var times: [(end: Int, year: Int)] = []
        for i in tokens.indices {
            if tokens[i].kind != .year && tokens[i].kind != .period && tokens[i].kind != .duration && tokens[i].year == nil {
                tokens[i].year = lastYear
                tokens[i].outerYear = Self.lastTime(endingBy: tokens[i].start, in: times)
            }
            // Times never change here (values are not times), so `times` is what a look back would see.
            if let y = tokens[i].isTime ? tokens[i].timeYear : nil {
                lastYear = y
                let end = tokens[i].end
                while let last = times.last, last.end >= end { times.removeLast() }
                times.append((end, y))
            }
        }
        // Changes: a value after a `to` word takes the `from` value before it in the same clause.
        for i in tokens.indices where tokens[i].to != nil {
            var j = i - 1
            var found: Int?
            while j >= 0 {
                let t = tokens[j]
                if !t.isTime && !t.dropped {
                    if t.from { found = j }
                    break
                }
                j -= 1
            }
            let direction = tokens[i].to!
            if let f = found, tokens[i].valueStart - tokens[f].valueEnd <= 80,
               !(tokens[f].valueEnd..<tokens[i].valueStart).contains(where: { isClauseBreak(s[$0]) }) {
                let t = tokens[f]
                tokens[i].fromValue = t.value
                tokens[i].fromUnit = t.unit
                tokens[i].fromYear = t.year
                if tokens[i].year == t.year { tokens[i].year = t.outerYear }  // 到2025年…由2020年的X提高到Y
                tokens[i].start = t.start
                tokens[i].keep = true
                tokens[f].dropped = true
                switch direction {
                case .up: tokens[i].kind = .riseTo
                case .down: tokens[i].kind = .fallTo
                case .either:
                    let a = t.unit.flatMap { u in tokens[i].unit.flatMap { u.convert(t.value, to: $0) } } ?? t.value
                    tokens[i].kind = tokens[i].value >= a ? .riseTo : .fallTo
                }
            } else if tokens[i].kind == .level {
                if direction == .up { tokens[i].kind = .riseTo }
                if direction == .down { tokens[i].kind = .fallTo }
            }
        }
        var out: [Quantity] = []
        out.reserveCapacity(tokens.count)
        for t in tokens where t.keep && !t.dropped {
            out.append(Quantity(kind: t.kind, value: t.value, upper: t.upper, unit: t.unit, comparator: t.comparator,
                                year: t.year, from: t.fromValue, fromUnit: t.fromUnit, fromYear: t.fromYear,
                                annual: t.annual, unitInferred: false, span: t.start..<t.end,
                                valueSpan: t.valueStart..<t.valueEnd))
        }
        out.sort { ($0.span.lowerBound, $0.valueSpan.lowerBound) < ($1.span.lowerBound, $1.valueSpan.lowerBound) }
        return out
    }
}

extension Quantity {
    /// 10^k for the small k of decimal fractions, exactly.
    static func powerOfTen(_ k: Int) -> Double {
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }
}
