import Alignment
import DocumentModel
import Foundation
import Localization

/// `plancheck rules matches`'s report: every match of the chosen terms' aliases in the plans, grouped by
/// alias, each in context, so that a rule author sees the false friends (`孵化基地` in 社会组织孵化基地).
public struct MatchesReport: Sendable {
    /// One match, placed and quoted.
    public struct Line: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int
        /// The context with the match in 【】.
        public var context: String
        public var word: String
        public var commitment: String
        /// The same in Chinese.
        public var chineseCommitment: String
        public var excludedBy: String?
    }

    /// The matches of one alias of one term.
    public struct Group: Sendable {
        public var term: String
        public var alias: String
        public var lines: [Line]
    }

    public var groups: [Group]

    /// How many characters of the sentence are shown on each side of a match.
    public static let contextReach = 12

    public init(matches: [(doc: PlanDocument, matches: [AliasMatch])]) {
        var byKey: [String: Group] = [:]
        for (doc, list) in matches {
            for m in list {
                let s = doc.sentences[m.sentence]
                // The sentence as a slice, not copied: a long sentence may hold many matches.
                let text = doc.scalars(of: s)
                let a = max(0, m.range.lowerBound - Self.contextReach), b = min(text.count, m.range.upperBound + Self.contextReach)
                func part(_ r: Range<Int>) -> String {
                    String(String.UnicodeScalarView(text[(text.startIndex + r.lowerBound)..<(text.startIndex + r.upperBound)]))
                }
                let context = (a > 0 ? "…" : "") + part(a..<m.range.lowerBound) + "【" + part(m.range) + "】"
                    + part(m.range.upperBound..<b) + (b < text.count ? "…" : "")
                let line = Line(file: doc.file, line: s.line, column: doc.originalColumns(of: s, m.range).lowerBound,
                                context: context, word: m.word, commitment: m.commitment.description,
                                chineseCommitment: m.commitment.chinese, excludedBy: m.excludedBy)
                byKey[m.term + "\u{0}" + m.alias, default: Group(term: m.term, alias: m.alias, lines: [])].lines.append(line)
            }
        }
        groups = byKey.keys.sorted().map { byKey[$0]! }
    }

    /// The terminal report in `language`: per alias, its matches; excluded ones marked, as they do not count.
    public func text(language: Language = .en) -> String {
        guard !groups.isEmpty else { return language.pick("no alias of the chosen terms occurs in the plans\n", "所选词语的别名在规划中都没有出现\n") }
        var out = ""
        for g in groups {
            let n = g.lines.count, excluded = n - g.lines.filter { $0.excludedBy == nil }.count
            out += language.pick("\(g.term) — “\(g.alias)”: \(n) match\(n == 1 ? "" : "es")" + (excluded > 0 ? ", \(excluded) excluded" : ""),
                       "\(g.term)——“\(g.alias)”：\(n) 处" + (excluded > 0 ? "，其中 \(excluded) 处被排除" : "")) + "\n"
            for l in g.lines {
                let how = language == .zh ? l.chineseCommitment : l.commitment
                out += "  \(l.file):\(l.line):\(l.column)  \(l.context)  [\(l.word)" + language.pick("; ", "；") + how
                    + (l.excludedBy.map { language.pick("; excluded by “\($0)”", "；被“\($0)”排除") } ?? "") + "]\n"
            }
        }
        let total = groups.reduce(0) { $0 + $1.lines.count }
        out += language.pick("\(total) match\(total == 1 ? "" : "es") of \(groups.count) alias\(groups.count == 1 ? "" : "es")\n",
                   "\(groups.count) 个别名共 \(total) 处\n")
        return out
    }
}
