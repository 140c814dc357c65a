import Foundation
import Testing
import TestSupport

@Suite struct OutlineCommandTests {
    let hetang = "Samples/hetang-14th-five-year-plan.txt"

    @Test func textOutlineShowsTreeAndNoise() throws {
        let r = try runPlancheck(["outline", hetang])
        #expect(r.status == 0)
        #expect(r.stdout.contains("4 篇 · 16 章 · 49 节 · 6 专栏"))
        #expect(r.stdout.contains("第一节 发展成就"))
        #expect(r.stdout.contains("20 词条"))
        #expect(r.stdout.contains("web page header"))
        #expect(r.stdout.contains("web page footer"))
    }

    @Test func jsonIsTheDocumentModel() throws {
        let r = try runPlancheck(["outline", "--format", "json", hetang])
        #expect(r.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let sections = try #require(root["sections"] as? [[String: Any]])
        #expect(sections.count == 6)   // 4 篇, 名词解释, 附件
        let first = sections[0]
        for key in ["kind", "number", "title", "startLine", "endLine", "children"] { #expect(first[key] != nil, "\(key)") }
        #expect(first["kind"] as? String == "part")
        let sentences = try #require(root["sentences"] as? [[String: Any]])
        for key in ["text", "line", "column", "path"] { #expect(sentences[0][key] != nil, "\(key)") }
        let noise = try #require(root["noise"] as? [[String: Any]])
        for key in ["startLine", "endLine", "reason"] { #expect(noise[0][key] != nil, "\(key)") }
    }

    @Test func jsonIsByteIdenticalAcrossRuns() throws {
        let a = try runPlancheck(["outline", "--format", "json", hetang])
        let b = try runPlancheck(["outline", "--format", "json", hetang])
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.count > 10_000)
    }

    @Test func severalFilesGiveAnArray() throws {
        let r = try runPlancheck(["outline", "--format", "json", hetang, "Samples/zhuzhou-15th-plan-proposal-2025.txt"])
        #expect(r.status == 0)
        let docs = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(docs.count == 2)
    }

    @Test func unreadableFileExitsTwoNamingIt() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.txt")
        try Data(Array("第一章 总则\n发展".utf8) + [0xE5, 0x8F]).write(to: bad)
        let r = try runPlancheck(["outline", bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.txt:2: not valid UTF-8"))
        #expect(r.stderr.contains("byte offset 23"))
        #expect(r.stdout.isEmpty)

        let missing = try runPlancheck(["outline", dir.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.txt: no such file"))
    }

    @Test func randomBytesExitTwoWithOffset() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var state: UInt64 = 7
        let bytes = (0..<2048).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let file = dir.appendingPathComponent("random.bin")
        try Data(bytes).write(to: file)
        let r = try runPlancheck(["outline", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("random.bin"))
        #expect(r.stderr.contains("byte offset"))
    }

    @Test func gb18030FileReadsLikeItsUTF8Original() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(hetang), encoding: .utf8)
        let gb = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let file = dir.appendingPathComponent("hetang-gbk.txt")
        try gb.write(to: file)
        let r = try runPlancheck(["outline", file.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("gb18030 · 548 lines · 4 篇 · 16 章 · 49 节"))
    }

    @Test func usageErrorsExitTwo() throws {
        let r = try runPlancheck(["outline", "--format", "yaml", hetang])
        #expect(r.status == 2)
        #expect(r.stderr.contains("yaml"))
        let none = try runPlancheck(["outline"])
        #expect(none.status == 2)
    }

    @Test func helpTeachesWithAnExample() throws {
        let r = try runPlancheck(["outline", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("plancheck outline Samples/"))
    }
}
