// The words before a number: comparators, changes, from and to words, read backwards from the number
// across years (`由2015年的…`), never into the quantity before it.

extension QuantityScan {
    /// At most this many words and time tokens are read back from a number.
    static let mostPrefixSteps = 8

    /// Reads the comparator, change and from words right before `start`, crossing years (`由2015年的…`).
    func prefix(at start: Int, time: Bool) -> Prefix {
        var p = Prefix(start: start)
        var k = start
        var steps = 0
        while k > 0, steps < Self.mostPrefixSteps {
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
}
