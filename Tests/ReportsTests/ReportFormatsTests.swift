import Alignment
import DocumentModel
import Foundation
import RuleLanguage
import Testing
@testable import Reports
#if canImport(FoundationXML)
import FoundationXML
import TestSupport
#endif

/// A real report: the 荷塘区 plan and a small hand-written draft, checked against the 十五五 rules.
func formatsReport(waivers: [Waiver]? = nil, today: String = "2026-01-01",
                  baseline: (path: String, report: CheckReport)? = nil, extraLines: Int = 0) throws -> CheckReport {
    let rules = RuleSetLoader.load(path: repositoryRoot.appendingPathComponent(fixtureRules).path)
    #expect(!rules.hasErrors)
    let engine = try AlignmentEngine(ruleSet: rules.ruleSet)
    let hetangBytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/hetang-14th-five-year-plan.txt")))
    let draft = String(repeating: "\n", count: extraLines) + """
    第一章 指导思想
    深入贯彻党的二十大精神,建设制造名城、幸福株洲,打造国家重要先进制造业高地。
    第二章 产业 | 创新 <b>
    推动陶瓷产业集群迈上千亿台阶,到2030年先进硬质材料产业规模突破1000亿元。
    """
    var infos: [CheckReport.PlanInfo] = []
    var results: [PlanResult] = []
    for (name, bytes) in [("Samples/hetang-14th-five-year-plan.txt", hetangBytes), ("drafts/某区草案.txt", Array(draft.utf8))] {
        let doc = TextPlanReader.read(try SourceText(bytes: bytes, file: name))
        infos.append(CheckReport.PlanInfo(doc, bytes: bytes))
        results.append(engine.check(doc))
    }
    return CheckReport(rulesPath: "Rules/zhuzhou/15th", ruleSet: rules.ruleSet, plans: infos, results: results,
                       waivers: waivers, today: today, baseline: baseline)
}

@Suite struct JSONReportSchemaTests {
    let validator: JSONSchemaValidator
    init() throws { validator = try JSONSchemaValidator(schemaAt: repositoryRoot.appendingPathComponent("docs/report.schema.json")) }

    @Test func reportValidatesAgainstItsSchema() throws {
        let w = try WaiverFile.parse("waive 5.5 because \"另有专项规划\"\nwaive 99 because \"nothing\"\n", path: "w.txt")
        let report = try formatsReport(waivers: w)
        let json = try JSONSerialization.jsonObject(with: report.json())
        #expect(validator.validate(json) == [])
        let baselined = try formatsReport(baseline: ("old.json", report))
        #expect(validator.validate(try JSONSerialization.jsonObject(with: baselined.json())) == [])
    }

    @Test func validatorCatchesABrokenReport() throws {
        var json = try #require(try JSONSerialization.jsonObject(with: try formatsReport().json()) as? [String: Any])
        json.removeValue(forKey: "summary")
        var findings = try #require(json["findings"] as? [[String: Any]])
        findings[0]["status"] = "fine"
        findings[0]["extra"] = 1
        json["findings"] = findings
        let errors = validator.validate(json)
        #expect(errors.contains("$: missing required summary"))
        #expect(errors.contains { $0.hasPrefix("$.findings[0].status") })
        #expect(errors.contains("$.findings[0]: unexpected property extra"))
    }

    @Test func matrixHasAStatusPerGoalAndPlan() throws {
        let r = try formatsReport()
        #expect(r.matrix.plans == ["Samples/hetang-14th-five-year-plan.txt", "drafts/某区草案.txt"])
        #expect(r.matrix.rows.count == r.findings.filter { $0.kind == .goal }.count / 2)
        #expect(r.matrix.rows.allSatisfy { $0.statuses.count == 2 && !$0.statuses.contains("") })
        let row6 = try #require(r.matrix.rows.first { $0.goal == "6" })
        #expect(row6.statuses[1] == "covered")
        #expect(row6.coverage == 0.5)
    }
}

@Suite struct SARIFReportTests {
    @Test func sarifValidatesAgainstTheSARIFSchema() throws {
        let validator = try JSONSchemaValidator(schemaAt: repositoryRoot.appendingPathComponent("Tests/ReportsTests/Schemas/sarif-schema-2.1.0.json"))
        let w = try WaiverFile.parse("waive 5.5 because \"另有专项规划\"\n", path: "w.txt")
        let data = try SARIFReporter().render(try formatsReport(waivers: w))
        let sarif = try JSONSerialization.jsonObject(with: data)
        // This copy of the schema keeps the root constraints under definitions/Root: validating against the
        // file's top alone would accept anything.
        #expect(validator.validate(sarif, entry: "#/definitions/Root") == [])
        let run = try #require(((sarif as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "5.2" })
        let outdated = try #require(results.first { $0["ruleId"] as? String == "retire:十九大" })
        #expect(outdated["level"] as? String == "error")
        let region = try #require((((outdated["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]))
        #expect(region["startLine"] as? Int == 103)
        #expect(region["startColumn"] as? Int == 22)
        let waived = try #require(results.first { $0["ruleId"] as? String == "5.5" && ($0["suppressions"] != nil) })
        #expect((waived["suppressions"] as? [[String: Any]])?.first?["justification"] as? String == "另有专项规划")
    }

    @Test func schemaValidatorRejectsInvalidSARIF() throws {
        let validator = try JSONSchemaValidator(schemaAt: repositoryRoot.appendingPathComponent("Tests/ReportsTests/Schemas/sarif-schema-2.1.0.json"))
        let bad: [String: Any] = ["version": "2.1.0", "runs": [["results": [["level": "fatal", "message": ["text": "x"]]]]]]
        let errors = validator.validate(bad, entry: "#/definitions/Root")
        #expect(errors.contains("$.runs[0]: missing required tool"))
        #expect(errors.contains { $0.hasPrefix("$.runs[0].results[0].level") })
    }
}

#if canImport(FoundationXML) || os(macOS)
/// Counts elements of our own JUnit output (trusted text: FoundationXML is fine here, never for plans).
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var attributes: [String: [[String: String]]] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        self.attributes[name, default: []].append(attributes)
    }
}
#endif

@Suite struct JUnitAndMarkdownTests {
    @Test func junitHasACasePerGoalPerPlanAndFailuresAtTheLevel() throws {
        let r = try formatsReport(waivers: try WaiverFile.parse("waive 5.5 because \"另有专项规划\"\n", path: "w.txt"))
        let xml = JUnitReporter(ReportOptions(failOn: .error)).render(r)
        let parser = XMLParser(data: xml)
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "well-formed XML")
        #expect(counter.counts["testcase"] == r.findings.count)
        #expect(counter.counts["testsuite"] == 2)
        let expectedFailures = r.findings.filter { $0.isOpenGap && $0.severity == .error }.count
        #expect(counter.counts["failure"] ?? 0 == expectedFailures)
        #expect(counter.counts["skipped"] == r.findings.filter { $0.waiver != nil }.count)
        #expect(counter.counts["skipped"] == 2)   // 5.5 is missing in both plans
        let never = String(decoding: JUnitReporter(ReportOptions(failOn: nil)).render(r), as: UTF8.self)
        #expect(!never.contains("<failure"))
    }

    @Test func markdownSummarizesAndEscapes() throws {
        let md = String(decoding: MarkdownReporter().render(try formatsReport()), as: UTF8.self)
        #expect(md.contains("| `Samples/hetang-14th-five-year-plan.txt` | 41% |"))
        #expect(md.contains("**retired: 十九大**"))
        #expect(MarkdownReporter.md("a|b *c* <x>") == "a\\|b \\*c\\* \\<x\\>")
    }
}

@Suite struct WaiverTests {
    @Test func parsesTheDocumentedForms() throws {
        let w = try WaiverFile.parse("""
        # accepted gaps
        waive 5.5 because "另有专项规划"
        waive 6 in "hetang-14th-five-year-plan.txt" until 2026-06-30 because “产业集群目标待分解”   # trailing comment
        waive retire:十九大 because "引用原文"
        """, path: "waivers.txt")
        #expect(w.map(\.goal) == ["5.5", "6", "retire:十九大"])
        #expect(w[1].plan == "hetang-14th-five-year-plan.txt")
        #expect(w[1].until == "2026-06-30")
        #expect(w[1].reason == "产业集群目标待分解")
        #expect(w[1].source == "waivers.txt:3")
    }

    @Test(arguments: [
        ("waive 5.5\n", "waivers.txt:1:1: error: a waiver needs a reason"),
        ("waive 5.5 because reason\n", "waivers.txt:1:19: error: the reason must be a quoted"),
        ("waive 5.5 until tomorrow because \"x\"\n", "waivers.txt:1:17: error: expected a date"),
        ("\nwave 5.5 because \"x\"\n", "waivers.txt:2:1: error: expected 'waive'"),
        ("waive 5.5 because \"x\n", "waivers.txt:1:19: error: unterminated string"),
        ("waive 5.5 for \"x\" because \"y\"\n", "waivers.txt:1:11: error: expected 'in', 'until' or 'because'"),
    ])
    func errorsNameFileLineAndColumn(_ text: String, _ prefix: String) {
        #expect(throws: WaiverError.self) { _ = try WaiverFile.parse(text, path: "waivers.txt") }
        do { _ = try WaiverFile.parse(text, path: "waivers.txt") } catch {
            #expect(error.description.hasPrefix(prefix), "\(error.description)")
        }
    }

    @Test func appliesExpiresAndReportsUnused() throws {
        let w = try WaiverFile.parse("""
        waive 5.5 because "另有专项规划"
        waive 6 in "hetang-14th-five-year-plan.txt" until 2025-12-31 because "过期"
        waive 42 because "没有这个目标"
        """, path: "w.txt")
        let r = try formatsReport(waivers: w, today: "2026-01-01")
        let s = try #require(r.waivers)
        #expect(s.waived == 2)   // 5.5 in both plans
        #expect(s.expired.map(\.goal) == ["6"])
        #expect(s.unused.map(\.goal) == ["42"])
        let f55 = r.findings.filter { $0.goal == "5.5" && $0.isGap }
        #expect(!f55.isEmpty && f55.allSatisfy { $0.waiver?.reason == "另有专项规划" && !$0.isOpenGap })
        // The expired waiver leaves its gap open.
        #expect(r.findings.first { $0.goal == "6" && $0.plan.hasSuffix("hetang-14th-five-year-plan.txt") }?.isOpenGap == true)
        #expect(r.summary.waived == f55.count)
    }
}

@Suite struct BaselineTests {
    @Test func onlyNewFindingsAndFixedOnesAreReported() throws {
        let old = try formatsReport()
        // The same plans with lines inserted at the top: every line number moves, no finding is new.
        let moved = try formatsReport(baseline: ("old.json", old), extraLines: 5)
        #expect(moved.baseline?.new == 0)
        #expect(moved.baseline?.fixed.isEmpty == true)
        #expect(moved.findings.allSatisfy { $0.baseline == "unchanged" })

        // An older report with a gap that no longer exists, and missing one that exists now.
        var older = old
        older.findings.removeAll { $0.goal == "retire:十九大" }
        var ghost = old.findings.first { $0.isGap }!
        ghost.goal = "9.9"
        ghost.fingerprint = nil
        older.findings.append(ghost)
        let r = try formatsReport(baseline: ("older.json", older))
        #expect(r.baseline?.new == 1)
        #expect(r.baseline?.fixed.map(\.goal) == ["9.9"])
        #expect(r.findings.first { $0.goal == "retire:十九大" }?.baseline == "new")
    }

    @Test func reportsRoundTripThroughJSON() throws {
        let r = try formatsReport()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.json").path
        try OutputSet.write(try r.json(), to: path)
        let back = try CheckReport.read(path: path)
        // A report speaks one language: what it reads back is every finding but its Chinese message.
        #expect(back.findings == r.findings.map { f in var f = f; f.chineseMessage = nil; return f })
        #expect(r.findings.allSatisfy { $0.chineseMessage != nil })
        #expect(throws: ReportReadError.self) { _ = try CheckReport.read(path: dir.appendingPathComponent("none.json").path) }
    }
}

@Suite struct ReportJSONTests {
    /// The fast writer and JSONEncoder give the same bytes, for every shape a report takes.
    @Test func sameBytesAsJSONEncoder() throws {
        let w = try WaiverFile.parse("waive 5.5 because \"另有《专项规划》/ \\\\ 说明\"\nwaive 6 until 2025-01-01 because \"过期\"\nwaive 42 because \"无\"\n", path: "w.txt")
        let plain = try formatsReport()
        let full = try formatsReport(waivers: w, today: "2026-01-01", baseline: ("old.json", plain), extraLines: 2)
        for r in [plain, full] {
            let fast = try r.json()
            let reference = try r.jsonThroughEncoder()
            #expect(fast == reference, "first difference at byte \(zip(fast, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, reference.count))")
        }
    }

    @Test func escapesAndNumbersLikeJSONEncoder() throws {
        var r = try formatsReport()
        r.findings[0].message = "a\"b\\c\nd\te\u{1}f/g “引号” 😀"
        r.findings[0].weight = 0.1
        r.findings[1].weight = 1e20
        r.findings[2].weight = 2.5
        r.findings[0].evidence = []
        r.findings[0].tags = []
        #expect(try r.json() == r.jsonThroughEncoder())
    }

    /// The writer's byte buffer holds exactly what an array would, through every growth, whatever the size
    /// of each append (short ones are copied byte by byte, longer ones moved).
    @Test func byteSinkAppendsLikeAnArray() {
        var sink = ByteSink()
        var reference: [UInt8] = []
        var rng = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            let size = [0, 1, 2, 15, 16, 17, 255, 256, 257, 5_000][round % 10]
            let chunk = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if size == 1 { sink.append(chunk[0]) } else { chunk.withUnsafeBufferPointer { sink.append(contentsOf: $0) } }
            reference += chunk
        }
        sink.append(utf8: "末尾")
        reference += Array("末尾".utf8)
        #expect(sink.count == reference.count && sink.array == reference)
    }

    /// Strings are scanned eight bytes at a time: every character that needs an escape, at every place in
    /// and across those words, between ASCII and between CJK, comes out as JSONEncoder writes it.
    @Test func escapesAtEveryOffset() throws {
        var r = try formatsReport()
        var messages: [String] = []
        for special in ["\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}", "/"] {
            for filler in ["abcdefghijklmnopqrstuvw", "发展改革委员会"] {
                for at in 0...filler.count {
                    var m = filler
                    m.insert(contentsOf: special, at: m.index(m.startIndex, offsetBy: at))
                    messages.append(m)
                }
            }
        }
        r.findings[0].tags = messages
        r.findings[0].message = messages.joined()
        #expect(try r.json() == r.jsonThroughEncoder())
    }
}
