import Foundation
import Testing
@testable import RuleLanguage
import TestSupport

/// Mangles valid rule files thousands of times (deleting, duplicating, swapping tokens, inserting
/// stray characters) and checks that loading never crashes or hangs, that every diagnostic points
/// into the file, and that whatever still parses formats idempotently without changing meaning.
@Suite struct RobustnessTests {
    static let seeds: [URL] = ruleFiles(under: repositoryRoot.appendingPathComponent("Rules"))
        + ruleFiles(under: goldenDirectory)

    /// Characters that matter to the lexer, for character-level damage.
    static let strays: [String] = ["\"", "\"\"\"", "/", "{", "}", "(", ")", "\\", "\n", "#", "|", ",", "=", ">=", "..",
                                   "%", "亿元", "3.2", "2-3", "“", "研", " ", "\t", "\u{3000}", "\\u{", "-", "by", "when"]

    // Each file is bounded (`slowest < 2` s below); the limit on all 5,000 only catches a hang, so it is
    // generous: on a loaded 2-core machine the whole run took 100 s.
    @Test(.timeLimit(.minutes(10))) func mangledFilesNeverCrashOrHang() throws {
        #expect(!Self.seeds.isEmpty)
        var rng = SplitMix64(seed: 20251223)
        var parsedCleanly = 0
        var slowest = 0.0
        let iterations = 5000
        // Seeds are the valid files: those that parse (golden inputs with syntax errors are left out).
        let texts = Self.seeds.compactMap { url in (try? readText(url)).map { (url: url, text: $0) } }
            .filter { RuleFormatter.format(source: $0.text, path: $0.url.path).output != nil }
        #expect(texts.count > 40)
        for n in 0..<iterations {
            let seed = texts[n % texts.count]
            let mangled = Self.mangle(seed.text, rng: &rng)
            // Load as if it were the seed file, so its includes resolve (and sometimes cycle or go missing).
            let path = seed.url.deletingLastPathComponent().appendingPathComponent("fuzz.rules").path
            let start = Date()
            let result = RuleSetLoader.load(source: mangled, path: path)
            let lineCount = mangled.split(separator: "\n", omittingEmptySubsequences: false).count
            for d in result.diagnostics where d.location.file == path {
                #expect(d.location.line >= 0 && d.location.line <= lineCount + 1, "diagnostic outside the file: \(d)")
                _ = DiagnosticRenderer(sources: result.sources).render(d)
            }
            let formatted = RuleFormatter.format(source: mangled, path: path)
            if let out = formatted.output {
                parsedCleanly += 1
                let again = RuleFormatter.format(source: out, path: path)
                #expect(again.output == out, "not idempotent on:\n\(mangled)")
                let before = structure(mangled, path: path).dump
                let after = structure(out, path: path)
                #expect(after.errors.isEmpty, "formatted text does not parse:\n\(out)")
                #expect(after.dump == before, "formatting changed the meaning of:\n\(mangled)")
                let comments = RuleParser.parse(source: mangled, path: path).file.comments.map(\.text)
                let kept = RuleParser.parse(source: out, path: path).file.comments.map(\.text)
                #expect(kept.sorted() == comments.sorted(), "comments lost or changed in:\n\(mangled)")
                if again.output != out || after.dump != before { break }
            }
            slowest = max(slowest, Date().timeIntervalSince(start))
        }
        // The mangling must leave some files valid, or the formatter half of the test tests nothing.
        #expect(parsedCleanly > iterations / 20)
        print("robustness: \(iterations) mangled files, \(parsedCleanly) still parsed and were formatted, slowest \(Int(slowest * 1000)) ms")
        #expect(slowest < 2, "one file took \(slowest) s")
    }

    /// One to three random edits, at the token level mostly, sometimes at the character level.
    ///
    /// The file is lexed once; edits are applied from the end of the file backwards, so the token
    /// spans of the edits still to come stay valid.
    static func mangle(_ text: String, rng: inout SplitMix64) -> String {
        // A third of the time, edit whole lines: the result often still parses, which exercises the
        // formatter's handling of moved statements, comments and blank lines.
        if Int.random(in: 0..<3, using: &rng) == 0 { return mangleLines(text, rng: &rng) }
        let lexed = Lexer.tokenize(text, file: "")
        var scalars = Array(text.unicodeScalars)
        let spans = lexed.tokens.dropLast().map { $0.range.start.offset..<$0.range.end.offset }
        guard !spans.isEmpty else { return text }
        // Each edit replaces one span of the file with new text.
        var edits: [(Range<Int>, [Unicode.Scalar])] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let span = spans[Int.random(in: 0..<spans.count, using: &rng)]
            let piece = Array(scalars[span])
            switch Int.random(in: 0..<5, using: &rng) {
            case 0:  // delete a token
                edits.append((span, []))
            case 1:  // duplicate a token
                edits.append((span, piece + [" "] + piece))
            case 2:  // swap two tokens
                let other = spans[Int.random(in: 0..<spans.count, using: &rng)]
                guard !other.overlaps(span) else { continue }
                edits.append((span, Array(scalars[other])))
                edits.append((other, piece))
            case 3:  // insert a stray character sequence
                let at = Int.random(in: 0...scalars.count, using: &rng)
                edits.append((at..<at, Array(strays.randomElement(using: &rng)!.unicodeScalars)))
            default:  // move a token elsewhere
                let at = Int.random(in: 0...scalars.count, using: &rng)
                edits.append((span, []))
                edits.append((at..<at, [" "] + piece + [" "]))
            }
        }
        var applied: [Range<Int>] = []
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            guard !applied.contains(where: { $0.overlaps(range) || $0.lowerBound == range.lowerBound }) else { continue }
            scalars.replaceSubrange(range, with: replacement)
            applied.append(range)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    static func mangleLines(_ text: String, rng: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let i = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
            case 3: lines[i] += "  # 注释 \(i)"
            case 4: lines.insert(String(repeating: " ", count: Int.random(in: 0...6, using: &rng)) + "# 行注释", at: i)
            default: lines.insert("", at: i)
            }
            if lines.isEmpty { break }
        }
        return lines.joined(separator: "\n")
    }

    /// Hostile shapes of input (thousands of broken goals, of unknown names, of comments, a long
    /// garbage line) must cost time in proportion to their size: 4× the input may not take 10× the time.
    @Test(.timeLimit(.minutes(1))) func pathologicalInputsScaleLinearly() {
        let shapes: [(String, (Int) -> String)] = [
            ("broken goals", { n in (0..<n).map { "goal 1 \"x\" { @ 丁\($0 % 50) \"unterminated\n" }.joined() }),
            ("unknown names", { n in
                (0..<n).map { "term 词\($0) = \"别名\($0)\"\n" }.joined()
                    + (0..<n).map { "goal \($0) \"x\" {\n  cite \"a\"\n  require mention 未\($0)\n}\n" }.joined()
            }),
            ("comments", { n in (0..<n).map { "# 注释\($0)\nterm 词\($0) = \"别名\($0)\"  # 行尾\n" }.joined() }),
            ("garbage", { n in String(repeating: "@ a ` ", count: n * 10) }),
        ]
        for (name, make) in shapes {
            func cost(_ n: Int) -> Double {
                let text = make(n)
                var best = Double.infinity
                for _ in 0..<2 {
                    let start = Date()
                    let result = RuleSetLoader.load(source: text, path: "p.rules")
                    _ = result.rendered()
                    _ = RuleFormatter.format(source: text, path: "p.rules")
                    best = min(best, Date().timeIntervalSince(start))
                }
                return best
            }
            let small = cost(300), large = cost(1200)
            print("scaling, \(name): \(Int(small * 1000)) ms for 300, \(Int(large * 1000)) ms for 1200")
            #expect(large < max(small, 0.02) * 10, "\(name): \(small) s for 300, \(large) s for 1200")
        }
    }
}
