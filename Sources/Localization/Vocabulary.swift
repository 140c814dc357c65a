/// The product's own words, one word for one thing in each language, everywhere plancheck speaks
/// (`docs/vocabulary.md` lists them; a test keeps the two the same). Every word has both translations: the
/// switch in `text(_:)` does not compile without them.
public enum Word: String, Sendable, CaseIterable {
    // Statuses.
    case covered, weak, missing, conflicting, outdated, notApplicable
    // Severities.
    case error, warning, info
    // What reports are made of.
    case coverage, area, evidence, citySentence, closestPassages, waived

    /// The word in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .zh: chinese
        case .en: english
        }
    }

    /// The word in every language, for a page that carries both.
    public var both: LocalizedText { LocalizedText(en: english, zh: chinese) }

    private var chinese: String {
        switch self {
        case .covered: "已衔接"
        case .weak: "表述偏弱"
        case .missing: "缺失"
        case .conflicting: "不一致"
        case .outdated: "过时表述"
        case .notApplicable: "不适用"
        case .error: "错误"
        case .warning: "警告"
        case .info: "提示"
        case .coverage: "衔接率"
        case .area: "领域"
        case .evidence: "依据"
        case .citySentence: "上级依据"
        case .closestPassages: "相近表述（仅供参考）"
        case .waived: "已豁免"
        }
    }

    private var english: String {
        switch self {
        case .covered: "covered"
        case .weak: "weak"
        case .missing: "missing"
        case .conflicting: "conflicting"
        case .outdated: "outdated"
        case .notApplicable: "not applicable"
        case .error: "error"
        case .warning: "warning"
        case .info: "info"
        case .coverage: "coverage"
        case .area: "area"
        case .evidence: "evidence"
        case .citySentence: "city"
        case .closestPassages: "closest passages (suggestions only)"
        case .waived: "waived"
        }
    }
}
