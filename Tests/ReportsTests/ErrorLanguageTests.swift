import Foundation
import Localization
import Testing
@testable import Reports
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// Waiver, baseline and output errors in both languages (issue #16): the English as it was, and Chinese with
/// the same file, line and column.
@Suite struct ErrorLanguageTests {
    /// Expects `zh` to be Chinese: a Chinese character, and no lower-case English word outside `files`,
    /// quoted details and the waiver syntax of an example.
    func expectChinese(_ zh: String, en: String, files: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(zh != en && zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(zh)", sourceLocation: sourceLocation)
        for line in zh.split(separator: "\n") where !line.hasPrefix("  示例：waive ") {
            var rest = String(line)
            for f in files.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: f, with: " ") }
            for pattern in ["“[^”]*”", "because \"…\""] { rest = rest.replacingOccurrences(of: pattern, with: " ", options: .regularExpression) }
            #expect(rest.range(of: "(?<![A-Za-z])[a-z]{3,}", options: .regularExpression) == nil, "untranslated: \(line)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        ("waive 5.5\n", "waivers.txt:1:1: error: a waiver needs a reason", "waivers.txt:1:1: 错误：豁免需要写明理由"),
        ("waive 5.5 because reason\n", "waivers.txt:1:19: error: the reason must be a quoted", "waivers.txt:1:19: 错误：理由必须是加引号的非空字符串"),
        ("waive 5.5 until tomorrow because \"x\"\n", "waivers.txt:1:17: error: expected a date", "waivers.txt:1:17: 错误：应为日期"),
        ("\nwave 5.5 because \"x\"\n", "waivers.txt:2:1: error: expected 'waive'", "waivers.txt:2:1: 错误：应为“waive”，实际为“wave”"),
        ("waive 5.5 because \"x\n", "waivers.txt:1:19: error: unterminated string", "waivers.txt:1:19: 错误：字符串没有结束"),
        ("waive 5.5 for \"x\" because \"y\"\n", "waivers.txt:1:11: error: expected 'in', 'until' or 'because'", "waivers.txt:1:11: 错误：应为“in”“until”或“because”"),
        ("waive\n", "waivers.txt:1:1: error: expected a goal id after 'waive'", "waivers.txt:1:1: 错误：“waive”之后应为目标编号"),
        ("waive 5.5 in\n", "waivers.txt:1:11: error: expected a value after 'in'", "waivers.txt:1:11: 错误：“in”之后应有取值"),
        ("waive 5.5 because \"" + String(repeating: "长", count: 5000) + "\"\n", "waivers.txt:1:1: error: the line is 5020 characters long",
         "waivers.txt:1:1: 错误：该行长 5020 个字符"),
    ])
    func waiverErrorsInBothLanguages(_ text: String, _ english: String, _ chinese: String) {
        let error = #expect(throws: WaiverError.self) { _ = try WaiverFile.parse(text, path: "waivers.txt") }
        guard let error else { return }
        #expect(error.description.hasPrefix(english))
        #expect(error.description(in: .en) == error.description)
        #expect(error.description(in: .zh).hasPrefix(chinese), "\(error.description(in: .zh))")
        expectChinese(error.description(in: .zh), en: error.description, files: ["waivers.txt"])
    }

    @Test func waiverAndBaselineFilesThatCannotBeReadInBothLanguages() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        try Data([0x77, 0xFF, 0xFE]).write(to: dir.appendingPathComponent("豁免.txt"))
        try Data(repeating: 0x23, count: WaiverFile.maxBytes + 1).write(to: dir.appendingPathComponent("大.txt"))
        try Data("{\"version\": 2}".utf8).write(to: dir.appendingPathComponent("v2.json"))
        try Data("[".utf8).write(to: dir.appendingPathComponent("坏.json"))
        let waivers: [(String, String, String)] = [
            (p("无.txt"), "\(p("无.txt")): cannot read the waiver file", "\(p("无.txt")): 无法读取豁免文件"),
            (p("豁免.txt"), "\(p("豁免.txt")): the waiver file is not UTF-8 text", "\(p("豁免.txt")): 豁免文件不是 UTF-8 文本"),
            (p("大.txt"), "\(p("大.txt")): the waiver file is 1048577 bytes, over the limit of 1048576 bytes for a waiver file",
             "\(p("大.txt")): 豁免文件大小为 1048577 字节，超过豁免文件 1048576 字节的上限"),
        ]
        for (path, english, chinese) in waivers {
            let error = #expect(throws: WaiverError.self) { _ = try WaiverFile.read(path: path) }
            #expect(error?.description == english)
            #expect(error?.description(in: .zh) == chinese)
        }
        let baselines: [(String, String, String)] = [
            (p("无.json"), "\(p("无.json")): cannot read the baseline report", "\(p("无.json")): 无法读取基线报告"),
            (p("v2.json"), "\(p("v2.json")): ", "\(p("v2.json")): "),
            (p("坏.json"), "\(p("坏.json")): not a plancheck JSON report (", "\(p("坏.json")): 不是本工具生成的 JSON 报告（“"),
        ]
        for (path, english, chinese) in baselines {
            let error = #expect(throws: ReportReadError.self) { _ = try CheckReport.read(path: path) }
            guard let error else { continue }
            #expect(error.description.hasPrefix(english))
            #expect(error.description(in: .zh).hasPrefix(chinese))
            expectChinese(error.description(in: .zh), en: error.description, files: [path])
        }
    }

    @Test func outputErrorsInBothLanguages() throws {
        let dir = try temporaryFolder().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/a.json"
        _ = FileManager.default.createFile(atPath: dir + "/普通文件", contents: Data())
        let cases: [([String], String, String)] = [
            ([file, dir + "/./a.json"], "cannot write \(dir)/./a.json: is named twice for this run", "无法写入 \(dir)/./a.json：在本次运行中被指定了两次"),
            ([dir], "cannot write \(dir): is a folder", "无法写入 \(dir)：是文件夹"),
            ([dir + "/普通文件/r.json"], "cannot write \(dir)/普通文件/r.json: cannot create the folder \(dir)/普通文件",
             "无法写入 \(dir)/普通文件/r.json：无法创建文件夹 \(dir)/普通文件"),
        ]
        for (destinations, english, chinese) in cases {
            let error = #expect(throws: AtomicWriteError.self) { _ = try OutputSet(destinations: destinations) }
            #expect(error?.description == english)
            #expect(error?.description(in: .en) == english)
            #expect(error?.description(in: .zh) == chinese)
        }
        // Another live run's file: the process is named in both languages.
        let first = try OutputSet(destinations: [file])
        defer { first.discard() }
        let error = #expect(throws: AtomicWriteError.self) { _ = try OutputSet(destinations: [file]) }
        #expect(error?.description == "cannot write \(file): is being written by another plancheck run (process \(getpid())); wait for it to finish, or write elsewhere")
        #expect(error?.description(in: .zh) == "无法写入 \(file)：正被另一次运行写入（进程 \(getpid())）；请等它结束，或写到别处")
    }
}
