import Alignment
import Localization
import RuleLanguage

extension Status {
    /// The status in the product's vocabulary.
    var word: Word {
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
    var word: Word {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        }
    }
}
