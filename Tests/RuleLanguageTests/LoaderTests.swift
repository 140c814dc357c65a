import Foundation
import Testing
@testable import RuleLanguage
import TestSupport

/// Loading rule sets from files and folders: includes, resolved terms, and the API the engine calls.
@Suite struct LoaderTests {
    /// A fresh temporary folder holding `files`, as a path.
    func folder(_ files: [String: String]) throws -> String { try TestSupport.folder(of: files).path }

    let goal = """
        goal 1 "目标" {
          cite "建议" "原文"
          require mention 科技
        }

        """

    @Test func includesAreRelativeToTheIncludingFile() throws {
        let dir = try folder([
            "common/terms.rules": "term 研发 = \"研发\" except \"研发中心\"\n",
            "15th/goals.rules": "ruleset \"t\" {\n  include \"../common/terms.rules\"\n}\nterm 科技 = 研发 | \"科技\"\n" + goal,
        ])
        let result = RuleSetLoader.load(path: dir + "/15th/goals.rules")
        #expect(result.diagnostics.isEmpty, "\(result.rendered())")
        #expect(result.ruleSet.files.map { $0.path.hasSuffix("common/terms.rules") } == [true, false])
        let science = try #require(result.ruleSet.resolvedTerms["科技"])
        #expect(science.aliases == ["研发", "科技"])
        #expect(science.exclusions == ["研发中心"])
        // The included file's path is shown without `..`, relative paths stay relative.
        #expect(!result.ruleSet.files[0].path.contains(".."))
    }

    @Test func aFolderIsAllItsRuleFilesAndIncludedFoldersToo() throws {
        let dir = try folder([
            "dict/a.rules": "term 研发 = \"研发\"\n",
            "dict/b.rules": "term 创新 = \"创新\"\n",
            "dict/notes.txt": "not a rule file",
            "set/00-header.rules": "ruleset \"t\" {\n  include \"../dict\"\n  period 2026..2030\n}\n",
            "set/10-goals.rules": "term 科技 = 研发 | 创新\n" + goal,
        ])
        let result = RuleSetLoader.load(path: dir + "/set")
        #expect(result.diagnostics.filter(notShortAlias).isEmpty, "\(result.rendered())")
        #expect(result.ruleSet.files.count == 4)
        #expect(result.ruleSet.entryPaths.count == 2)
        #expect(result.ruleSet.title == "t")
        #expect(result.ruleSet.period?.end == 2030)
        #expect(result.ruleSet.resolvedTerms["科技"]?.aliases == ["研发", "创新"])
    }

    @Test func aFileIncludedTwiceIsReadOnce() throws {
        let dir = try folder([
            "terms.rules": "term 科技 = \"科技\"\n",
            "a.rules": "ruleset \"a\" {\n  include \"terms.rules\"\n}\n",
            "main.rules": "ruleset \"m\" {\n  include \"a.rules\"\n  include \"./terms.rules\"\n}\n" + goal,
        ])
        let result = RuleSetLoader.load(path: dir + "/main.rules")
        #expect(result.diagnostics.filter(notShortAlias).isEmpty, "\(result.rendered())")
        #expect(result.ruleSet.terms.count == 1)
    }

    @Test func includeCyclesAndMissingIncludesAreReportedAtTheInclude() throws {
        let dir = try folder([
            "a.rules": "ruleset \"a\" {\n  include \"b.rules\"\n}\n" + goal + "term 科技 = \"科技\"\n",
            "b.rules": "ruleset \"b\" {\n  include \"a.rules\"\n  include \"gone.rules\"\n}\n",
        ])
        let diagnostics = RuleSetLoader.load(path: dir + "/a.rules").diagnostics.filter(notShortAlias)
        #expect(diagnostics.map(\.code) == ["include-cycle", "missing-include"])
        #expect(diagnostics[0].location.line == 2)
        #expect(diagnostics[0].message.hasSuffix("a.rules → \(dir)/b.rules → \(dir)/a.rules"))
    }

    @Test func aMissingPathIsAnErrorNotACrash() {
        let result = RuleSetLoader.load(path: "/no/such/rules")
        #expect(result.hasErrors)
        #expect(result.rendered() == "/no/such/rules: error: no such file or folder\n")
    }

    @Test func dictionariesAreNotCheckedForUnusedTermsButRuleSetsAre() throws {
        let dir = try folder([
            "dict.rules": "term 研发 = \"研发\"\nterm 创新 = \"创新\"\n",
            "set.rules": "ruleset \"s\" {\n  include \"dict.rules\"\n}\nterm 科技 = \"科技\"\nterm 多余 = \"多余\"\n" + goal,
        ])
        #expect(RuleSetLoader.load(path: dir + "/dict.rules").diagnostics.filter(notShortAlias).isEmpty)
        let set = RuleSetLoader.load(path: dir + "/set.rules")
        #expect(set.diagnostics.filter(notShortAlias).map(\.message) == ["term 多余 is never used"])
    }

    @Test func theEngineAPI() throws {
        let source = """
            ruleset "检查" {
              period 2026..2030
              default severity warning
              profile draft = tag 核心 except goal 2
              profile strict = severity error
            }
            term 研发强度 = "研发投入强度" | "R&D投入强度" unit %
            goal 1 "一" {
              severity error
              tags 核心
              cite "建议" "原文"
              require target 研发强度 >= 3.2% by 2030
              expect mention "厂所结合"
              suggest mention "科创中城"
            }
            goal 2 "二" {
              tags 核心
              cite "建议" "原文"
              require mention "陶瓷"
            }
            retire "十九大" use "二十大"
            """
        let result = RuleSetLoader.load(source: source, path: "memory.rules")
        #expect(result.diagnostics.isEmpty, "\(result.rendered())")
        let rs = result.ruleSet
        #expect(rs.defaultSeverity == .warning)
        #expect(rs.goals(inProfile: "draft")?.map(\.id.value) == ["1"])
        #expect(rs.goals(inProfile: "strict")?.map(\.id.value) == ["1"])
        #expect(rs.goals(inProfile: "nothing") == nil)
        let g1 = try #require(rs.goal(id: "1"))
        #expect(g1.clauses.map { $0.severity(in: g1, default: rs.defaultSeverity) } == [.error, .warning, .info])
        let g2 = try #require(rs.goal(id: "2"))
        #expect(g2.clauses[0].severity(in: g2, default: rs.defaultSeverity) == .warning)
        #expect(rs.severity(of: rs.retirements[0]) == .warning)
        guard case .target(let t) = g1.clauses[0].predicate else {
            Issue.record("expected a target")
            return
        }
        let subject = try #require(rs.resolve(t.subject))
        #expect(subject.aliases == ["研发投入强度", "R&D投入强度"])
        #expect(subject.unit?.symbol == "%")
        #expect(Set(rs.allPhrases) == ["研发投入强度", "R&D投入强度", "厂所结合", "科创中城", "陶瓷", "十九大", "二十大"])
    }

    @Test func aFileWithErrorsStillLoadsWhatItCan() {
        let source = "term 研发 = \"研发\"\ngoal 1 \"一\" {\n  requir mention 研发\n  require mention 研发\n}\n"
        let result = RuleSetLoader.load(source: source, path: "m.rules")
        #expect(result.hasErrors)
        #expect(result.ruleSet.goals.first?.clauses.count == 1)
    }

    @Test func nonUTF8FilesAreRefusedClearly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("gbk.rules").path
        _ = FileManager.default.createFile(atPath: path, contents: Data([0xD1, 0xD0, 0xB7, 0xA2, 0xFF]))
        let result = RuleSetLoader.load(path: path)
        #expect(result.diagnostics.map(\.code) == ["not-utf8"])
    }

    @Test func deepCompositionIsRefusedNotAStackOverflow() {
        let chain = (0..<5000).map { "term t\($0) = t\($0 + 1)\n" }.joined() + "term t5000 = \"x\"\n"
        let result = RuleSetLoader.load(source: chain, path: "chain.rules")
        #expect(result.diagnostics.first?.code == "term-too-deep")
        #expect(result.diagnostics.first?.message == "term t100 is composed more than 100 levels deep")
    }

    @Test func aFileFullOfErrorsShowsTwoHundredAndACount() {
        let source = String(repeating: "goal 1 \"x\" {\n  requir mention \"y\"\n}\n", count: 150)
        let result = RuleSetLoader.load(source: source, path: "many.rules")
        #expect(result.diagnostics.count == RuleSetLoader.maxDiagnosticsPerFile + 1)
        let last = result.diagnostics.last
        #expect(last?.code == "too-many-errors")
        #expect(last?.message == "99 more problems in this file not shown")  // 150 syntax errors, 149 duplicate ids
    }

    @Test func aRunOfBadCharactersIsOneError() {
        let result = RuleSetLoader.load(source: "term 研发 = \"研发\" @@@@@@\n", path: "bad.rules")
        #expect(result.diagnostics.filter(notShortAlias).map(\.message) == ["unexpected characters '@@@@@@'"])
    }

    @Test func sectionPatternsMatchNormalizedHeadings() {
        let industry = SectionPattern(pattern: "产业|制造", raw: "产业|制造")
        #expect(industry.matches(heading: "第六章 构建现代化产业体系"))
        #expect(!industry.matches(heading: "第七章 建设创新型活力城区"))
        let chapter = SectionPattern(pattern: "^第六章构建", raw: "^第六章构建")
        #expect(chapter.matches(heading: "第 六 章\u{3000}构建现代化产业体系"))
        #expect(SectionPattern.normalizeHeading(" 第一节 发展成就 ") == "第一节发展成就")
        #expect(SectionPattern(pattern: "(", raw: "(").regularExpression() == nil)
    }

    @Test func stringLiteralsForGeneratedRules() {
        let tricky = "他说\"好\"\\\n第二行"
        let literal = RuleFormatter.stringLiteral(tricky)
        let parsed = RuleParser.parse(source: "term 引文 = \(literal)\n", path: "g")
        guard case .term(let t)? = parsed.file.statements.first, case .phrase(let value)? = t.alternatives.first?.kind else {
            Issue.record("did not parse: \(literal)")
            return
        }
        #expect(value == tricky)
        #expect(RuleFormatter.isValidName("研发强度"))
        #expect(!RuleFormatter.isValidName("R&D投入强度"))
        #expect(!RuleFormatter.isValidName("goal"))
    }
}

/// These tests are about loading: their one-word terms (`term 科技 = "科技"`) would also be linted as short aliases.
func notShortAlias(_ d: Diagnostic) -> Bool { d.code != "short-alias" }
