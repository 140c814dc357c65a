import Alignment
import DocumentModel
import Foundation
import Reports
import RuleLanguage

/// What the report targets check against, made once: the bundled rule set and a piece of a sample plan.
struct CheckFixture: Sendable {
    let rulesPath: String
    let ruleSet: RuleSet
    let engine: AlignmentEngine
    let plan: PlanDocument
    let planInfo: CheckReport.PlanInfo
    let result: PlanResult

    /// The report of the plan, with these waivers and this baseline.
    func report(waivers: [Waiver]? = nil, baseline: (path: String, report: CheckReport)? = nil) -> CheckReport {
        var builder = ReportBuilder(rulesPath: rulesPath, ruleSet: ruleSet, waivers: waivers, today: "2026-01-01", baseline: baseline)
        builder.add(plan: planInfo)
        _ = builder.add(result)
        return builder.finish()
    }
}

let checkFixture: CheckFixture = {
    let rulesPath = repositoryRoot.appendingPathComponent("Rules/zhuzhou/15th").path
    let loaded = RuleSetLoader.load(path: rulesPath)
    guard !loaded.hasErrors, let engine = try? AlignmentEngine(ruleSet: loaded.ruleSet) else {
        fuzzFailure("cannot load \(rulesPath):\n\(loaded.rendered())")
    }
    // The first 6 KB of a sample, cut at a line end: enough for gaps of every kind, fast enough per input.
    guard let sample = FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent("Samples/hetang-14th-five-year-plan.txt").path) else {
        fuzzFailure("cannot read the sample plan")
    }
    let head = [UInt8](sample.prefix(6000))
    let bytes = Array(head[...(head.lastIndex(of: 0x0A) ?? head.count - 1)])
    guard let plan = try? PlanReader.read(bytes: bytes, file: "hetang.txt") else { fuzzFailure("cannot read the sample plan") }
    return CheckFixture(rulesPath: rulesPath, ruleSet: loaded.ruleSet, engine: engine, plan: plan,
                        planInfo: CheckReport.PlanInfo(plan, bytes: bytes), result: engine.check(plan))
}()

/// A waiver file, applied to the findings of the sample plan.
@Sendable func fuzzWaivers(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self),
          let waivers = try? WaiverFile.parse(text, path: "fuzz.waivers") else { return }
    _ = TextReport(color: false).render(checkFixture.report(waivers: waivers))
}

/// The JSON report of an earlier run, read as a baseline; the new report must read back as one in turn.
@Sendable func fuzzBaseline(_ bytes: [UInt8]) {
    // Foundation's `FileManager.contents(atPath:)` leaks 4 KB reading an empty file (LeakSanitizer, Swift 6.3.1);
    // not ours, and an empty file is refused as not JSON anyway.
    guard !bytes.isEmpty else { return }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("plancheck-fuzz-\(getpid()).json").path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { fuzzFailure("cannot write \(path)") }
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard let old = try? CheckReport.read(path: path) else { return }
    let report = checkFixture.report(baseline: (path, old))
    _ = TextReport(color: false).render(report)
    let json: Data
    do { json = try report.json() } catch { fuzzFailure("the report cannot be written as JSON: \(error)") }
    guard FileManager.default.createFile(atPath: path, contents: json) else { fuzzFailure("cannot write \(path)") }
    do { _ = try CheckReport.read(path: path) } catch { fuzzFailure("a report plancheck wrote does not read back as a baseline: \(error)") }
}

/// End to end: a text plan checked with the bundled zhuzhou/15th rules, its JSON report made in memory.
@Sendable func fuzzCheck(_ bytes: [UInt8]) {
    guard let plan = try? PlanReader.read(bytes: bytes, file: "fuzz.txt") else { return }
    let f = checkFixture
    var builder = ReportBuilder(rulesPath: f.rulesPath, ruleSet: f.ruleSet, today: "2026-01-01")
    builder.add(plan: CheckReport.PlanInfo(plan, bytes: bytes))
    _ = builder.add(f.engine.check(plan))
    _ = try? builder.finish().json()
}
