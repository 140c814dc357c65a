import Alignment
import Foundation
import Localization

/// A gap accepted on purpose: which goal (and optionally which plan), why, and until when.
public struct Waiver: Sendable, Hashable, Codable {
    /// The goal id (`5.5`), or `retire:十九大` for a retired term.
    public var goal: String
    /// The plan it applies to (a path or a file name), or nil for every plan.
    public var plan: String?
    /// `YYYY-MM-DD`: the last day the waiver holds.
    public var until: String?
    public var reason: String
    /// Where it is written: `file:line`.
    public var source: String
}

/// A waiver file that could not be read: the message names the file, line and column, in every language.
public struct WaiverError: Error, Sendable, CustomStringConvertible {
    /// The waiver file.
    public let file: String
    /// 1-based line and column of the problem, when it is in a line.
    public let line: Int?, column: Int?
    /// The whole message, in every language.
    public let text: LocalizedText

    init(file: String, line: Int? = nil, column: Int? = nil, description: LocalizedText) {
        self.file = file
        self.line = line
        self.column = column
        self.text = description
    }

    /// The message in English.
    public var description: String { text.en }

    /// The message in `language`.
    public func description(in language: Language) -> String { text.text(language) }
}

/// Reads waiver files: one waiver per line, `#` starts a comment.
///
///     waive 5.5 because "区级基层治理专项规划另行衔接"
///     waive 6 in "hetang-14th-five-year-plan.txt" until 2026-06-30 because "产业集群目标待市里分解"
///     waive retire:十九大 because "引用上级文件原文"
public enum WaiverFile {
    /// The largest waiver file read: one line per gap accepted, so a megabyte is thousands of waivers.
    public static let maxBytes = 1 << 20
    /// The longest line read, in characters: a waiver is a goal, a plan, a date and a reason.
    public static let maxLineLength = 4_096

    public static func read(path: String) throws(WaiverError) -> [Waiver] {
        let data: Data
        do { data = try BoundedRead.read(path, limit: maxBytes) } catch {
            switch error {
            case .unreadable:
                throw WaiverError(file: path, description: LocalizedText(en: "\(path): cannot read the waiver file", zh: "\(path): 无法读取豁免文件"))
            case .tooLarge(let size):
                let why = BoundedRead.describe(size, limit: maxBytes, what: LocalizedText(en: "a waiver file", zh: "豁免文件"))
                throw WaiverError(file: path, description: LocalizedText(en: "\(path): the waiver file \(why.en)", zh: "\(path): 豁免文件\(why.zh)"))
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WaiverError(file: path, description: LocalizedText(en: "\(path): the waiver file is not UTF-8 text", zh: "\(path): 豁免文件不是 UTF-8 文本"))
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(WaiverError) -> [Waiver] {
        var out: [Waiver] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = i + 1
            var tokens: [(String, Int, Bool)] = []   // text, column, quoted
            let chars = Array(raw.replacingOccurrences(of: "\r", with: ""))
            guard chars.count <= maxLineLength else {
                throw WaiverError(file: path, line: line, column: 1, description: LocalizedText(
                    en: "\(path):\(line):1: error: the line is \(chars.count) characters long, over the limit of \(maxLineLength) for a waiver",
                    zh: "\(path):\(line):1: 错误：该行长 \(chars.count) 个字符，超过一条豁免 \(maxLineLength) 个字符的上限"))
            }
            var k = 0
            while k < chars.count {
                let c = chars[k]
                if c == "#" { break }
                if c == " " || c == "\t" || c == "\u{3000}" { k += 1; continue }
                let col = k + 1
                if c == "\"" || c == "“" {
                    let close: Character = c == "\"" ? "\"" : "”"
                    var s = ""
                    k += 1
                    while k < chars.count, chars[k] != close { s.append(chars[k]); k += 1 }
                    guard k < chars.count else {
                        throw WaiverError(file: path, line: line, column: col, description: LocalizedText(
                            en: "\(path):\(line):\(col): error: unterminated string; close it with \(close)",
                            zh: "\(path):\(line):\(col): 错误：字符串没有结束；请用 \(close) 闭合"))
                    }
                    k += 1
                    tokens.append((s, col, true))
                } else {
                    var s = ""
                    while k < chars.count, !" \t\u{3000}\"“#".contains(chars[k]) { s.append(chars[k]); k += 1 }
                    tokens.append((s, col, false))
                }
            }
            guard !tokens.isEmpty else { continue }
            func fail(_ at: Int, _ message: LocalizedText) -> WaiverError {
                WaiverError(file: path, line: line, column: at, description: LocalizedText(
                    en: "\(path):\(line):\(at): error: \(message.en)\n  example: waive 5.5 in \"plan.txt\" until 2026-06-30 because \"reason\"",
                    zh: "\(path):\(line):\(at): 错误：\(message.zh)\n  示例：waive 5.5 in \"规划.txt\" until 2026-06-30 because \"理由\""))
            }
            guard tokens[0].0 == "waive", !tokens[0].2 else { throw fail(tokens[0].1, LocalizedText(en: "expected 'waive', found '\(tokens[0].0)'", zh: "应为“waive”，实际为“\(tokens[0].0)”")) }
            guard tokens.count >= 2 else { throw fail(tokens[0].1, LocalizedText(en: "expected a goal id after 'waive'", zh: "“waive”之后应为目标编号")) }
            var w = Waiver(goal: tokens[1].0, plan: nil, until: nil, reason: "", source: "\(path):\(line)")
            var j = 2
            var sawReason = false
            while j < tokens.count {
                let (word, col, quoted) = tokens[j]
                guard !quoted else { throw fail(col, LocalizedText(en: "expected 'in', 'until' or 'because', found \"\(word)\"", zh: "应为“in”“until”或“because”，实际为“\(word)”")) }
                guard j + 1 < tokens.count else { throw fail(col, LocalizedText(en: "expected a value after '\(word)'", zh: "“\(word)”之后应有取值")) }
                let value = tokens[j + 1]
                switch word {
                case "in":
                    w.plan = value.0
                case "until":
                    guard isDate(value.0) else { throw fail(value.1, LocalizedText(en: "expected a date such as 2026-06-30, found '\(value.0)'", zh: "应为日期，如 2026-06-30，实际为“\(value.0)”")) }
                    w.until = value.0
                case "because":
                    guard value.2, !value.0.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw fail(value.1, LocalizedText(en: "the reason must be a quoted, non-empty string", zh: "理由必须是加引号的非空字符串"))
                    }
                    w.reason = value.0
                    sawReason = true
                default:
                    throw fail(col, LocalizedText(en: "expected 'in', 'until' or 'because', found '\(word)'", zh: "应为“in”“until”或“because”，实际为“\(word)”"))
                }
                j += 2
            }
            guard sawReason else { throw fail(tokens[0].1, LocalizedText(en: "a waiver needs a reason: because \"…\"", zh: "豁免需要写明理由：because \"…\"")) }
            out.append(w)
        }
        return out
    }

    /// Whether `s` is a day of the calendar written `YYYY-MM-DD` (`--today`; 2026-02-30 is not one).
    public static func isCalendarDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }

    /// A waiver's `until` date: looser than `isCalendarDate` (any day 1–31), as waiver files have always been read.
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return y > 1900 && (1...12).contains(m) && (1...31).contains(d)
    }
}

/// What applying waivers did: how many gaps were waived, which waivers had expired, which matched nothing.
public struct WaiverSummary: Sendable, Hashable, Codable {
    public var waived: Int
    public var expired: [Waiver]
    public var unused: [Waiver]

    /// Marks the gaps the waivers accept; `today` is `YYYY-MM-DD`.
    public static func apply(_ waivers: [Waiver], to findings: inout [Finding], today: String) -> WaiverSummary {
        var tally = WaiverTally(waivers, today: today)
        tally.apply(to: &findings)
        return tally.summary
    }

    static func matches(_ w: Waiver, _ f: Finding) -> Bool {
        guard w.goal == f.goal else { return false }
        guard let plan = w.plan else { return true }
        return plan == f.plan || (f.plan as NSString).lastPathComponent == plan
    }
}

/// Waivers applied plan by plan, with what they did so far: which were used, which had expired.
struct WaiverTally {
    let waivers: [Waiver]
    let today: String
    private var used = Set<Int>()
    private var expired: [Waiver] = []
    private var waived = 0

    init(_ waivers: [Waiver], today: String) {
        self.waivers = waivers
        self.today = today
    }

    /// Marks the gaps among `findings` that a waiver accepts (the first waiver that matches decides).
    mutating func apply(to findings: inout [Finding]) {
        for i in findings.indices where findings[i].isGap {
            let f = findings[i]
            guard let (k, w) = waivers.enumerated().first(where: { WaiverSummary.matches($0.element, f) }) else { continue }
            used.insert(k)
            if let until = w.until, until < today {
                if !expired.contains(w) { expired.append(w) }
                continue
            }
            findings[i].waiver = AppliedWaiver(reason: w.reason, expires: w.until, source: w.source)
            waived += 1
        }
    }

    var summary: WaiverSummary {
        WaiverSummary(waived: waived, expired: expired, unused: waivers.enumerated().filter { !used.contains($0.offset) }.map(\.element))
    }
}
