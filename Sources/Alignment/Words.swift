import Localization
import RuleLanguage

extension Status {
    /// The status in the product's vocabulary.
    public var word: Word {
        switch self {
        case .covered: .covered
        case .weak: .weak
        case .missing: .missing
        case .conflicting: .conflicting
        case .outdated: .outdated
        case .notApplicable: .notApplicable
        }
    }
}

extension Severity {
    /// The severity in the product's vocabulary.
    public var word: Word {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        }
    }
}

extension Evidence {
    /// How firmly this evidence commits, in every language; nil for none.
    public var commitmentDescription: LocalizedText? { Self.describeCommitment(commitment) }

    /// How firmly a piece of evidence commits (`Evidence.commitment`, as `CommitmentClass` and the indicator
    /// table write it), in every language; nil for none.
    static func describeCommitment(_ commitment: String?) -> LocalizedText? {
        guard let commitment else { return nil }
        if let c = CommitmentClass.allCases.first(where: { $0.description == commitment }) {
            return LocalizedText(en: commitment, zh: c.chinese)
        }
        switch commitment {
        case "indicator table (约束性)": return LocalizedText(en: commitment, zh: "主要指标表（约束性）")
        case "indicator table": return LocalizedText(en: commitment, zh: "主要指标表")
        default: return LocalizedText(commitment)
        }
    }
}
