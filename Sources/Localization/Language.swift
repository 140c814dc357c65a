/// The languages plancheck speaks to people in: Simplified Chinese for its users, English for everyone else.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case zh, en

    /// A language from how people and locales write it: `zh`, `zh_CN.UTF-8`, `zh-Hans`, `en`, `en_US`…
    /// (case does not matter); nil for anything else.
    public init?(code: String) {
        let c = code.lowercased()
        if c == "zh" || c.hasPrefix("zh_") || c.hasPrefix("zh-") || c.hasPrefix("zh.") {
            self = .zh
        } else if c == "en" || c.hasPrefix("en_") || c.hasPrefix("en-") || c.hasPrefix("en.") || c == "c" || c == "posix" {
            self = .en
        } else {
            return nil
        }
    }

    /// The language of a run: the one asked for (`--lang`), else `PLANCHECK_LANG`, else the one the rule set
    /// declares (`language zh`, so a Chinese CI job on a machine whose locale is `C` still writes Chinese),
    /// else the locale's (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set; `zh…` is Chinese),
    /// else English. A `PLANCHECK_LANG` plancheck does not speak is an error, not a silent English.
    public static func resolve(asked: Language?, environment: [String: String], declared: Language?) throws(LanguageError) -> Language {
        if let asked { return asked }
        if let value = environment["PLANCHECK_LANG"], !value.isEmpty {
            guard let l = Language(code: value) else { throw LanguageError(value: value, source: "PLANCHECK_LANG") }
            return l
        }
        if let declared { return declared }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }
}

/// A language named where plancheck looks for one that it does not speak.
public struct LanguageError: Error, Sendable, CustomStringConvertible {
    /// What was written.
    public let value: String
    /// Where: `PLANCHECK_LANG`, `--lang`.
    public let source: String

    public var description: String { text.en }

    /// The message in every language.
    public var text: LocalizedText {
        LocalizedText(en: "\(source)=\(value) is not a language plancheck speaks; use zh (简体中文) or en (English)",
                      zh: "\(source)=\(value) 不是本工具支持的语言；请使用 zh（简体中文）或 en（English）")
    }

    /// The message in `language`.
    public func description(in language: Language) -> String { text.text(language) }
}

extension Language {
    /// One of two texts written in place, the one in this language (`LocalizedText` for a text kept).
    public func pick(_ english: String, _ chinese: String) -> String { self == .zh ? chinese : english }

    /// A `YYYY-MM-DD` date as people write it in this language: `2026-12-31`, or `2026年12月31日` (without the
    /// leading zeros Chinese documents leave out); anything else as it is.
    public func date(_ iso: String) -> String {
        guard self == .zh else { return iso }
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(m), (1...31).contains(d) else { return iso }
        return "\(y)年\(m)月\(d)日"
    }
}
