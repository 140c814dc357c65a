import Foundation
import Testing
import RuleLanguage
@testable import Alignment
@testable import DocumentModel
import TestSupport

@Suite struct PassageIndexTests {
    @Test func closestSentencesShareTheMostBigrams() throws {
        let text = """
        第一章 产业
        大力发展先进硬质材料产业,建设硬质合金产业基地。
        推进装配式建筑产业加快发展。
        加强生态环境保护。
        """
        let doc = TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: "t.txt"))
        let index = PassageIndex(doc, queries: ["先进硬质材料产业集群", "完全无关的词语组合"])
        let hits = index.closest(query: 0)
        #expect(hits.first.map { doc.text(of: doc.sentences[$0.sentence]) } == "大力发展先进硬质材料产业,建设硬质合金产业基地。")
        #expect(!hits.contains { doc.text(of: doc.sentences[$0.sentence]).contains("生态") })
        #expect(index.closest(query: 1).isEmpty)
    }

    @Test func excludedSentencesAreNeverSuggested() throws {
        let text = "第一节 发展成就\n先进硬质材料产业链被评为省级先进制造业集群。\n第二节 任务\n发展先进硬质材料。\n"
        let doc = TextPlanReader.read(try SourceText(bytes: Array(text.utf8), file: "t.txt"))
        let index = PassageIndex(doc, queries: ["先进硬质材料产业集群"]) { $0.line != 2 }
        let hits = index.closest(query: 0, limit: 5)
        #expect(hits.map { doc.sentences[$0.sentence].line } == [4])
    }

    /// A fuzzed plan (issue #12): one bigram 32,768 times in a sentence overflowed a 16-bit count and trapped.
    @Test(.timeLimit(.minutes(1)), arguments: ["bigram-32767.txt", "bigram-32768.txt"])
    func aBigramRepeatedPast16BitsIsCounted(file: String) throws {
        let doc = TextPlanReader.read(try SourceText(contentsOf: reliabilityFixture(file)))
        let index = PassageIndex(doc, queries: ["研发投入", "完全无关"])
        // One sentence in the plan: every bigram is in all of them, so its idf is small.
        let hits = index.closest(query: 0, minimumScore: 0.01)
        #expect(hits.count == 1)
        #expect(hits.first.map { doc.text(of: doc.sentences[$0.sentence]).hasPrefix("研发研发") } == true)
        #expect(index.closest(query: 1, minimumScore: 0.01).isEmpty)
    }

    /// A sentence of 40,000 numbers (issue #12) trapped the same way; the whole engine runs through it.
    @Test(.timeLimit(.minutes(1))) func aSentenceOfFortyThousandNumbersIsChecked() throws {
        let doc = TextPlanReader.read(try SourceText(contentsOf: reliabilityFixture("nums-sentence-40000.txt")))
        let loaded = RuleSetLoader.load(path: repoPath("Rules/zhuzhou/15th"))
        let engine = try AlignmentEngine(ruleSet: loaded.ruleSet)
        let result = engine.check(doc)
        #expect(result.findings.count >= loaded.ruleSet.goals.count)
        let index = PassageIndex(doc, queries: ["增加投入"])
        #expect(index.closest(query: 0, minimumScore: 0.01).count == 1)
    }
}

/// A hostile input reduced from fuzzing (issue #12): the committed copy under Tests/Fixtures/reliability, or
/// the shared one beside the repository.
func reliabilityFixture(_ name: String) -> String {
    let committed = repositoryRoot.appendingPathComponent("Tests/Fixtures/reliability/" + name).path
    if FileManager.default.fileExists(atPath: committed) { return committed }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reliability/" + name).path
}

/// Long sentences of values against the engine (issue #12): each hit walked the whole clause and every
/// value in the sentence, so 1–2 MB of them took from seconds to minutes (540 s for 40,000 targets in one
/// clause). A long sentence gets the verdicts a short one of the same words does.
@Suite struct LongSentenceEngineTests {
    static let rules = RuleSetLoader.load(path: repoPath("Rules/zhuzhou/15th")).ruleSet

    func statuses(_ text: String) throws -> [String: String] {
        let doc = TextPlanReader.read(try SourceText(bytes: Array(("第一章 总则\n" + text + "。\n").utf8), file: "long.txt"))
        let result = try AlignmentEngine(ruleSet: Self.rules).check(doc)
        return Dictionary(result.findings.map { ($0.goal, "\($0.status)") }, uniquingKeysWith: { a, _ in a })
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["陶瓷产业产值达到1亿元和", "陶瓷产业产值达到1亿元", "陶瓷产业产值达到1100亿元，",
                                               "研发投入增加1亿元和", "研发投入增加1亿元，"])
    func aLongSentenceIsJudgedAsAShortOne(unit: String) throws {
        let short = try statuses(String(repeating: unit, count: 3))
        let long = try statuses(String(repeating: unit, count: 30_000))
        #expect(long == short)
    }
}

/// What evidence quotes of a long sentence: a window around the match, cut between characters.
@Suite struct QuoteTests {
    @Test func ordinarySentencesAreQuotedWhole() {
        #expect(Quote.isWhole(count: 437, match: 0..<4))
        #expect(Quote.isWhole(count: 1_004, match: 500..<504))
        #expect(!Quote.isWhole(count: 1_005, match: 500..<504))
    }

    @Test func aLongSentenceIsQuotedAroundItsMatch() {
        let s = Array((String(repeating: "甲", count: 2_000) + "研发" + String(repeating: "乙", count: 2_000)).unicodeScalars)
        let q = Quote.text(s[...], match: 2_000..<2_002)
        #expect(q.window == 1_500..<2_502)
        #expect(q.text == "…" + String(repeating: "甲", count: 500) + "研发" + String(repeating: "乙", count: 500) + "…")
        let t = Array(q.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(t[q.match])) == "研发")
    }

    @Test func aCutNeverSplitsACharacter() {
        // e + combining acute, and a family emoji joined by ZWJ, where the cuts would fall.
        let before = Array(String(repeating: "a", count: 1_000).unicodeScalars) + ["e", "\u{301}"]
        let s = before + Array(String(repeating: "b", count: 499).unicodeScalars) + ["X"]
            + Array(String(repeating: "c", count: 499).unicodeScalars) + ["\u{1F468}", "\u{200D}", "\u{1F469}"] + Array("dddd".unicodeScalars)
        let x = before.count + 499
        let w = Quote.window(count: s.count, match: x..<(x + 1)) { s[$0] }
        #expect(w.lowerBound == 1_000)   // before the `e`, not between it and its accent
        #expect(w.upperBound == x + 1 + 499 + 3)   // after the whole emoji sequence
    }
}

/// The term automaton numbers the terms' characters in 16 bits: a rule set with more distinct characters
/// trapped on its precondition (found while auditing for issue #12); the engine now refuses it.
@Suite struct RuleCharacterLimitTests {
    @Test(.timeLimit(.minutes(1))) func tooManyDistinctCharactersAreAnError() throws {
        let ideographs = [0x4E00..<0x9FFF, 0x3400..<0x4DBF, 0x20000..<0x2A6DF].flatMap { $0.map { Character(Unicode.Scalar($0)!) } }
        #expect(ideographs.count > TermAutomaton.maxCharacters)
        let aliases = stride(from: 0, to: ideographs.count, by: 100).map { "\"" + String(ideographs[$0..<min($0 + 100, ideographs.count)]) + "\"" }
        let source = "ruleset \"x\" {\n  period 2026..2030\n}\n\nterm t = " + aliases.joined(separator: " | ")
            + "\n\ngoal 1 \"x\" {\n  cite \"c\"\n  require mention t\n}\n"
        let loaded = RuleSetLoader.load(source: source, path: "many.rules")
        #expect(!loaded.diagnostics.contains { $0.level == .error })
        #expect(throws: EngineError.self) { try AlignmentEngine(ruleSet: loaded.ruleSet) }
        do { _ = try AlignmentEngine(ruleSet: loaded.ruleSet) } catch {
            #expect(error.description.contains("different characters; at most 65534 are supported"))
            #expect(error.description.hasPrefix("many.rules:5:"), "names the term's file and line: \(error)")
            #expect(error.description.contains("with term t,"))
        }
    }
}
