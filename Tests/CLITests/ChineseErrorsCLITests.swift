import Foundation
import Testing
import TestSupport

/// The errors a user sees for bad input (`error: …`, exit 2) in Chinese when the run speaks Chinese — by
/// `--lang zh`, `PLANCHECK_LANG=zh`, a `zh` locale, or the rule set's `language zh` — and in English, unchanged,
/// otherwise (issue #16). Each names the file, and the line where it is known.
@Suite struct ChineseErrorsCLITests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    /// Three ways to ask for Chinese: extra arguments and the environment.
    static let chineseWays: [(arguments: [String], environment: [String: String])] = [
        (["--lang", "zh"], [:]),
        ([], ["PLANCHECK_LANG": "zh"]),
        ([], ["PLANCHECK_LANG": "", "LANG": "zh_CN.UTF-8"]),
    ]

    /// A folder of broken inputs, removed after the test.
    final class Inputs {
        let dir: URL
        init() throws {
            dir = try temporaryFolder()
            let cjk = Array("第一章 总则，坚持发展先进制造业。".utf8)
            try Data(cjk + [0x0A] + cjk + [0xFF] + cjk).write(to: path("乱码.txt"))
            try Data("<?xml version=\"1.0\"?>\n<plan>\n  <p>未闭合\n</plan>\n".utf8).write(to: path("计划.xml"))
            try Data("plain text, not a zip".utf8).write(to: path("计划.docx"))
            try Data("# 豁免\nwaive 5.5 until 2026-13-01 because \"另行衔接\"\n".utf8).write(to: path("豁免.txt"))
            try Data("{\"version\": 1".utf8).write(to: path("基线.json"))
            try FileManager.default.createDirectory(at: path("报告"), withIntermediateDirectories: true)
        }
        func path(_ name: String) -> URL { dir.appendingPathComponent(name) }
        deinit { try? FileManager.default.removeItem(at: dir) }
    }

    /// One bad input: the command line, and what its English error begins with (after `plancheck: error: `).
    struct BadInput: CustomStringConvertible {
        var name: String
        var arguments: [String]
        var english: String
        /// The file the error names, and its line when known (`file:line:`).
        var place: String
        /// Whether the command has `--lang`.
        var hasLang = true
        var environment: [String: String] = [:]
        var description: String { name }
    }

    func badInputs(_ inputs: Inputs) -> [BadInput] {
        let p = { (name: String) in inputs.path(name).path }
        let check = ["check", "--rules", fixtureRules]
        return [
            BadInput(name: "a missing plan", arguments: check + [p("无此规划.txt")], english: "\(p("无此规划.txt")): no such file", place: p("无此规划.txt") + ":"),
            BadInput(name: "an undecodable plan", arguments: check + [p("乱码.txt")],
                     english: "\(p("乱码.txt")):2: not valid UTF-8 text: invalid byte 0xFF at byte offset 99 (line 2)", place: p("乱码.txt") + ":2:"),
            BadInput(name: "a broken plan XML", arguments: check + [p("计划.xml")],
                     english: "\(p("计划.xml")):4:8: XML error: Opening and ending tag mismatch", place: p("计划.xml") + ":4:8:"),
            BadInput(name: "a bad .docx", arguments: check + [p("计划.docx")],
                     english: "\(p("计划.docx")): not a .docx: cannot be opened as a zip archive (", place: p("计划.docx") + ":"),
            BadInput(name: "a bad waiver file", arguments: check + [hetang, "--waivers", p("豁免.txt")],
                     english: "\(p("豁免.txt")):2:17: error: expected a date such as 2026-06-30, found '2026-13-01'", place: p("豁免.txt") + ":2:17:"),
            BadInput(name: "a bad baseline", arguments: check + [hetang, "--baseline", p("基线.json")],
                     english: "\(p("基线.json")): not a plancheck JSON report (", place: p("基线.json") + ":"),
            BadInput(name: "an unwritable output", arguments: check + [hetang, "--json", p("报告")],
                     english: "cannot write \(p("报告")): is a folder", place: p("报告")),
            BadInput(name: "a bad SOURCE_DATE_EPOCH", arguments: check + [hetang],
                     english: "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not \"昨天\"", place: "SOURCE_DATE_EPOCH",
                     environment: ["SOURCE_DATE_EPOCH": "昨天"]),
            BadInput(name: "outline of a broken plan XML", arguments: ["outline", p("计划.xml")],
                     english: "\(p("计划.xml")):4:8: XML error: Opening and ending tag mismatch", place: p("计划.xml") + ":4:8:"),
            BadInput(name: "extract of an undecodable document", arguments: ["extract", p("乱码.txt")],
                     english: "\(p("乱码.txt")):2: not valid UTF-8 text", place: p("乱码.txt") + ":2:", hasLang: false),
            BadInput(name: "rules coverage of a bad .docx", arguments: ["rules", "coverage", fixtureRules, "--source", p("计划.docx")],
                     english: "\(p("计划.docx")): not a .docx", place: p("计划.docx") + ":"),
            BadInput(name: "rules matches of a missing plan", arguments: ["rules", "matches", fixtureRules, p("无此规划.txt")],
                     english: "\(p("无此规划.txt")): no such file", place: p("无此规划.txt") + ":"),
        ]
    }

    /// Expects `stderr` to be one Chinese error naming `place`: `plancheck: 错误：`, then no lower-case English
    /// word outside the files named, option names and quoted details (libxml2's and the system's own English).
    static func expectChinese(_ stderr: String, place: String, files: [String], _ what: CustomStringConvertible,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("plancheck: 错误：") == true, "\(what): \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.contains(place), "\(what): \(stderr)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("error:"), "\(what): \(stderr)", sourceLocation: sourceLocation)
        // A waiver's example line shows the waiver syntax itself, which has no translation.
        for line in lines where !line.hasPrefix("  示例：waive ") {
            var rest = String(line.dropFirst("plancheck: ".count))
            for f in files.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: f, with: " ") }
            for pattern in ["“[^”]*”", "\"[^\"]*\"", "--[a-z-]+", "\\.docx", "\\bzip\\b", "plancheck rules lint"] {
                rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            if let r = rest.range(of: "(?<![A-Za-z])[a-z]{3,}", options: .regularExpression) {
                Issue.record("\(what): untranslated \"\(rest[r])\" in \(line)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func badInputGivesAChineseErrorInAChineseRun() throws {
        let inputs = try Inputs()
        let names = ["无此规划.txt", "乱码.txt", "计划.xml", "计划.docx", "豁免.txt", "基线.json", "报告"]
        let files = names.map { inputs.path($0).path } + [fixtureRules, hetang]
        for bad in badInputs(inputs) {
            for way in Self.chineseWays where bad.hasLang || way.arguments.isEmpty {
                let r = try runPlancheck(bad.arguments + way.arguments, environment: bad.environment.merging(way.environment) { $1 })
                #expect(r.status == 2, "\(bad) \(way): \(r.stderr)")
                Self.expectChinese(r.stderr, place: bad.place, files: files, "\(bad) \(way)")
            }
        }
    }

    @Test func badInputGivesTheSameEnglishErrorAsBefore() throws {
        let inputs = try Inputs()
        for bad in badInputs(inputs) {
            for environment in [[:], ["PLANCHECK_LANG": "", "LANG": "en_US.UTF-8"]] {
                let r = try runPlancheck(bad.arguments + (bad.hasLang ? ["--lang", "en"] : []), environment: bad.environment.merging(environment) { $1 })
                #expect(r.status == 2, "\(bad): \(r.stderr)")
                #expect(r.stderr.hasPrefix("plancheck: error: " + bad.english), "\(bad): \(r.stderr)")
                #expect(!r.stderr.contains("错误"), "\(bad): \(r.stderr)")
            }
        }
        // The waiver's example stays as it was.
        let r = try runPlancheck(["check", "--rules", fixtureRules, hetang, "--waivers", inputs.path("豁免.txt").path])
        #expect(r.stderr.hasSuffix("\n  example: waive 5.5 in \"plan.txt\" until 2026-06-30 because \"reason\"\n"), "\(r.stderr)")
    }

    /// The lines on unused and expired waivers (exit 1, not 2) speak the run's language too.
    @Test func waiverWarningsSpeakTheRunsLanguage() throws {
        let arguments = ["check", hetang, "--rules", fixtureRules, "--today", "2026-06-01", "--waivers", "Tests/Fixtures/Golden/waivers.txt"]
        let zh = try runPlancheck(arguments + ["--lang", "zh"])
        #expect(zh.status == 1)
        #expect(zh.stderr.contains("Tests/Fixtures/Golden/waivers.txt:4: 警告：目标 9.9 的豁免未被使用：没有对应的问题\n"), "\(zh.stderr)")
        #expect(zh.stderr.contains("Tests/Fixtures/Golden/waivers.txt:3: 错误：目标 5.3 的豁免已于 2026年1月1日 到期\n"), "\(zh.stderr)")
        let en = try runPlancheck(arguments)
        #expect(en.stderr.contains("Tests/Fixtures/Golden/waivers.txt:4: warning: unused waiver for 9.9: no such gap\n"), "\(en.stderr)")
        #expect(en.stderr.contains("Tests/Fixtures/Golden/waivers.txt:3: error: the waiver for 5.3 expired on 2026-01-01\n"), "\(en.stderr)")
    }

    /// A `PLANCHECK_LANG` plancheck does not speak: an error in the locale's language (Chinese for `zh_CN`).
    @Test func anUnknownPlancheckLangIsAnErrorInTheLocalesLanguage() throws {
        let inputs = try Inputs()
        for arguments in [["check", "--rules", fixtureRules, hetang], ["outline", hetang], ["rules", "matches", fixtureRules, hetang]] {
            let zh = try runPlancheck(arguments, environment: ["PLANCHECK_LANG": "fr", "LANG": "zh_CN.UTF-8"])
            #expect(zh.status == 2)
            #expect(zh.stderr == "plancheck: 错误：PLANCHECK_LANG=fr 不是本工具支持的语言；请使用 zh（简体中文）或 en（English）\n", "\(zh.stderr)")
            Self.expectChinese(zh.stderr, place: "PLANCHECK_LANG=fr", files: [inputs.dir.path], arguments)
            let en = try runPlancheck(arguments, environment: ["PLANCHECK_LANG": "fr", "LANG": "C.UTF-8"])
            #expect(en.status == 2)
            #expect(en.stderr == "plancheck: error: PLANCHECK_LANG=fr is not a language plancheck speaks; use zh (简体中文) or en (English)\n")
            // --lang wins: PLANCHECK_LANG is not looked at.
            let asked = try runPlancheck(arguments + ["--lang", "zh"], environment: ["PLANCHECK_LANG": "fr"])
            #expect(!asked.stderr.contains("PLANCHECK_LANG"), "\(asked.stderr)")
        }
    }

    /// Once a rule set that declares `language zh` is loaded, a later error is in Chinese on a `C` machine.
    @Test func theRuleSetsLanguageChoosesOnceItIsLoaded() throws {
        let inputs = try Inputs()
        let missing = inputs.path("无此规划.txt").path
        for arguments in [["check", missing], ["check", "--rules", "Rules/zhuzhou/15th", missing],
                          ["rules", "matches", "Rules/zhuzhou/15th", missing], ["rules", "coverage", "Rules/zhuzhou/15th", "--source", missing]] {
            let r = try runPlancheck(arguments, environment: ["PLANCHECK_LANG": "", "LANG": "C.UTF-8"])
            #expect(r.status == 2)
            #expect(r.stderr == "plancheck: 错误：\(missing): 文件不存在\n", "\(arguments): \(r.stderr)")
        }
        // Rules that declare no language leave it to the locale.
        let r = try runPlancheck(["check", "--rules", fixtureRules, missing], environment: ["PLANCHECK_LANG": "", "LANG": "C.UTF-8"])
        #expect(r.stderr == "plancheck: error: \(missing): no such file\n")
    }
}
