import Localization
import RuleLanguage

/// One place in a plan that bears on a goal: the sentence, where it is, and what was found in it.
public struct Evidence: Sendable, Hashable, Codable {
    /// The plan file.
    public var file: String
    /// 1-based line and column (in characters of the original line) of the matched words, or of the
    /// sentence when nothing in particular was matched.
    public var line: Int
    public var column: Int
    /// The heading labels above the sentence, outermost first: `["第三篇", "第六章", "第一节"]`.
    public var path: [String]
    /// The sentence, normalized.
    public var text: String
    /// The words that matched, as they stand in the sentence, if any.
    public var match: String?
    /// Where the match is in `text` (offsets in characters), so reports can highlight it.
    public var matchStart: Int?
    public var matchEnd: Int?
    /// The quantities found in the sentence, as `≥3.3%@2025`.
    public var quantities: [String]
    /// How firmly the sentence commits (for goals), if it was classed.
    public var commitment: String?
    /// The element's XPath, for structured plans.
    public var xpath: String?
    /// For a suggestion, its similarity score (higher is closer).
    public var score: Double?

    public init(file: String, line: Int, column: Int, path: [String], text: String, match: String? = nil,
                matchStart: Int? = nil, matchEnd: Int? = nil, quantities: [String] = [], commitment: String? = nil,
                xpath: String? = nil, score: Double? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.text = text
        self.match = match
        self.matchStart = matchStart
        self.matchEnd = matchEnd
        self.quantities = quantities
        self.commitment = commitment
        self.xpath = xpath
        self.score = score
    }
}

/// The city sentence a goal answers to.
public struct CitationInfo: Sendable, Hashable, Codable {
    /// The document's full title.
    public var document: String
    /// The short name the rules use for it (`建议`), if any.
    public var short: String?
    /// The item or paragraph, if given.
    public var item: String?
    /// The quoted sentence, if given.
    public var quote: String?
}

/// Where a goal or retirement is written in the rules.
public struct RuleLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
}

/// The verdict on one goal (or one retired term) in one plan, with the evidence for it.
public struct Finding: Sendable, Hashable, Codable {
    /// What kind of rule produced it.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A city goal and whether the plan carries it.
        case goal
        /// A retired term the plan still uses.
        case retirement
        /// A binding (约束性) indicator the goal asks for, absent from the plan's indicator table.
        case indicator
    }

    public var kind: Kind
    /// The goal's id, or for a retirement the first retired word.
    public var goal: String
    public var title: String
    public var status: Status
    /// For a gap, the severity of the most serious clause that failed; for a covered goal, the goal's own.
    public var severity: Severity
    public var area: String?
    public var weight: Double
    public var tags: [String]
    /// One sentence saying what was found and what is missing, in English: fingerprints and rule tests
    /// read it, so it does not change with the report's language.
    public var message: String
    /// The message in Chinese, when the engine made it (a finding read back from an earlier report has none).
    public var chineseMessage: String?
    public var citation: CitationInfo?
    /// The plan file.
    public var plan: String
    /// Where in the plan the verdict comes from (commitments, mentions, conflicting values, retired words).
    public var evidence: [Evidence]
    /// For missing goals: the closest passages, offered as suggestions only.
    public var suggestions: [Evidence]
    /// Where the rule is written.
    public var rule: RuleLocation
    /// A stable identity across drafts: goal, plan file name, status and message — never a line number,
    /// so edits elsewhere in the plan do not change it. Set when the report is made.
    public var fingerprint: String?
    /// The waiver that accepts this gap on purpose, if any.
    public var waiver: AppliedWaiver?
    /// With a baseline: `new` when the previous report did not have this finding, else `unchanged`.
    public var baseline: String?

    /// The message in `language` (English where no Chinese was made).
    public func message(in language: Language) -> String {
        language == .zh ? chineseMessage ?? message : message
    }

    // The Chinese message is not part of the report's JSON: a report speaks one language (`message`).
    enum CodingKeys: String, CodingKey {
        case kind, goal, title, status, severity, area, weight, tags, message, citation, plan, evidence, suggestions, rule,
             fingerprint, waiver, baseline
    }

    /// Whether the finding is a gap (anything but covered, or a goal for other places).
    public var isGap: Bool { status != .covered && status != .notApplicable }

    /// Whether the gap counts against the plan: a gap not waived.
    public var isOpenGap: Bool { isGap && waiver == nil }
}

/// A waiver as applied to a finding: why the gap is accepted, and until when.
public struct AppliedWaiver: Sendable, Hashable, Codable {
    public var reason: String
    /// `YYYY-MM-DD`, if the waiver expires.
    public var expires: String?
    /// Where the waiver is written: `file:line`.
    public var source: String

    public init(reason: String, expires: String?, source: String) {
        self.reason = reason
        self.expires = expires
        self.source = source
    }
}
