import Testing
@testable import Alignment

/// The obvious quadratic search, as the reference the automaton must agree with.
private func naive(_ patterns: [String], _ text: String) -> [TermAutomaton.Match] {
    let t = Array(text.unicodeScalars)
    var out: [TermAutomaton.Match] = []
    for (p, pat) in patterns.enumerated() {
        let s = Array(pat.unicodeScalars)
        guard !s.isEmpty, s.count <= t.count else { continue }
        for i in 0...(t.count - s.count) where Array(t[i..<i + s.count]) == s {
            out.append(.init(pattern: p, start: i, end: i + s.count))
        }
    }
    return out.sorted()
}

@Suite struct TermAutomatonTests {
    @Test func findsOverlappingAndNestedTerms() {
        let patterns = ["研发", "研发投入强度", "投入强度", "研发中心", "R&D投入强度"]
        let text = "全社会研发投入强度达到3.2%以上,建设研发中心,R&D投入强度提高。"
        let a = TermAutomaton(patterns: patterns)
        let m = a.matches(in: text.unicodeScalars)
        #expect(m == naive(patterns, text))
        #expect(m.contains(.init(pattern: 1, start: 3, end: 9)))
        #expect(m.filter { $0.pattern == 0 }.count == 2)
    }

    @Test func agreesWithNaiveSearchOnTheSamplePlan() throws {
        let text = "坚持制造强区,大力发展先进制造业,先进硬质材料产业链被评为省级先进制造业集群,制造业增加值占GDP比重超过30%。"
        let patterns = ["制造", "制造业", "先进制造业", "先进制造业集群", "硬质材料", "先进硬质材料", "GDP", "比重", "30%", "不存在的词", "业"]
        #expect(TermAutomaton(patterns: patterns).matches(in: text.unicodeScalars) == naive(patterns, text))
    }

    @Test func randomPatternsAgreeWithNaive() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("发展制造业创新高地ab%")
        for _ in 0..<200 {
            let patterns = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                String((0..<Int.random(in: 1...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let text = String((0..<Int.random(in: 0...60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(TermAutomaton(patterns: patterns).matches(in: text.unicodeScalars) == naive(patterns, text),
                    "\(patterns) in \(text)")
        }
    }

    /// Long texts are scanned in four interleaved lanes: matches across the lane boundaries, at the very
    /// start and end, and the order of ends must be what one scan gives.
    @Test func longTextsScannedInLanesAgreeWithNaive() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("发展制造业创新高地ab")
        for _ in 0..<20 {
            let patterns = (0..<Int.random(in: 1...30, using: &rng)).map { _ in
                String((0..<Int.random(in: 1...9, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            let text = String((0..<Int.random(in: 1_000...6_000, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let a = TermAutomaton(patterns: patterns)
            var ends: [Int] = []
            a.forEachMatch(in: Array(text.unicodeScalars)) { ends.append($0.end) }
            #expect(ends == ends.sorted(), "matches out of order of their end")
            #expect(a.matches(in: Array(text.unicodeScalars)) == naive(patterns, text), "\(patterns)")
        }
    }

    @Test func emptyAndDuplicatePatterns() {
        let a = TermAutomaton(patterns: ["", "发展", "发展"])
        let m = a.matches(in: "高质量发展".unicodeScalars)
        #expect(m.map(\.pattern) == [1, 2])
        #expect(TermAutomaton(patterns: [String]()).matches(in: "发展".unicodeScalars).isEmpty)
    }

    @Test func astralCharacters() {
        let a = TermAutomaton(patterns: ["𠀀字", "字"])
        #expect(a.matches(in: "一𠀀字".unicodeScalars) == [.init(pattern: 0, start: 1, end: 3), .init(pattern: 1, start: 2, end: 3)])
    }
}

@Suite struct TermAutomatonContainsTests {
    @Test func containsMatchStopsAtTheFirst() {
        let a = TermAutomaton(patterns: ["确保", "力争"])
        #expect(a.containsMatch(in: "到2025年力争建成".unicodeScalars))
        #expect(!a.containsMatch(in: "发展成就显著".unicodeScalars))
        #expect(!a.containsMatch(in: "".unicodeScalars))
        #expect(CommitmentVerbs.present(in: ArraySlice("加快建设科技创新高地".unicodeScalars)))
        #expect(!CommitmentVerbs.present(in: ArraySlice("综合实力跃上新台阶".unicodeScalars)))
    }
}

@Suite struct TermAutomatonSparseTests {
    /// With a very large alphabet only the states nearest the root get full rows; deeper states must
    /// still find their matches through their own edges and failure links.
    @Test func deepStatesBeyondTheDenseBudgetAgreeWithNaiveSearch() {
        var patterns = (0..<60_000).map { String(Character(Unicode.Scalar(0x4E00 + UInt32($0 % 20_000))!)) + "\u{3007}" }
        patterns += ["发展成就显著", "展成", "成就显著提升", "显著", "高质量发展成就"]
        let text = "高质量发展成就显著提升,发展成就显著。" + String(repeating: "一〇", count: 50)
        let a = TermAutomaton(patterns: patterns)
        var naive: [TermAutomaton.Match] = []
        let t = Array(text.unicodeScalars)
        for (p, pat) in patterns.enumerated() {
            let s = Array(pat.unicodeScalars)
            for i in 0...(t.count - s.count) where Array(t[i..<i + s.count]) == s {
                naive.append(.init(pattern: p, start: i, end: i + s.count))
            }
        }
        #expect(a.matches(in: text.unicodeScalars) == naive.sorted())
    }
}
