import Foundation
import PlancheckKit
import Testing
import TestSupport

/// The README's example of embedding the check, importing PlancheckKit alone.
@Suite struct EmbeddingTests {
    @Test func theReadmeExampleRuns() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let draft = repositoryRoot.appendingPathComponent("Samples/hetang-14th-five-year-plan.txt").path
        let page = dir.appendingPathComponent("report.html").path
        let request = CheckRequest(rules: .bundled("zhuzhou/15th"), plans: [draft],
                                   reports: [ReportRequest(.html, to: .file(page))], summary: nil)
        let outcome = try CheckRunner(request).run()
        #expect(outcome.report.summary.coverage > 0 && outcome.report.summary.coverage < 1)
        #expect(outcome.failed, "the 14th plan misses goals the 15th rules hold at error")
        #expect(try String(contentsOfFile: page, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }
}
