// What the quantity scan reads a quantity into, piece by piece: the number (`Literal`), what follows it
// (`Tail`), the words before it (`Prefix`), and the quantity found (`Token`). Spans are scalar offsets into
// the sentence.

extension QuantityScan {
    /// A number as written, before its unit.
    struct Literal {
        /// Its value (`二〇三五` 2035, `五百` 500, `1,200.5`).
        var value: Double
        /// Where it starts (at `百` of `百分之…`).
        var start: Int
        /// After the number proper (before trailing 万/亿 of a Chinese numeral).
        var end: Int
        /// Written in Chinese numerals.
        var chinese: Bool
        /// Four positional digits between 1900 and 2100.
        var yearLike: Bool
        /// A Chinese numeral with at least one digit character (not only 十百千万亿).
        var hasDigit: Bool = true
        /// A Chinese numeral with `亿` in it (`三千亿`, `一亿五千万`): a value even without a unit.
        var containsYi: Bool = false
        /// The single character of a one-character Chinese numeral, if it is one.
        var single: Unicode.Scalar?
        /// Written `百分之…`: a percentage.
        var percent = false
    }

    /// What follows a number: magnitude, unit, `多`/`余`, `强`.
    struct Tail {
        /// After all of it.
        var end: Int
        /// The unit, scaled by a magnitude before it (`万家`) and divided by a unit after `/` (`亿元/平方公里`).
        var unit: Unit?
        /// The magnitude of `万`/`亿` written without a unit after them.
        var magnitude: Double = 1
        /// `多` or `余` after the number or its magnitude (`30多家`, `5000余亿元`): at least.
        var more = false
        /// `强` after a number without a unit (`50强`): a rank.
        var rank = false
    }

    /// A quantity the scan found, before `result` links changes and years; it becomes a `Quantity`.
    struct Token {
        /// What it is; a level with a change word before it is that change, and `result` makes a level that a
        /// to word ends `riseTo` or `fallTo`.
        var kind: QuantityKind
        /// The value in `unit`: a range's lower bound, a period's first year.
        var value: Double
        /// A range's upper bound (`2-3个`: 3) or a period's last year; nil for one value.
        var upper: Double?
        /// The unit; nil for a bare number, a year or a period.
        var unit: Unit?
        /// How the value bounds what is meant (`不低于` ≥, `以内` ≤, `约` ≈); `.equal` when nothing says.
        var comparator: QuantityComparator = .equal
        /// Whether it is reported: a bare number (no unit, magnitude, comparator or change word) is not, but it
        /// still bounds the words before the next number and may be a change's start.
        var keep = true
        /// Where the number starts: the value span, without the words around it.
        var valueStart: Int
        /// After the number, its range and its unit (after `年` of a year).
        var valueEnd: Int
        /// Where the whole expression starts, words before it included; a change starts at its from value.
        var start: Int
        /// After the whole expression, words after it (`以上`, `以内`) included.
        var end: Int
        /// The year it is for: a time's own (last) year, a relative duration's deadline (`五年内`), or for a
        /// value the last time before it in the sentence (set by `result`).
        var year: Int?
        /// A from word (`从`, `由`) stands before it: the value a later to word's value changes from.
        var from = false
        /// The direction of the to word before it (`提高到` up, `下降到` down, `到` either): the value a change
        /// reaches.
        var to: Lexicon.Direction?
        /// A yearly word (`年均`, `每年`) stands before it.
        var annual = false
        /// The value a change starts from: the linked from token's value.
        var fromValue: Double?
        /// The unit of `fromValue`.
        var fromUnit: Unit?
        /// The year of `fromValue` (`由2020年的…`).
        var fromYear: Int?
        /// Taken by a later token as its change's start: reported within that change, not on its own.
        var dropped = false
        /// The last year before the whole expression (before `由2020年的…`), for a change's target.
        var outerYear: Int?

        /// A year, a period, or a duration resolved to a deadline year.
        var isTime: Bool { kind == .year || kind == .period || (kind == .duration && year != nil) }
        /// The year a time sets for the values after it (a period's last year); nil for a value.
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
    struct Prefix {
        /// Where the words start (the number's start when there are none).
        var start: Int
        /// A comparator word (`不低于`, `约`).
        var comparator: QuantityComparator?
        /// The comparator word is strong (`不低于`, `超过`): it wins over a trailing `左右`.
        var strong = false
        /// A change-by word (`增长`, `下降`): the kind the value takes.
        var change: QuantityKind?
        /// A change-to word (`提高到`, `到`) and its direction.
        var to: Lexicon.Direction?
        /// A from word (`从`, `由`).
        var from = false
        /// A yearly word (`年均`, `每年`).
        var annual = false
        /// A future word (`今后`, `未来`) before a duration.
        var future = false
        /// A deadline word before a year (`截至`, `到`).
        var deadline = false
        /// Whether a word makes the value worth reporting.
        var any: Bool { comparator != nil || change != nil || to != nil }
    }
}
