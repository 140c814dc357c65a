import Foundation
import Testing
import TestSupport

/// `plancheck extract`: the draft comes out lint-clean, on standard output or atomically into a file.
@Suite struct ExtractCommandTests {
    @Test(arguments: ["Samples/zhuzhou-15th-plan-proposal-2025.txt", "Samples/zhuzhou-14th-plenum-communique-2020.txt"])
    func theDraftPassesLintAsItComesOut(document: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("drafts/draft.rules")
        let r = try runPlancheck(["extract", document, "--output", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("drafted "))
        #expect(r.stderr.contains("→ \(out.path)"))
        // The draft's own coverage of the document, measured as rules coverage measures it, and how to see the rest.
        #expect(r.stderr.contains("the draft checks "))
        #expect(r.stderr.contains("; plancheck rules coverage \(out.path) --source \(document) lists the rest\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path) == ["draft.rules"])
        let lint = try runPlancheck(["rules", "lint", out.path])
        #expect(lint.status == 0)
        #expect(lint.stderr == "0 errors, 0 warnings in 1 file\n")
        let fmt = try runPlancheck(["rules", "fmt", "--check", out.path])
        #expect(fmt.status == 0)
    }

    @Test func theProposalDraftOnStandardOutput() throws {
        let r = try runPlancheck(["extract", "Samples/zhuzhou-15th-plan-proposal-2025.txt"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("drafted 63 goals (numbered items)"))
        #expect(r.stdout.contains("source 建议 = \"中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议\""))
        #expect(r.stdout.contains("goal 6 \"梯度培育制造业产业集群\" {"))
        #expect(r.stdout.contains("cite 建议 item 6 \"坚持优势产业锻长板"))
        #expect(r.stdout.contains("expect target \"陶瓷\" >= 1000亿"))
        // Indicators of the bundled dictionary are named for the author.
        #expect(r.stdout.contains("文中的指标（词典词条）：制造业比重"))
    }

    @Test func theCommuniqueDraftCitesParagraphs() throws {
        let r = try runPlancheck(["extract", "Samples/zhuzhou-14th-plenum-communique-2020.txt", "--source", "全会公报"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("drafted 14 goals (paragraphs opening with 全会提出)"))
        #expect(r.stdout.contains("cite 全会公报 item 4 \"全会提出,坚持制造强市,加快建设更具实力的中国动力谷\""))
        #expect(!r.stdout.contains("勤洗手"))
    }

    @Test func badInputExitsTwo() throws {
        let missing = try runPlancheck(["extract", "no-such-file.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-file.txt"))
        let badName = try runPlancheck(["extract", "Samples/zhuzhou-14th-plenum-communique-2020.txt", "--source", "goal"])
        #expect(badName.status == 2)
        #expect(badName.stderr.contains("--source goal cannot name a source"))
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let unwritable = try runPlancheck(["extract", "Samples/zhuzhou-14th-plenum-communique-2020.txt", "--output", blocker.appendingPathComponent("d.rules").path])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot"))
    }

    @Test func helpShowsAnExample() throws {
        let r = try runPlancheck(["extract", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("plancheck extract Samples/zhuzhou-15th-plan-proposal-2025.txt"))
        #expect(r.stdout.contains("全会提出"))
    }
}
