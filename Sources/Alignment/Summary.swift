/// Counts and coverage over a set of findings: per status, per area, and overall (weighted).
///
/// A goal's credit is 1 when covered, ½ when weak or conflicting (carried, but not as the city asks),
/// 0 when missing; coverage is the weighted mean credit. Retirements have no weight and do not count.
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
        var counts: [String: Int] = [:]
        for s in Status.allCases { counts[s.rawValue] = 0 }
        for f in findings { counts[f.status.rawValue, default: 0] += 1 }
        self.counts = counts
        let goalFindings = findings.filter { $0.kind == .goal }
        goals = goalFindings.count
        func mean(_ fs: [Finding]) -> Double {
            let total = fs.reduce(0) { $0 + $1.weight }
            guard total > 0 else { return fs.isEmpty ? 1 : 0 }
            let got = fs.reduce(0) { $0 + $1.weight * Summary.credit($1.status) }
            return (got / total * 10_000).rounded() / 10_000
        }
        coverage = mean(goalFindings)
        var byArea: [String: [Finding]] = [:]
        for f in goalFindings { byArea[f.area ?? "(none)", default: []].append(f) }
        coverageByArea = byArea.mapValues(mean)
        waived = findings.filter { $0.isGap && $0.waiver != nil }.count
        var open: [String: Int] = [:]
        for sev in ["error", "warning", "info"] { open[sev] = 0 }
        for f in findings where f.isOpenGap { open[f.severity.rawValue, default: 0] += 1 }
        openGaps = open
    }

    /// How much a status counts towards coverage.
    public static func credit(_ s: Status) -> Double {
        switch s {
        case .covered: 1
        case .weak, .conflicting: 0.5
        case .missing, .outdated: 0
        }
    }
}
