import Foundation
import Testing
@testable import Alignment
import DocumentModel
import RuleLanguage
import TestSupport

/// The repository's root, found from this file's path so the rule sets are read from the source tree.

func repoPath(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

/// The city's rule sets, as shipped: every test written beside a rule must hold, so CI guards the rules.
@Suite struct CityRuleSetTests {
    static let roots = ["Rules/zhuzhou", "Rules/common", "Rules/examples"]

    @Test(arguments: roots.flatMap { RuleTestRunner.ruleSetPaths(for: repoPath($0)) })
    func everyRuleTestHolds(path: String) throws {
        let report = RuleTestRunner.run(path: path)
        let rendered = report.rendered(failuresOnly: true)
        #expect(report.diagnostics.isEmpty, "\(path) does not lint clean:\n\(DiagnosticRenderer(sources: report.sources).render(report.diagnostics))")
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.untestedFiles.isEmpty, "files with rules but no test:\n\(rendered)")
        #expect(report.failed == 0, "failing rule tests:\n\(rendered)")
    }

    @Test func theRuleSetsHaveTestsForEveryFile() {
        let reports = Self.roots.flatMap { RuleTestRunner.ruleSetPaths(for: repoPath($0)) }.map { RuleTestRunner.run(path: $0) }
        let folders = Set(reports.map { ($0.path as NSString).lastPathComponent })
        #expect(folders.isSuperset(of: ["14th", "15th", "common", "tests"]))
        // Enough tests to mean something: each rule file holds at least a positive and a negative test.
        let tests = reports.reduce(0) { $0 + $1.tests.count }
        let expectations = reports.reduce(0) { $0 + $1.passed + $1.failed }
        #expect(tests >= 40, "\(tests) tests")
        #expect(expectations >= 250, "\(expectations) expectations")
        // Every goal of the city rule sets is named by at least one expectation.
        for set in ["Rules/zhuzhou/14th", "Rules/zhuzhou/15th"] {
            let loaded = RuleSetLoader.load(path: repoPath(set))
            var named = Set<String>()
            for t in loaded.ruleSet.tests {
                for e in t.expectations { if case .goal(let id, _) = e.kind { named.insert(id.value) } }
            }
            let untested = loaded.ruleSet.goals.map(\.id.value).filter { !named.contains($0) }
            #expect(untested.isEmpty, "\(set): goals no test names: \(untested)")
        }
    }
}

/// The rule sets against the city documents they are drawn from.
@Suite struct CityRuleSetSourceTests {
    /// The sample file of each source title the rule sets cite.
    static let samples: [String: String] = [
        "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议": "zhuzhou-15th-plan-proposal-2025.txt",
        "中国共产党株洲市第十二届委员会第十四次全体会议公报": "zhuzhou-14th-plenum-communique-2020.txt",
        "曹慧泉在市第十三次党代会上的报告解读·目标和党建篇（株洲日报）": "zhuzhou-13th-party-congress-2021.txt",
        "2023年株洲市政府工作报告": "zhuzhou-government-work-report-2023.txt",
        "株洲市荷塘区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要": "hetang-14th-five-year-plan.txt",
    ]

    static func normalizedLines(_ file: String) throws -> [String] {
        let source = try SourceText(contentsOf: repoPath("Samples/" + file))
        return (1...source.lineCount).map { String(scalars: Normalizer.normalize(source.line($0)).scalars) }
    }

    static func normalized(_ s: String) -> String { String(scalars: Normalizer.normalize(Array(s.unicodeScalars)).scalars) }

    @Test(arguments: ["Rules/zhuzhou/14th", "Rules/zhuzhou/15th", "Rules/common/tests"])
    func everyCitationQuotesItsDocumentVerbatim(set: String) throws {
        let loaded = RuleSetLoader.load(path: repoPath(set))
        #expect(!loaded.hasErrors)
        let sources = loaded.ruleSet.header?.sources ?? []
        var lines: [String: [String]] = [:]
        for goal in loaded.ruleSet.goals {
            let c = try #require(goal.citation, "goal \(goal.id.value) has no citation")
            let title: String
            switch c.document.value {
            case .source(let name): title = try #require(sources.first { $0.name?.value == name }?.title.value)
            case .text(let t): title = t
            }
            let file = try #require(Self.samples[title], "goal \(goal.id.value) cites an unknown document \(title)")
            if lines[file] == nil { lines[file] = try Self.normalizedLines(file) }
            let quote = Self.normalized(try #require(c.quote?.value, "goal \(goal.id.value) quotes nothing"))
            let at = lines[file]!.firstIndex { $0.contains(quote) }
            #expect(at != nil, "goal \(goal.id.value): “\(quote)” is not in \(file)")
            // In the 建议, the quote stands in the numbered item the goal names.
            if file == Self.samples["中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议"], let at, let item = c.item?.value {
                let doc = try TextPlanReader.read(path: repoPath("Samples/" + file))
                let section = doc.allSections.first { $0.kind == .item && $0.number == Int(item) }
                let s = try #require(section, "no item \(item)")
                // A phrase the document repeats (in the review and in the item) may stand elsewhere too.
                let inItem = (s.startLine...s.endLine).contains { lines[file]![$0 - 1].contains(quote) }
                #expect(inItem, "goal \(goal.id.value): the quote is on line \(at + 1), item \(item) spans \(s.startLine)–\(s.endLine)")
            }
        }
    }

    @Test func theCityProposalCarriesEveryGoalOfItsRuleSet() throws {
        // The 建议 states every goal drawn from it: checked against its own rules, nothing may be a gap.
        // A typo in an alias, a quantity the engine cannot read or a too-narrow scope shows here.
        let loaded = RuleSetLoader.load(path: repoPath("Rules/zhuzhou/15th"))
        let engine = try AlignmentEngine(ruleSet: loaded.ruleSet)
        let doc = try TextPlanReader.read(path: repoPath("Samples/zhuzhou-15th-plan-proposal-2025.txt"))
        let result = engine.check(doc)
        let gaps = result.findings.filter(\.isGap).map { "\($0.goal) \($0.status.rawValue): \($0.message)" }
        #expect(gaps.isEmpty, "\(gaps.joined(separator: "\n"))")
        #expect(result.findings.filter { $0.kind == .goal }.count == loaded.ruleSet.goals.count)
    }

    @Test func theCityDocumentsCarryTheFourteenthPeriodTargetsTheyState() throws {
        // The 十四五 rules quote three documents; the 2023 report states its own targets as targets.
        let loaded = RuleSetLoader.load(path: repoPath("Rules/zhuzhou/14th"))
        let engine = try AlignmentEngine(ruleSet: loaded.ruleSet)
        let report = engine.check(try TextPlanReader.read(path: repoPath("Samples/zhuzhou-government-work-report-2023.txt")))
        for id in ["报告.1", "报告.2", "报告.4"] {
            #expect(report.findings.first { $0.goal == id }?.status == .covered, "\(id)")
        }
        let communique = engine.check(try TextPlanReader.read(path: repoPath("Samples/zhuzhou-14th-plenum-communique-2020.txt")))
        for id in ["公报.1", "公报.2", "公报.2.1", "公报.4", "公报.6", "公报.9", "公报.12", "公报.14"] {
            #expect(communique.findings.first { $0.goal == id }?.status == .covered, "\(id)")
        }
    }
}

/// The reviewed example (docs/examples/review-hetang-14th.md): the 荷塘区 plan against the 十四五 rules.
@Suite struct HetangFourteenthExampleTests {
    @Test func theFindingsAreTheOnesReviewed() throws {
        let loaded = RuleSetLoader.load(path: repoPath("Rules/zhuzhou/14th"))
        let engine = try AlignmentEngine(ruleSet: loaded.ruleSet)
        let result = engine.check(try TextPlanReader.read(path: repoPath("Samples/hetang-14th-five-year-plan.txt")))
        let status = Dictionary(uniqueKeysWithValues: result.findings.map { ($0.goal, $0.status) })
        // Gaps the review confirmed against the text.
        let expected: [String: Status] = [
            // Line 27 writes 万元GDP能耗由……下降到……, in the review: named, not committed to.
            "党代会.8": .weak, "党代会.3": .missing, "党代会.4": .missing,
            "报告.4": .weak, "报告.6": .weak, "党代会.6": .weak, "党代会.7": .weak, "报告.2": .weak,
            // The plan's one 幸福株洲 is in the campaign's name 城乡统筹·幸福株洲 (line 31): not the city's task.
            "公报.2": .missing, "党代会.1": .missing,
            // Commitments the review confirmed, some of them hard to find (3.3 without its %, a goal section).
            "报告.1": .covered, "公报.2.2": .covered, "公报.2.3": .covered, "党代会.2": .covered, "报告.5": .covered,
            // The plan's own words for the goal (个转企, 文体惠民, 债务化解, 法治宣传), and a goal for counties.
            "报告.11": .weak, "报告.28": .weak, "报告.32": .weak, "报告.37": .covered, "报告.22": .notApplicable,
        ]
        for (id, s) in expected { #expect(status[id] == s, "\(id): \(String(describing: status[id]))") }
        // The sentence shown first is the one the review cites: the section that treats the subject, not the
        // park paragraph (l.233) that names it among others, nor a neighbouring section (l.423).
        let shown = Dictionary(uniqueKeysWithValues: result.findings.map { ($0.goal, $0.evidence.first?.line) })
        let cited: [String: Int] = [
            "公报.2.4": 333, "公报.9": 333, "报告.24": 333, "公报.6": 293, "报告.19": 293, "党代会.19": 457, "公报.14": 457,
            "报告.15": 393, "报告.18": 283, "报告.27": 397, "报告.33": 447, "报告.35": 355,
            // Goals the 目标 section states are cited there; the vision where the clause asks for it.
            "公报.2.1": 137, "公报.2.5": 143, "公报.2.8": 149, "党代会.5": 135, "公报.3": 127,
        ]
        for (id, line) in cited { #expect(shown[id] == line, "\(id): \(String(describing: shown[id]))") }
        // The 39 goals the review read (the rules have grown since; docs/examples says which were reviewed).
        let reviewed: Set<String> = [
            "公报.1", "公报.2", "公报.2.1", "公报.2.2", "公报.2.3", "公报.2.4", "公报.2.5", "公报.2.6", "公报.2.7", "公报.2.8", "公报.3",
            "公报.4", "公报.5", "公报.6", "公报.7", "公报.8", "公报.9", "公报.10", "公报.11", "公报.12", "公报.13", "公报.14",
            "党代会.1", "党代会.2", "党代会.3", "党代会.4", "党代会.5", "党代会.6", "党代会.7", "党代会.8", "党代会.9", "党代会.10", "党代会.11",
            "报告.1", "报告.2", "报告.3", "报告.4", "报告.5", "报告.6",
        ]
        #expect(result.findings.filter { reviewed.contains($0.goal) && $0.status == .covered }.count == 29)
        #expect(!result.findings.contains { $0.status == .outdated || $0.status == .conflicting })
    }
}
