import Alignment
import DocumentModel
import Foundation
import Reports
import RuleLanguage
import Testing
import TestSupport

let hetangPath = "Samples/hetang-14th-five-year-plan.txt"

/// A frozen rule set for report tests (see Tests/Fixtures/README.md); reports still name it Rules/zhuzhou/15th.
let fixtureRules = "Tests/Fixtures/Rules/zhuzhou/15th"

/// A fixed time, so pages can be compared byte for byte.
let fixedTime = Date(timeIntervalSince1970: 1_767_225_600)   // 2026-01-01T00:00:00Z

/// A made-up district's 十五五 draft that covers some city goals, sets one target too low
/// (硬质材料 800亿元 where the city asks 1000亿元), misses 基层治理 and still says 能耗双控.
let exampleDraft = """
株洲市示例区国民经济和社会发展第十五个五年规划纲要（草案）
第一章 发展基础
“十四五”时期，全区地区生产总值年均增长6%。
第二章 主要目标
到2030年，建设更有实力的国家重要先进制造业高地取得重大进展，制造业增加值占地区生产总值比重达到35%以上。
力争建成科技创新高地，研发投入强度达到3.5%。
建设内陆地区改革开放高地，持续优化营商环境。
第三章 产业集群
到2030年，先进硬质材料产业集群规模达到800亿元。
第四章 民生
建设更有温度的幸福株洲，确保居民收入增长和经济增长同步。
第五章 治理
完善能耗双控制度，提升城市治理水平。

"""

/// Loads a rule set from a path under the repository, or from text.
func loadRules(path: String) throws -> RuleSet {
    let r = RuleSetLoader.load(path: repositoryRoot.appendingPathComponent(path).path)
    try #require(!r.hasErrors, "rule errors:\n\(r.rendered())")
    return r.ruleSet
}

func loadRules(source: String) throws -> RuleSet {
    let r = RuleSetLoader.load(source: source, path: "/tmp/test.rules")
    try #require(!r.hasErrors, "rule errors:\n\(r.rendered())")
    return r.ruleSet
}

/// A plan to check: its file name as the report shows it, and its bytes.
struct PlanInput {
    var file: String
    var bytes: [UInt8]

    init(file: String, text: String) {
        self.file = file
        bytes = Array(text.utf8)
    }

    /// A file of the repository, named by its relative path.
    init(sample path: String) throws {
        file = path
        bytes = Array(try Data(contentsOf: repositoryRoot.appendingPathComponent(path)))
    }
}

/// Runs the engine on each plan, as `plancheck check` does, and makes the report.
func makeReport(_ ruleSet: RuleSet, rulesPath: String = "Rules/zhuzhou/15th", _ plans: [PlanInput]) throws -> CheckReport {
    let engine = try AlignmentEngine(ruleSet: ruleSet)
    var infos: [CheckReport.PlanInfo] = []
    var results: [PlanResult] = []
    for p in plans {
        let doc = TextPlanReader.read(try SourceText(bytes: p.bytes, file: p.file))
        infos.append(CheckReport.PlanInfo(doc, bytes: p.bytes))
        results.append(engine.check(doc))
    }
    return CheckReport(rulesPath: rulesPath, ruleSet: ruleSet, plans: infos, results: results)
}

/// The sample plan against the city's 十五五 rules.
func sampleReport() throws -> CheckReport {
    try makeReport(loadRules(path: fixtureRules), [PlanInput(sample: hetangPath)])
}

/// The sample plan and the example draft against the city's 十五五 rules.
func twoPlanReport() throws -> CheckReport {
    try makeReport(loadRules(path: fixtureRules),
                   [PlanInput(sample: hetangPath), PlanInput(file: "drafts/example-district.txt", text: exampleDraft)])
}

extension String {
    /// How many times `s` occurs (non-overlapping).
    func occurrences(of s: String) -> Int { components(separatedBy: s).count - 1 }

    /// The text from the element whose start tag contains `marker` up to its end tag `</tag>`.
    func element(containing marker: String, tag: String) -> String? {
        guard let m = range(of: marker) else { return nil }
        guard let start = self[..<m.upperBound].range(of: "<" + tag, options: .backwards) else { return nil }
        guard let end = self[m.upperBound...].range(of: "</" + tag + ">") else { return nil }
        return String(self[start.lowerBound..<end.upperBound])
    }
}
