/// The verdict on one city goal in one district plan (see the brief: what "aligned" means).
public enum Status: String, Sendable, Codable, CaseIterable {
    /// Carried as a commitment: named and committed to with a quantity, a deadline or a commitment verb.
    case covered
    /// Mentioned, but never committed to.
    case weak
    /// Not found anywhere in scope.
    case missing
    /// Committed, but to less than the city asks, a later year, or the wrong unit.
    case conflicting
    /// Uses a term the city has retired.
    case outdated
    /// The goal is for other places (`applies 醴陵市` in a plan of 荷塘区): not checked, and out of coverage.
    case notApplicable = "not-applicable"

    /// Most serious first: conflicting, missing, outdated, weak, covered, not applicable — the order
    /// gaps are listed and sorted in every report.
    public var seriousness: Int {
        switch self {
        case .conflicting: 0
        case .missing: 1
        case .outdated: 2
        case .weak: 3
        case .covered: 4
        case .notApplicable: 5
        }
    }
}
