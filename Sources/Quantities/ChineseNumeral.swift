/// Reads numbers written with Chinese numerals: `十三`, `二〇三五`, `三千`, `五百亿`, `两`.
public enum ChineseNumeral {
    /// The value of a digit character (`〇 零 一 … 九 两` and ASCII or full-width 0–9), if it is one.
    @inlinable
    public static func digit(_ s: Unicode.Scalar) -> Int? {
        let v = s.value
        if v &- 0x30 < 10 { return Int(v &- 0x30) }       // 0–9
        if v &- 0xFF10 < 10 { return Int(v &- 0xFF10) }   // ０–９
        return chineseDigit(s)
    }

    /// The value of a Chinese digit character (`〇 零 一 … 九 两`, the financial `壹 … 玖`), if it is one; not
    /// ASCII or full-width digits. The one table of Chinese digits: `digit` and the quantity scan read it.
    // Always inlined: the quantity scan tests it per scalar, and a call would cost more than the test.
    @inlinable @inline(__always)
    public static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
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

    /// The multiplier of a small unit character (`十 百 千`), if it is one.
    @inlinable
    public static func smallUnit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "十", "拾": return 10
        case "百", "佰": return 100
        case "千", "仟": return 1000
        default: return nil
        }
    }

    /// The multiplier of a large unit character (`万 亿`), if it is one.
    @inlinable
    public static func largeUnit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "万": return 10_000
        case "亿": return 100_000_000
        default: return nil
        }
    }

    /// Whether the character can be part of a Chinese numeral.
    @inlinable
    public static func isNumeralCharacter(_ s: Unicode.Scalar) -> Bool {
        digit(s) != nil || smallUnit(s) != nil || largeUnit(s) != nil
    }

    /// Whether the character is a Chinese numeral character: a Chinese digit, `十 百 千` or `万 亿` (an ASCII
    /// or full-width digit is not).
    // Always inlined: the quantity scan tests it per scalar, and a call would cost more than the test.
    @inlinable @inline(__always)
    public static func isChineseNumeralCharacter(_ s: Unicode.Scalar) -> Bool {
        chineseDigit(s) != nil || smallUnit(s) != nil || largeUnit(s) != nil
    }

    /// Every character `isChineseNumeralCharacter` accepts, for building scalar sets (a test keeps the two
    /// the same).
    static let chineseCharacters = "〇零一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿"

    /// The integer written by `scalars`, or nil when they do not form a numeral.
    ///
    /// A run of digits without unit characters (`二〇三五`) is read position by position, as years are
    /// written; otherwise the usual grouping by 十/百/千 within 万/亿 applies (`一百零五`, `五百亿`).
    // Inlinable so that callers in other modules (the heading reader) get it specialized for their
    // collection type: unspecialized, every scalar goes through protocol witnesses.
    @inlinable
    public static func value<S: Collection>(of scalars: S) -> Int? where S.Element == Unicode.Scalar {
        guard !scalars.isEmpty, scalars.allSatisfy(isNumeralCharacter) else { return nil }
        if scalars.allSatisfy({ digit($0) != nil }) {
            var v = 0
            for s in scalars {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(digit(s)!)
                if o1 || o2 { return nil }
                v = a
            }
            return v
        }
        var total = 0      // completed 亿/万 groups
        var section = 0    // the group being read (below 万)
        var pending: Int?  // a digit waiting for its unit
        var lastSmall = Int.max
        for s in scalars {
            if let d = digit(s) {
                if pending != nil && d != 0 { return nil }   // two digits in a row: `三五` is not a numeral here
                pending = d == 0 ? nil : d
            } else if let u = smallUnit(s) {
                guard u < lastSmall else { return nil }      // 十百 out of order
                section += (pending ?? 1) * u
                pending = nil
                lastSmall = u
            } else if let u = largeUnit(s) {
                let group = section + (pending ?? 0)
                guard group > 0 || total > 0 else {
                    // a bare 万 or 亿 reads as one of it (`亿元` alone is not a number, but `千亿` is)
                    total = (total + 1) * u
                    section = 0; pending = nil; lastSmall = .max
                    continue
                }
                let (m, o) = (total + group).multipliedReportingOverflow(by: u)
                if o { return nil }
                total = m
                section = 0; pending = nil; lastSmall = .max
            }
        }
        return total + section + (pending ?? 0)
    }

    /// The integer written by `text`, or nil.
    public static func value(of text: String) -> Int? { value(of: text.unicodeScalars) }
}
