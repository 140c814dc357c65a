import Foundation
import Localization

/// The rule sets shipped with plancheck (the repository's `Rules/`, copied into this target's resources).
public enum BundledRules {
    /// The newest city rule set, used when a request names none.
    public static let defaultName = "zhuzhou/15th"

    /// A bundled rule set or dictionary, by its path under `Rules/` (`zhuzhou/15th`, `common`).
    public static func path(of relative: String) throws(CheckError) -> String {
        guard let url = Bundle.module.url(forResource: "Rules", withExtension: nil) else {
            throw CheckError(LocalizedText(en: "the bundled rules are missing from this build; pass --rules PATH",
                                           zh: "此构建中缺少内置规则；请用 --rules PATH 指定规则"))
        }
        return url.appendingPathComponent(relative).path
    }
}
