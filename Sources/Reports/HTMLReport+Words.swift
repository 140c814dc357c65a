import Alignment
import Localization
import RuleLanguage

extension LocalizedText {
    /// The English text with a capital first letter, as a heading or label writes a vocabulary word.
    var capitalized: LocalizedText { LocalizedText(en: en.prefix(1).uppercased() + en.dropFirst(), zh: zh) }
}

extension HTMLReport {
    /// The first choice of every filter.
    static let all = L("all", "全部")

    /// How many findings the table holds, as the line above it says before any filter.
    static func findings(_ n: Int) -> LocalizedText { L("\(n) finding" + (n == 1 ? "" : "s"), "共 \(n) 条检查结果") }

    static func title(_ f: Finding) -> LocalizedText { L(f.title(in: .en), f.title(in: .zh)) }

    static func message(_ f: Finding) -> LocalizedText { L(f.message(in: .en), f.message(in: .zh)) }

    static func severityLabel(_ s: Severity) -> LocalizedText {
        let mark = switch s {
        case .error: "✖ "
        case .warning: "⚠ "
        case .info: "ℹ "
        }
        return L(mark) + s.word.both
    }

    /// What a status means, for tooltips and the legend.
    static func statusMeaning(_ status: Status) -> LocalizedText {
        switch status {
        case .covered:
            L("carried as a commitment: named and committed to with a quantity, a deadline or a commitment verb",
              "作为任务落实：写明了该事项，并有数量、期限或落实性的动词（如“确保”“建成”）")
        case .weak:
            L("mentioned, but never committed to (only in passing, in the review of the past, the vision or the glossary)",
              "有提及，但没有作为任务落实（只是顺带提及，或只出现在发展回顾、远景展望或名词解释中）")
        case .missing:
            L("not found anywhere in scope; the closest passages, if any, are suggestions",
              "在检查范围内没有找到；如列出相近表述，仅供参考")
        case .conflicting:
            L("committed to less than the city asks, a later year, or the wrong unit",
              "承诺低于上级要求、年份晚于上级要求，或单位不符")
        case .outdated:
            L("uses a term the city has retired", "使用了上级已停用的表述")
        case .notApplicable:
            L("the goal is for other places (applies 醴陵市…): not checked in this plan, and left out of coverage",
              "该目标适用于其他地方（applies 醴陵市…）：本规划不检查，也不计入衔接率")
        }
    }
}
