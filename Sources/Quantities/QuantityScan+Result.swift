// After the scan: each value gets the year it is for, a value after a to word takes the from value before
// it as its change's start, and the tokens kept become the quantities, in the order they start.

extension QuantityScan {
    /// A change's from value and to value are linked only within this many scalars of each other.
    static let longestChange = 80

    /// The quantities of the sentence, once `run` has read it. Its steps are inlined: they were one body, and
    /// apart each checks the tokens' storage anew.
    mutating func result() -> [Quantity] {
        assignYears()
        linkChanges()
        return quantities()
    }

    /// The year each value refers to: the last time before it in the sentence.
    @inline(__always)
    mutating func assignYears() {
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
    }

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

    /// Changes: a value after a to word takes the from value before it in the same clause (`从3000亿元迈上
    /// 5000亿元`), which is then dropped; without one, a to word up or down makes a level a change anyway.
    @inline(__always)
    mutating func linkChanges() {
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
            if let f = found, tokens[i].valueStart - tokens[f].valueEnd <= Self.longestChange,
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
    }

    /// The tokens kept and not dropped, as quantities ordered by where they start.
    @inline(__always)
    func quantities() -> [Quantity] {
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
