import Alignment
import Foundation

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

/// A waiver file that could not be read: the message names the file, line and column.
public struct WaiverError: Error, Sendable, CustomStringConvertible {
    /// The waiver file.
    public let file: String
    /// 1-based line and column of the problem, when it is in a line.
    public let line: Int?, column: Int?
    public let description: String

    init(file: String, line: Int? = nil, column: Int? = nil, description: String) {
        self.file = file
        self.line = line
        self.column = column
        self.description = description
    }
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
            case .unreadable: throw WaiverError(file: path, description: "\(path): cannot read the waiver file")
            case .tooLarge(let size):
                throw WaiverError(file: path, description: "\(path): the waiver file \(BoundedRead.describe(size, limit: maxBytes, what: "a waiver file"))")
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WaiverError(file: path, description: "\(path): the waiver file is not UTF-8 text")
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
                throw WaiverError(file: path, line: line, column: 1, description: "\(path):\(line):1: error: the line is \(chars.count) characters long, over the limit of \(maxLineLength) for a waiver")
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
                        throw WaiverError(file: path, line: line, column: col, description: "\(path):\(line):\(col): error: unterminated string; close it with \(close)")
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
            func fail(_ at: Int, _ message: String) -> WaiverError {
                WaiverError(file: path, line: line, column: at, description: "\(path):\(line):\(at): error: \(message)\n  example: waive 5.5 in \"plan.txt\" until 2026-06-30 because \"reason\"")
            }
            guard tokens[0].0 == "waive", !tokens[0].2 else { throw fail(tokens[0].1, "expected 'waive', found '\(tokens[0].0)'") }
            guard tokens.count >= 2 else { throw fail(tokens[0].1, "expected a goal id after 'waive'") }
            var w = Waiver(goal: tokens[1].0, plan: nil, until: nil, reason: "", source: "\(path):\(line)")
            var j = 2
            var sawReason = false
            while j < tokens.count {
                let (word, col, quoted) = tokens[j]
                guard !quoted else { throw fail(col, "expected 'in', 'until' or 'because', found \"\(word)\"") }
                guard j + 1 < tokens.count else { throw fail(col, "expected a value after '\(word)'") }
                let value = tokens[j + 1]
                switch word {
                case "in":
                    w.plan = value.0
                case "until":
                    guard isDate(value.0) else { throw fail(value.1, "expected a date such as 2026-06-30, found '\(value.0)'") }
                    w.until = value.0
                case "because":
                    guard value.2, !value.0.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw fail(value.1, "the reason must be a quoted, non-empty string")
                    }
                    w.reason = value.0
                    sawReason = true
                default:
                    throw fail(col, "expected 'in', 'until' or 'because', found '\(word)'")
                }
                j += 2
            }
            guard sawReason else { throw fail(tokens[0].1, "a waiver needs a reason: because \"…\"") }
            out.append(w)
        }
        return out
    }

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
