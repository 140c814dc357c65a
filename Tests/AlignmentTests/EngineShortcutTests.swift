import Testing
@testable import Alignment
import DocumentModel
import Quantities
import RuleLanguage

/// What the engine works out once per rule set (target subjects, clause term ids) and once per place
/// (commitment classes shared by terms with a common alias) must read as working it out on every call would.
@Suite struct EngineShortcutTests {
    /// Target subjects from the 株洲 rules, with the change and unit a target about them takes.
    @Test(arguments: [
        ("单位地区生产总值能耗降低", ["单位地区生产总值能耗降低"], QuantityKind?.some(.decrease), false),
        ("二氧化碳排放", ["二氧化碳排放下降", "碳排放"], .decrease, false),
        ("主要污染物排放", ["主要污染物排放总量减少"], .decrease, false),
        ("居民收入", ["居民人均可支配收入增长"], .increase, false),
        ("研发投入", ["全社会研发经费投入增长", "研发投入提高"], .increase, false),
        // Both words: a decrease is looked for first, as before.
        ("能耗", ["能耗降低", "效率提升"], .decrease, false),
        // The aliases are run together: a word across two of them still counts.
        ("拼接", ["提", "高"], .increase, false),
        ("研发强度", ["研发投入强度", "研发经费投入强度"], nil, true),
        ("城镇化", ["常住人口城镇化率"], nil, true),
        ("地区生产总值", ["地区生产总值", "GDP"], nil, false),
    ] as [(String, [String], QuantityKind?, Bool)])
    func targetFactsOfASubject(name: String, aliases: [String], change: QuantityKind?, percent: Bool) {
        let f = TargetFacts(name: name, unit: nil, aliases: aliases)
        #expect(f.change == change)
        #expect((f.unit == .percent) == percent)
    }

    @Test func anUnresolvedSubjectReadsItsOwnText() {
        #expect(TargetFacts(name: "城镇调查失业率", unit: nil, aliases: nil).unit == .percent)
        #expect(TargetFacts(name: "城镇调查失业率下降", unit: nil, aliases: nil).change == .decrease)
        #expect(TargetFacts(name: "城镇调查失业率下降", unit: nil, aliases: nil).unit == nil)
    }

    @Test func aDeclaredUnitComesFirst() {
        let yuan = Quantities.Unit.named("亿元")
        #expect(yuan != nil)
        #expect(TargetFacts(name: "研发强度", unit: yuan, aliases: ["研发投入强度"]).unit == yuan)
    }

    @Test func clauseTermIdsFollowTheReferences() throws {
        let engine = try AlignmentEngine(ruleSet: rules(header + """
        goal A "一" {
          require commitment all(产业集群, "新能源")
          require target 研发强度 >= 3%
          when mention 产业集群 then expect target 研发强度 >= 2%
        }
        """))
        let info = try #require(engine.goalInfo.first)
        #expect(info.terms.count == 3)
        func name(_ id: Int?) -> String? { id.map { engine.resolved[$0].name } }
        #expect(info.terms[0].predicate.map(name) == ["产业集群", "新能源"])
        #expect(info.terms[0].condition.isEmpty)
        #expect(info.terms[1].predicate.map(name) == ["研发强度"])
        #expect(info.terms[2].condition.map(name) == ["产业集群"])
        #expect(info.terms[2].predicate.map(name) == ["研发强度"])
        // Only target subjects have their facts worked out; 研发强度's unit is declared %.
        let rd = try #require(info.terms[1].predicate[0])
        #expect(engine.targetFacts[rd]?.unit == .percent)
        #expect(info.terms[0].predicate.allSatisfy { engine.targetFacts[$0!] == nil })
    }

    /// Terms sharing an alias share one commitment class per place; each must still see what it sees alone,
    /// with places in several sentences, a past sentence, and a longer alias over the shared one.
    @Test func termsSharingAnAliasSeeTheClassesTheySeeAlone() throws {
        let text = """
        推进产业集群建设。
        到2030年，产业集群产值达到1000亿元，推进产业集群建设。
        2020年产业集群产值达到500亿元。
        培育先进制造业产业集群。
        """
        let terms = """
        term 集群甲 = "产业集群"
        term 集群乙 = "产业集群" | "制造业产业集群"
        term 集群丙 = "产业集群" except "产业集群产值"

        """
        let goals = [
            "goal A \"甲\" {\n  require commitment 集群甲\n}\n",
            "goal B \"乙\" {\n  require commitment 集群乙\n}\n",
            "goal C \"丙\" {\n  require commitment 集群丙\n}\n",
            "goal D \"丁\" {\n  require mention 集群乙\n  suggest commitment 集群丙\n}\n",
        ]
        let together = try check(header + terms + goals.joined(), text)
        for g in goals {
            let alone = try check(header + terms + g, text)
            let id = try #require(alone.findings.first?.goal)
            let shared = together.findings.first { $0.goal == id }
            #expect(shared?.evidence == alone.findings.first?.evidence, "goal \(id)")
            #expect(shared?.message == alone.findings.first?.message, "goal \(id)")
            #expect(shared?.status == alone.findings.first?.status, "goal \(id)")
        }
        // The first place in line 2 is committed with a quantity and a deadline; 丙 excludes it and is
        // left with the second, in a clause of its own: a class per sentence would give it the first's.
        let a = together.findings.first { $0.goal == "A" }
        #expect(a?.evidence.first?.line == 2)
        #expect(a?.evidence.first?.commitment == CommitmentClass.quantityAndDeadline.description)
        let c = together.findings.first { $0.goal == "C" }
        #expect(c?.evidence.first?.line == 2)
        #expect(c?.evidence.first?.commitment == CommitmentClass.deadline.description)
    }
}

/// Terms whose patterns found in a plan are the same share one hit list; every term must still get the hits
/// a scan for its own aliases alone gives: longest of overlapping aliases, excluded places dropped.
@Suite struct SharedHitListTests {
    @Test func everyTermGetsTheHitsOfItsOwnAliases() throws {
        let text = """
        推进产业集群建设，培育先进制造业产业集群。
        2020年产业集群产值达到500亿元，研发投入强度达到3%，投入强度再提高。
        哈哈哈哈，集群集群集群。
        """
        let engine = try AlignmentEngine(ruleSet: rules(header + """
        term 甲 = "产业集群"
        term 乙 = "产业集群" | "不存在的别名"
        term 丙 = "产业集群" | "制造业产业集群"
        term 丁 = "制造业产业集群" | "产业集群" | "从未出现"
        term 戊 = "产业集群" except "产业集群产值"
        term 己 = "产业集群" | "先进制造业" except "产业集群产值"
        term 庚 = "研发投入强度" | "投入强度"
        term 辛 = "哈哈" | "集群集群"
        goal A "一" {
          require mention all(甲, 乙, 丙, 丁, 戊, 己, 庚, 辛, "产业集群", "集群")
        }
        """))
        let doc = try plan(text)
        var run = Evaluation(engine: engine, doc: doc, explainGoal: nil, district: nil)
        run.matchTerms()
        for (t, term) in engine.resolved.enumerated() {
            let places = run.hits(t).map { [$0.sentence, $0.start, $0.end] }
            #expect(places == naiveHits(term, doc).map { [$0.sentence, $0.start, $0.end] }, "\(term.name)")
            #expect(!places.isEmpty, "\(term.name)")
        }
        // Terms with the same aliases found, in any order, share their list.
        #expect(engine.resolved.prefix(4).map(\.name) == ["甲", "乙", "丙", "丁"])
        #expect(run.hitRanges[0] == run.hitRanges[1])
        #expect(run.hitRanges[2] == run.hitRanges[3])
        #expect(run.hitRanges[0] != run.hitRanges[4])
    }

    /// Each alias found by itself in each sentence, the longest of overlapping ones kept, excluded ones dropped.
    func naiveHits(_ term: ResolvedTerm, _ doc: PlanDocument) -> [Hit] {
        func places(_ phrases: [String]) -> [Hit] {
            var out: [Hit] = []
            for (i, s) in doc.sentences.enumerated() {
                let text = Array(doc.normalized[s.range])
                for phrase in phrases {
                    let p = Normalizer.normalize(Array(phrase.unicodeScalars)).scalars
                    guard !p.isEmpty, p.count <= text.count else { continue }
                    for a in 0...(text.count - p.count) where Array(text[a..<(a + p.count)]) == p {
                        out.append(Hit(sentence: i, start: a, end: a + p.count))
                    }
                }
            }
            return out.sorted()
        }
        let exclusions = places(term.exclusions)
        var kept: [Hit] = []
        for h in places(term.aliases) where !exclusions.contains(where: { $0.covers(h) }) {
            if let last = kept.last, last.sentence == h.sentence, h.start < last.end {
                if h.end - h.start > last.end - last.start { kept[kept.count - 1] = h }
                continue
            }
            kept.append(h)
        }
        return kept
    }
}
