import Foundation
import Localization

/// The language `--help` and the commands' descriptions speak: `--lang` on the command line, else
/// `PLANCHECK_LANG`, else the locale. Help is shown before any rules are read, so their `language` cannot
/// choose it.
let helpLanguage: Language = {
    let arguments = CommandLine.arguments.prefix { $0 != "--" }
    var asked: Language?
    for (i, a) in arguments.enumerated() {
        if a == "--lang", i + 1 < arguments.count { asked = Language(code: arguments[i + 1]) }
        if a.hasPrefix("--lang=") { asked = Language(code: String(a.dropFirst("--lang=".count))) }
    }
    return (try? Language.resolve(asked: asked, environment: ProcessInfo.processInfo.environment, declared: nil)) ?? .en
}()

/// A text of the command line's help in its language (both are written where the option is declared).
func say(_ english: String, _ chinese: String) -> String { helpLanguage.pick(english, chinese) }

/// ArgumentParser's own words in a help page or a usage error (its headings, the `--help` flag, defaults, its
/// error sentences), in Chinese when the help speaks it; plancheck's own texts are already in that language.
func localizedHelp(_ text: String) -> String {
    guard helpLanguage == .zh else { return text }
    var out = text
    // Usage errors: the sentence first (its quotes are the user's words), then the labels.
    for (pattern, chinese) in [
        (#"Missing expected argument '([^\n]*)'"#, "缺少参数 '$1'"),
        (#"Unknown option '([^\n]*)'"#, "未知选项 '$1'"),
        (#"Unexpected argument '([^\n]*)'"#, "多余的参数 '$1'"),
        (#"Missing value for '([^\n]*)'"#, "'$1' 缺少取值"),
        (#"The value '([^\n]*)' is invalid for '([^\n]*)'\. Please provide one of ([^\n]*)\."#, "'$2' 的取值 '$1' 无效，请给出其中之一：$3。"),
        (#"The value '([^\n]*)' is invalid for '([^\n]*)'"#, "'$2' 的取值 '$1' 无效"),
        (#"  See '([^\n]*)' for more information\."#, "  运行 '$1' 查看更多信息。"),
        (#"(?m)^Error: "#, "错误："), (#"(?m)^Help: "#, "说明："), (#"(?m)^Usage: "#, "用法："),
    ] {
        out = out.replacingOccurrences(of: pattern, with: chinese, options: .regularExpression)
    }
    // The choices ArgumentParser lists as `'a', 'b' or 'c'`: `'a'、'b'、'c'`.
    out = out.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        guard let r = line.range(of: "请给出其中之一：") else { return String(line) }
        return line[..<r.upperBound] + line[r.upperBound...].replacingOccurrences(of: "' or '", with: "'、'")
            .replacingOccurrences(of: "', '", with: "'、'")
    }.joined(separator: "\n")
    for (english, chinese) in [
        ("OVERVIEW: ", "概述："), ("USAGE: ", "用法："), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
        ("SUBCOMMANDS:", "子命令："), ("READING PLANS:", "读取规划："), ("Show help information.", "显示帮助信息。"),
        ("Show the version.", "显示版本。"),
        ("  See 'plancheck help <subcommand>' for detailed help.", "  运行 'plancheck help <子命令>' 查看详细帮助。"),
    ] {
        out = out.replacingOccurrences(of: english, with: chinese)
    }
    // `(values: a, b; default: a)`, wrapped anywhere: `（可选值：a, b；默认：a）`, without the space before it.
    out = out.replacingOccurrences(of: #" ?\((values|default):\s*([^)]*)\)"#, with: "（$1：$2）", options: .regularExpression)
    out = out.replacingOccurrences(of: "（values：", with: "（可选值：").replacingOccurrences(of: "（default：", with: "（默认：")
    out = out.replacingOccurrences(of: #"; ?\n?(\s*)default: "#, with: "；$1默认：", options: .regularExpression)
    return out
}
