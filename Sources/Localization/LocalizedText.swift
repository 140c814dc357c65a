/// Text a person reads, in every language plancheck speaks: each message is written in both where it is
/// made, so a report in either language (or one page carrying both) needs no second pass over the plan.
public struct LocalizedText: Sendable, Hashable, Codable, CustomStringConvertible {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// Text that reads the same in every language: a name, a number, a quotation.
    public init(_ both: String) { self.init(en: both, zh: both) }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }

    /// The English text (the canonical one: fingerprints and rule tests read it).
    public var description: String { en }

    public var isEmpty: Bool { en.isEmpty && zh.isEmpty }

    public static func + (a: LocalizedText, b: LocalizedText) -> LocalizedText {
        LocalizedText(en: a.en + b.en, zh: a.zh + b.zh)
    }

    /// Clauses of one message: `; ` between them in English, `；` in Chinese.
    public static func clauses(_ parts: [LocalizedText]) -> LocalizedText {
        LocalizedText(en: parts.map(\.en).joined(separator: "; "), zh: parts.map(\.zh).joined(separator: "；"))
    }
}

/// A text in English and in Chinese, written side by side where it is made: `L("covered", "已衔接")`.
public func L(_ english: String, _ chinese: String) -> LocalizedText { LocalizedText(en: english, zh: chinese) }

/// A text that reads the same in both languages: a name, a number, a rule-language example.
public func L(_ both: String) -> LocalizedText { LocalizedText(both) }
