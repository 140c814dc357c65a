import Foundation
import Testing
import TestSupport

/// `plancheck rules matches`: the false friends of the bundled rules, found on the bundled sample.
@Suite struct RulesMatchesCommandTests {
    static let plan = "Samples/hetang-14th-five-year-plan.txt"

    @Test func anAliasByItsTermsMatchesInContext() throws {
        let r = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", Self.plan, "--term", "孵化基地"])
        #expect(r.status == 0, "\(r.stderr)")
        // 孵化基地 is an alias of 成果转化: the whole term is listed, alias by alias.
        #expect(r.stdout.contains("成果转化 — “孵化基地”: 3 matches, 1 excluded\n"))
        #expect(r.stdout.contains("  \(Self.plan):429:178  …纵深发展,加强“社会组织【孵化基地】”建设,加大对社会组织的…  [社会组织孵化基地; committed with a commitment verb; excluded by “社会组织孵化基地”]\n"))
        #expect(r.stdout.contains("成果转化 — “孵化器”:"))
        #expect(r.stdout.hasSuffix(" aliases\n"))
        let again = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", Self.plan, "--term", "孵化基地"])
        #expect(again.stdout == r.stdout)
    }

    @Test func aGoalsTerms() throws {
        let r = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", Self.plan, "--goal", "6.3"])
        #expect(r.status == 0, "\(r.stderr)")
        // Goal 6.3 (新能源装备和传统产业转型升级): its two terms, and nothing of the other goals; 禁止燃放烟花鞭炮
        // is excluded from the fireworks industry.
        #expect(r.stdout.contains("传统产业升级 — “烟花鞭炮”: 1 match, 1 excluded\n"))
        #expect(r.stdout.contains("新能源装备 — “新能源汽车”:"))
        #expect(!r.stdout.contains("成果转化"))
    }

    @Test func mistakes() throws {
        let none = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", Self.plan, "--term", "没有这个词"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no goal or retirement uses a term named 没有这个词"))
        let goal = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", Self.plan, "--goal", "999"])
        #expect(goal.status == 2)
        #expect(goal.stderr.contains("no goal 999"))
        let both = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", Self.plan, "--goal", "6", "--term", "北斗"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("Give --term or --goal, not both"))
        let noPlan = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th"])
        #expect(noPlan.status == 2)
        #expect(noPlan.stderr.contains("Name at least one plan file"))
        let missing = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", "no-such-plan.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-plan.txt"))
    }

    @Test func termsThatOccurNowhereExitOne() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.txt")
        try Data("第一章 总则\n加强基层治理。\n".utf8).write(to: plan)
        let r = try runPlancheck(["rules", "matches", "Rules/zhuzhou/15th", plan.path, "--term", "孵化基地"])
        #expect(r.status == 1)
        #expect(r.stdout == "no alias of the chosen terms occurs in the plans\n")
    }

    /// A hostile clause: 100,000 repeats of an alias that the term's exclusions also match everywhere. Each
    /// alias match once scanned every exclusion match, and each line of the report copied the sentence:
    /// both quadratic. Both commands now end at once.
    @Test(.timeLimit(.minutes(1))) func aClauseOfManyMatchesEndsAtOnce() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let city = dir.appendingPathComponent("city.txt"), rules = dir.appendingPathComponent("h.rules")
        try Data(("某市建议\n\n一、任务\n1. 产业\n确保" + String(repeating: "产业", count: 100_000) + "。\n").utf8).write(to: city)
        try Data("""
            ruleset "h" {
              source 建议 = "某市建议"
            }
            term t = "产业" | "业" except "业产" | "产业产"
            goal 1 "x" {
              cite 建议 item 1 "确保"
              require mention t
            }

            """.utf8).write(to: rules)
        let m = try runPlancheck(["rules", "matches", rules.path, city.path])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stdout.hasSuffix("200002 matches of 2 aliases\n"))
        // One more in the heading `1. 产业`; in the sentence, every 产业 but the last lies inside 产业产.
        #expect(m.stdout.contains("t — “产业”: 100001 matches, 99999 excluded\n"))
        let c = try runPlancheck(["rules", "coverage", rules.path, "--source", city.path, "--cite", "建议", "--format", "json"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("\"state\" : \"checked\""))
    }
}
