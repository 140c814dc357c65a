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

extension Finding {
    /// The title in `language`: a goal's own (the rules' words), a retired term's said in that language.
    func title(in language: Language) -> String {
        guard kind == .retirement, language == .zh else { return title }
        return "停用表述：" + goal.dropFirst("retire:".count)
    }
}
