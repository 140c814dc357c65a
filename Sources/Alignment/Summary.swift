/// Counts and coverage over a set of findings: per status, per area, and overall (weighted).
///
/// A goal's credit is 1 when covered, ½ when weak or conflicting (carried, but not as the city asks),
/// 0 when missing; coverage is the weighted mean credit. Retirements have no weight and do not count, nor do
/// goals for other places (`notApplicable`).
public struct Summary: Sendable, Hashable, Codable {
    /// Findings per status (retirements included under `outdated`).
    public var counts: [String: Int]
    /// Goals checked.
    public var goals: Int
    /// Weighted coverage of all goals, 0…1.
    public var coverage: Double
    /// Weighted coverage per area, 0…1 (goals without an area count under `(none)`).
    public var coverageByArea: [String: Double]
    /// Gaps accepted by a waiver (still counted under their status).
    public var waived: Int
    /// Gaps not waived, per severity.
    public var openGaps: [String: Int]

    public init(findings: [Finding]) {
        var sum = Accumulator()
        for f in findings { sum.add(f) }
        self = sum.summary
    }

    init(counts: [String: Int], goals: Int, coverage: Double, coverageByArea: [String: Double], waived: Int,
         openGaps: [String: Int]) {
        self.counts = counts
        self.goals = goals
        self.coverage = coverage
        self.coverageByArea = coverageByArea
        self.waived = waived
        self.openGaps = openGaps
    }

    /// Sums findings one at a time, in the order a report lists them: the figures `Summary(findings:)`
    /// gives, to the last bit (the sums are made in the same order), without holding the findings.
    public struct Accumulator: Sendable {
        private var counts: [String: Int]
        private var goals = 0
        private var all = Mean()
        private var areas: [String: Mean] = [:]
        private var waived = 0
        private var open: [String: Int]

        /// A weighted mean credit, summed as it goes.
        struct Mean {
            var total = 0.0
            var got = 0.0
            var count = 0

            mutating func add(weight: Double, credit: Double) {
                total += weight
                got += weight * credit
                count += 1
            }

            var value: Double {
                guard total > 0 else { return count == 0 ? 1 : 0 }
                return (got / total * 10_000).rounded() / 10_000
            }
        }

        public init() {
            counts = Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0.rawValue, 0) })
            open = ["error": 0, "warning": 0, "info": 0]
        }

        public mutating func add(_ f: borrowing Finding) {
            counts[f.status.rawValue, default: 0] += 1
            // A goal for other places is not checked: counted under its status, out of the goals and coverage.
            if f.kind == .goal && f.status != .notApplicable {
                goals += 1
                let credit = Summary.credit(f.status)
                all.add(weight: f.weight, credit: credit)
                areas[f.area ?? "(none)", default: Mean()].add(weight: f.weight, credit: credit)
            }
            if f.isGap && f.waiver != nil { waived += 1 }
            if f.isOpenGap { open[f.severity.rawValue, default: 0] += 1 }
        }

        public var summary: Summary {
            Summary(counts: counts, goals: goals, coverage: all.value, coverageByArea: areas.mapValues(\.value),
                    waived: waived, openGaps: open)
        }
    }

    /// How much a status counts towards coverage.
    public static func credit(_ s: Status) -> Double {
        switch s {
        case .covered: 1
        case .weak, .conflicting: 0.5
        case .missing, .outdated: 0
        case .notApplicable: 0  // never summed: such goals are left out of coverage
        }
    }
}
