import Foundation
import Testing
@testable import RuleLanguage
import TestSupport

/// Hostile rule files (issue #12): each ends at once with located errors, however long its lines or deep
/// its nesting, and what is printed stays bounded.
@Suite struct HostileRuleFileTests {
    /// A fuzzed rule file reduced by hand: one junk line of 40,000 characters. Formatting it drew 2,411
    /// errors, each decoding the whole line again (9 s); 80,000 characters took 33 s.
    @Test(.timeLimit(.minutes(1)), arguments: [1, 2])
    func aLongJunkLineGivesBoundedErrors(copies: Int) throws {
        var text = try String(contentsOfFile: reliabilityFixture("rules-fmt-quadratic-40k.rules"), encoding: .utf8)
        let junk = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(junk.unicodeScalars.count > 39_000)
        if copies > 1 { text = text.dropLast() + junk + "\n" }   // the junk line twice as long
        let formatted = RuleFormatter.format(source: text, path: "junk.rules")
        #expect(formatted.output == nil)
        // As `rules lint` does: at most 200 errors, then one saying how many more there are.
        #expect(formatted.diagnostics.count == RuleSetLoader.maxDiagnosticsPerFile + 1)
        #expect(formatted.diagnostics.last?.code == "too-many-errors")
        #expect(formatted.diagnostics.dropLast().allSatisfy { $0.location.line == 4 })
        let shown = DiagnosticRenderer(sources: ["junk.rules": text]).render(formatted.diagnostics)
        // Each error shows a window of the line around its column, not the line.
        let widest = shown.split(separator: "\n").map(\.unicodeScalars.count).max() ?? 0
        #expect(widest < 400, "a shown line has \(widest) characters")
        #expect(shown.utf8.count < formatted.diagnostics.count * 1_500)
        let linted = RuleSetLoader.load(source: text, path: "junk.rules")
        #expect(linted.diagnostics.count == RuleSetLoader.maxDiagnosticsPerFile + 1)
        #expect(linted.rendered().utf8.count < linted.diagnostics.count * 1_500)
    }

    /// The window drawn from a long line is the one the renderer drew before it kept the decoded line.
    @Test func theWindowOfALongLineIsUnchanged() {
        let line = String(repeating: "字", count: 300) + " @ " + String(repeating: "a", count: 300)
        let d = Diagnostic(.error, "syntax", "unexpected character '@'",
                           at: SourceRange(SourceLocation(file: "w.rules", line: 1, column: 302, offset: 301),
                                           SourceLocation(file: "w.rules", line: 1, column: 303, offset: 302)))
        let shown = DiagnosticRenderer(sources: ["w.rules": line + "\n"]).render([d, d])
        let one = "w.rules:1:302: error: unexpected character '@'\n"
            + "..." + String(repeating: "字", count: 59) + " @ " + String(repeating: "a", count: 59) + "...\n"
            + String(repeating: " ", count: 3 + 59 * 2 + 1) + "^\n"
        #expect(shown == one + one)
    }

    /// The parser reads lists and blocks in loops, not by recursion: 100,000 open parentheses or braces
    /// are one located error, not a stack overflow.
    @Test(.timeLimit(.minutes(1))) func deepNestingIsALocatedError() {
        let deep = 100_000
        let cases: [(String, line: Int, column: Int)] = [
            ("goal 1 \"x\" {\n  require mention any" + String(repeating: "(", count: deep) + "\"a\""
                + String(repeating: ")", count: deep) + "\n}\n", 2, 23),
            (String(repeating: "(", count: deep) + "\n", 1, 1),
            ("goal 1 \"x\" {\n" + String(repeating: "{", count: deep) + "\n}\n", 2, 1),
            ("term a = \"a\"\ngoal 1 \"x\" {\n  cite \"c\"\n  scope in section /" + String(repeating: "(", count: deep) + "a"
                + String(repeating: ")", count: deep) + "/\n  require mention a\n}\n", 4, 9),
        ]
        for (text, line, column) in cases {
            let result = RuleSetLoader.load(source: text, path: "deep.rules")
            let first = result.diagnostics.first { $0.level == .error }
            #expect(first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (line, column))
            #expect(RuleFormatter.format(source: text, path: "deep.rules").diagnostics.count <= RuleSetLoader.maxDiagnosticsPerFile + 1)
        }
    }

    /// Terms composed of terms are resolved recursively, to a fixed depth: a chain of 20,000 is refused
    /// with the term where the depth ran out.
    @Test(.timeLimit(.minutes(1))) func aLongChainOfTermsStopsAtTheDepthLimit() {
        let n = 20_000
        let text = (0..<n).map { "term t\($0) = t\($0 + 1)\n" }.joined() + "term t\(n) = \"x\"\n"
        let result = RuleSetLoader.load(source: text, path: "chain.rules")
        let deep = result.diagnostics.filter { $0.code == "term-too-deep" }
        #expect(!deep.isEmpty)
        #expect(deep.first?.location.line == Checker.maxCompositionDepth + 1)
    }

    /// Found by the `rules` fuzzer in an hour-long run: an alias holding NUL made Foundation's `String.contains`
    /// trap in the exclusion check ("届".contains("届\0"): index out of bounds), and `rules lint` died (exit 132).
    /// Control characters in strings are an error now, and left out of the phrase.
    @Test(.timeLimit(.minutes(1))) func aPhraseWithNULIsAnErrorNotATrap() {
        for text in ["term 就=\"\"term 十=\"届\u{0}\nexcept\"届", "term t = \"届\u{0}\" except \"届\"\n", "term t = \"届\\u{0}\" except \"届\"\n"] {
            let result = RuleSetLoader.load(source: text, path: "nul.rules")
            #expect(result.diagnostics.contains { $0.code == "control-character" }, "\(text.debugDescription)")
            #expect(!result.ruleSet.resolvedTerms.values.contains { t in (t.aliases + t.exclusions).contains { $0.unicodeScalars.contains("\u{0}") } })
        }
    }

    /// Found by the `rules` fuzzer: Foundation's regex compiler (Swift 6.3.1) leaks a copy of every pattern
    /// longer than 256 UTF-16 units, each time it compiles one. Such a section pattern is an error, and the
    /// engine never compiles it; 256 units are still a pattern.
    @Test(.timeLimit(.minutes(1))) func aSectionPatternPast256UnitsIsRefusedNotLeaked() throws {
        func file(_ pattern: String) -> String {
            "goal 1 \"x\" {\n  cite \"c\"\n  require mention \"产业\" in section /\(pattern)/\n}\n"
        }
        let longest = String(repeating: "产", count: SectionPattern.maximumLength)
        let fine = RuleSetLoader.load(source: file(longest), path: "long.rules")
        #expect(!fine.diagnostics.contains { $0.code == "pattern-too-long" })
        #expect(SectionPattern(pattern: longest, raw: longest).regularExpression() != nil)
        // One character past it: as Chinese, and as a supplementary-plane character that counts twice.
        for pattern in [longest + "业", String(repeating: "产", count: SectionPattern.maximumLength - 1) + "𠀀"] {
            let result = RuleSetLoader.load(source: file(pattern), path: "long.rules")
            let refused = result.diagnostics.filter { $0.code == "pattern-too-long" }
            #expect(refused.count == 1)
            #expect(refused.first?.location.line == 3)
            #expect(refused.first?.level == .error)
            #expect(SectionPattern(pattern: pattern, raw: pattern).regularExpression() == nil)
            #expect(!SectionPattern(pattern: pattern, raw: pattern).matches(heading: pattern))
        }
        // The fuzzer's input, decoded as it decodes bytes: its unterminated pattern runs on for 263 units.
        // (Its seed in fuzz/corpus/rules replays it under LeakSanitizer in CI's fuzz run.)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: reliabilityFixture("fuzz-rules-regex-leak.rules")))
        let fuzzed = RuleSetLoader.load(source: String(decoding: bytes, as: UTF8.self), path: "fuzz.rules")
        #expect(fuzzed.diagnostics.filter { $0.code == "pattern-too-long" }.map(\.location.line) == [11])
    }

    /// Each term of a chain includes the one before, so term k has k aliases: 2,000 terms took 29.8 s to lint
    /// (aliases searched for in lists) and 4,000 minutes. Past 100,000 aliases in all the set is refused, once,
    /// at the term that went over; below that, it lints.
    @Test(.timeLimit(.minutes(1))) func aChainThatRepeatsEveryAliasIsRefusedWhereItGrowsTooLarge() {
        func chain(_ n: Int) -> String {
            "term t0 = \"词0\"\n" + (1..<n).map { "term t\($0) = t\($0 - 1) | \"词\($0)\"\n" }.joined()
                + "\ngoal 1 \"x\" {\n  cite \"c\"\n  require mention t\(n - 1)\n}\n"
        }
        let large = RuleSetLoader.load(source: chain(4_000), path: "chain.rules").diagnostics.filter { $0.code == "terms-too-large" }
        #expect(large.count == 1)
        // Terms t0…t445 hold 1 + 2 + … + 446 = 99,681 aliases; t446 brings 447 more.
        #expect(large.first?.location.line == 447)
        #expect(large.first?.message.hasPrefix("with term t446,") == true)
        let fine = RuleSetLoader.load(source: chain(400), path: "chain.rules")
        #expect(!fine.diagnostics.contains { $0.level == .error }, "\(fine.diagnostics.filter { $0.level == .error })")
        #expect(fine.ruleSet.resolvedTerms["t399"]?.aliases.count == 400)
    }
}

/// A hostile input reduced from fuzzing (issue #12): the committed copy under Tests/Fixtures/reliability, or
/// the shared one beside the repository.
func reliabilityFixture(_ name: String) -> String {
    let committed = repositoryRoot.appendingPathComponent("Tests/Fixtures/reliability/" + name).path
    if FileManager.default.fileExists(atPath: committed) { return committed }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reliability/" + name).path
}
