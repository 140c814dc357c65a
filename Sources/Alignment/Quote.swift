import Quantities

/// How much of a sentence evidence quotes: the whole sentence when it is of ordinary length, else a window
/// around the matched words with `…` where it was cut. A plan of one 50 MB line quoted the whole line in
/// every finding (3.1 GB of JSON); the offsets and line:column still locate the rest.
public enum Quote {
    /// Characters (Unicode scalars) kept on each side of the match. The longest sentence of the samples
    /// is 437 characters, so no sentence of a real plan is cut.
    public static let context = 500
    /// What stands for the text left out.
    public static let ellipsis: Unicode.Scalar = "…"

    /// The part of a sentence of `count` scalars to quote around `match` (offsets in it); the whole
    /// sentence when the match has at most `context` scalars on either side. Cuts never split a character:
    /// they move outward past combining marks and joiners (a few at most).
    static func window(count: Int, match: Range<Int>, scalar: (Int) -> Unicode.Scalar) -> Range<Int> {
        var from = max(0, match.lowerBound - context), to = min(count, match.upperBound + context)
        func joins(_ i: Int) -> Bool {   // whether a cut before scalar `i` would split a character
            guard i > 0, i < count else { return false }
            let s = scalar(i), before = scalar(i - 1)
            return s.properties.isGraphemeExtend || s.value == 0x200D || before.value == 0x200D
                || (0xFE00...0xFE0F).contains(s.value) || (s.value == 0x0A && before.value == 0x0D)
        }
        var steps = 0
        while from > 0, joins(from), steps < 32 { from -= 1; steps += 1 }
        steps = 0
        while to < count, joins(to), steps < 32 { to += 1; steps += 1 }
        return from..<to
    }

    /// The quoted text of `scalars` around `match`, and where the match is in it.
    static func text(_ scalars: ArraySlice<Unicode.Scalar>, match: Range<Int>) -> (text: String, match: Range<Int>, window: Range<Int>) {
        let base = scalars.startIndex
        let w = window(count: scalars.count, match: match) { scalars[base + $0] }
        var out = String.UnicodeScalarView()
        if w.lowerBound > 0 { out.append(ellipsis) }
        out.append(contentsOf: scalars[(base + w.lowerBound)..<(base + w.upperBound)])
        if w.upperBound < scalars.count { out.append(ellipsis) }
        let shift = (w.lowerBound > 0 ? 1 : 0) - w.lowerBound
        return (String(out), (match.lowerBound + shift)..<(match.upperBound + shift), w)
    }

    /// Whether a sentence of `count` scalars is quoted whole around `match`.
    static func isWhole(count: Int, match: Range<Int>) -> Bool {
        match.lowerBound <= context && count - match.upperBound <= context
    }

    /// The quantities (sorted by start, as the extractor gives them) that start in `window`: a long line
    /// may hold a million.
    static func starting(in window: Range<Int>, _ qs: [Quantities.Quantity]) -> ArraySlice<Quantities.Quantity> {
        let a = qs.firstStarting(from: window.lowerBound)
        return qs[a..<max(a, qs.firstStarting(from: window.upperBound))]
    }
}

extension Array where Element == Quantities.Quantity {
    /// The index of the first quantity starting at or after offset `k`, by bisection (quantities come
    /// sorted by start).
    func firstStarting(from k: Int) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if self[mid].span.lowerBound < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
