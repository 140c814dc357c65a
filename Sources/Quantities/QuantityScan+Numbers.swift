// Reading the number at a scalar: Arabic or Chinese numerals, `百分之…`, plan names and set phrases, then
// what follows the number (magnitude, unit, ratio, `多`, `强`).

extension QuantityScan {
    /// The significant digits read: a Double holds 15 exactly. A longer integer part is an identifier.
    static let mostDigits = 15
    /// A Chinese numeral longer than this is hostile input (a wall of numerals), skipped whole.
    static let longestChineseNumeral = 24
    /// How many magnitude characters may follow a number (`千万`, `万亿`).
    static let longestMagnitude = 3

    /// Reads the number at `i` and what follows it; where the scan goes on.
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

    /// The Arabic number at `a` (`244.2`, `1,200`), or nil for an identifier or a date, with where to go on.
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
            if significant <= Self.mostDigits { mantissa = mantissa * 10 + Int64(s[j].value - 0x30); significant += 1 }
            j += 1
        }
        let integerDigits = j - a
        if integerDigits > Self.mostDigits { return (nil, skipIdentifier(from: j)) }
        var thousands = false
        if integerDigits <= 3 {
            while j + 3 < n, s[j] == ",", isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]),
                  j + 4 == n || !isDigit(s[j + 4]), significant + 3 <= Self.mostDigits {
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
                if significant < Self.mostDigits { mantissa = mantissa * 10 + Int64(s[j].value - 0x30); significant += 1; fraction += 1 }
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

    /// The Chinese numeral at `a` (`五百`, `二〇三五` before `年`), or nil for a run that is not a number.
    func chinese(at a: Int) -> (Literal?, Int) {
        var j = a
        var allDigits = true, hasDigit = false, containsYi = false
        while j < n, ChineseNumeral.isChineseNumeralCharacter(s[j]) {
            if ChineseNumeral.chineseDigit(s[j]) != nil { hasDigit = true } else { allDigits = false }
            if s[j] == "亿" { containsYi = true }
            j += 1
            if j - a > Self.longestChineseNumeral {
                while j < n, ChineseNumeral.isChineseNumeralCharacter(s[j]) { j += 1 }
                return (nil, j)
            }
        }
        if allDigits {
            let count = j - a
            if count == 1 {
                return (Literal(value: Double(ChineseNumeral.chineseDigit(s[a])!), start: a, end: j, chinese: true, yearLike: false,
                                single: s[a]), j)
            }
            // Digits read one by one make a year (二〇三五年); other runs (三五年, 一二三产业) are not numbers.
            guard count == 4, j < n, s[j] == "年" else { return (nil, j) }
            var v = 0
            for k in a..<j { v = v * 10 + ChineseNumeral.chineseDigit(s[k])! }
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
            while k < n, k - magnitudeStart < Self.longestMagnitude {
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
}

extension Quantity {
    /// 10^k for the small k of decimal fractions, exactly.
    static func powerOfTen(_ k: Int) -> Double {
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }
}
