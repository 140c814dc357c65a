import Alignment
import DocumentModel
import Foundation
import RuleLanguage
import Testing
@testable import Reports
import TestSupport

/// The report made plan by plan, its findings streamed to disk, must be the report made all at once.
@Suite struct StreamedReportTests {
    /// The two plans of `formatsReport`, checked one at a time through a builder that keeps no findings.
    func streamed(to path: String?, waivers: [Waiver]? = nil, baseline: (path: String, report: CheckReport)? = nil,
                  limit: Int = 0) throws -> (ReportBuilder, CheckReport, StreamedJSONReport) {
        let rules = RuleSetLoader.load(path: repositoryRoot.appendingPathComponent(fixtureRules).path)
        let engine = try AlignmentEngine(ruleSet: rules.ruleSet)
        let whole = try formatsReport(waivers: waivers, baseline: baseline)
        var builder = ReportBuilder(rulesPath: "Rules/zhuzhou/15th", ruleSet: rules.ruleSet, waivers: waivers, today: "2026-01-01",
                                    baseline: baseline, keepFindings: false, limit: limit)
        let stream = try StreamedJSONReport(destination: path, withBaseline: baseline != nil)
        for plan in whole.plans {
            let bytes = plan.file.hasPrefix("Samples/")
                ? [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent(plan.file)))
                : Array(draftText.utf8)
            let doc = TextPlanReader.read(try SourceText(bytes: bytes, file: plan.file))
            builder.add(plan: CheckReport.PlanInfo(doc, bytes: bytes))
            try stream.append(builder.add(engine.check(doc)))
        }
        return (builder, builder.finish(), stream)
    }

    let draftText = """
    第一章 指导思想
    深入贯彻党的二十大精神,建设制造名城、幸福株洲,打造国家重要先进制造业高地。
    第二章 产业 | 创新 <b>
    推动陶瓷产业集群迈上千亿台阶,到2030年先进硬质材料产业规模突破1000亿元。
    """

    @Test func sameBytesAsTheWholeReport() throws {
        let dir = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask,
                                              appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()), create: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let w = try WaiverFile.parse("waive 5.5 because \"另有专项规划\"\nwaive 6 until 2025-01-01 because \"过期\"\nwaive 42 because \"无\"\n", path: "w.txt")
        let plain = try formatsReport()
        // Without a baseline the report's head is written first; with one it is put before the findings at the end.
        for (waivers, baseline) in [(nil, nil), (w, ("old.json", plain))] as [([Waiver]?, (path: String, report: CheckReport)?)] {
            let path = dir.appendingPathComponent("report.json").path
            let (builder, report, stream) = try streamed(to: path, waivers: waivers, baseline: baseline)
            #expect(report.findings.isEmpty)
            try stream.finish(report)
            let whole = try formatsReport(waivers: waivers, baseline: baseline)
            let expected = try whole.json() + Data("\n".utf8)
            let got = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(got == expected, "first difference at byte \(zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, expected.count))")
            #expect(report.summary == whole.summary)
            #expect(report.matrix == whole.matrix)
            #expect(report.waivers == whole.waivers)
            #expect(report.baseline == whole.baseline)
            // The terminal summary from the listings kept on the way is the one made from every finding.
            for limit in [0, 1, 3] {
                let (b, r, s) = try streamed(to: nil, waivers: waivers, baseline: baseline, limit: limit)
                s.discard()
                #expect(TextReport(color: false, limit: limit).render(r, listings: b.listings)
                        == TextReport(color: false, limit: limit).render(whole))
            }
            let worst = whole.findings.filter { $0.isOpenGap && ($0.baseline ?? "new") == "new" }.map(\.severity).max()
            #expect(builder.worstNewGap == worst)
            // Only the report is left in the folder: the temporary file is gone.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.json"])
        }
    }

    @Test func aReportWithNoFindingsHasAnEmptyArray() throws {
        let rules = RuleSetLoader.load(path: repositoryRoot.appendingPathComponent(fixtureRules).path)
        let builder = ReportBuilder(rulesPath: "r", ruleSet: rules.ruleSet, keepFindings: false)
        let dir = NSTemporaryDirectory() + "plancheck-empty-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let stream = try StreamedJSONReport(destination: dir + "/r.json", withBaseline: false)
        let report = builder.finish()
        try stream.finish(report)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/r.json")) == (try report.jsonThroughEncoder()) + Data("\n".utf8))
    }

    @Test func anUnfinishedReportLeavesNothingBehind() throws {
        let dir = NSTemporaryDirectory() + "plancheck-unfinished-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let good = Data("{\"good\": true}\n".utf8)
        try good.write(to: URL(fileURLWithPath: dir + "/r.json"))
        let (_, _, stream) = try streamed(to: dir + "/r.json")
        stream.discard()
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/r.json")) == good)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.json"])
        #expect(throws: AtomicWriteError.self) { _ = try StreamedJSONReport(destination: dir, withBaseline: false) }
    }
}
