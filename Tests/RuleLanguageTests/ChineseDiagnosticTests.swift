import Foundation
import Localization
import Testing
@testable import RuleLanguage
import TestSupport

/// Every diagnostic is written in Chinese as well as English where it is made (issue #16): the golden corpus
/// of broken rule files, and the few problems that need a path, a huge input or a folder, are checked for a
/// real Chinese message and hint; the Chinese rendering is pinned for a few diagnostics.
@Suite struct ChineseDiagnosticTests {
    /// Lower-case words a Chinese diagnostic may hold besides rule-language keywords (`reservedWords`), codes
    /// and the names and quotations of the rule file itself: the statuses `expect` takes, the words of the
    /// `plancheck rules matches` command line and of a `# lint: allow` comment.
    static let allowedWords: Set<String> = [
        "covered", "weak", "missing", "conflicting", "not", "applicable",
        "plancheck", "rules", "matches", "lint", "allow",
    ]

    /// The diagnostics of the golden corpus, each with the text of the file it is about.
    static func corpus() throws -> [(Diagnostic, String)] {
        var out: [(Diagnostic, String)] = []
        let names = try FileManager.default.contentsOfDirectory(atPath: goldenDirectory.path).filter { $0.hasSuffix(".rules") }.sorted()
        for name in names {
            let path = goldenDirectory.appendingPathComponent(name).path
            let result = RuleSetLoader.load(path: path)
            for d in result.diagnostics { out.append((d, result.sources.values.joined(separator: "\n"))) }
        }
        // What no golden file shows: a missing path, a folder without rules, a damaged file, a deep chain of
        // terms, a file full of errors, a rule file that is not UTF-8.
        for d in RuleSetLoader.load(path: "/no/such/rules").diagnostics { out.append((d, "")) }
        let empty = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        for d in RuleSetLoader.load(path: empty.path).diagnostics { out.append((d, "")) }
        let gbk = empty.appendingPathComponent("gbk.txt").path
        _ = FileManager.default.createFile(atPath: gbk, contents: Data([0xD1, 0xD0, 0xB7, 0xA2, 0xFF]))
        for d in RuleSetLoader.load(path: gbk).diagnostics { out.append((d, "")) }
        let chain = (0..<150).map { "term t\($0) = t\($0 + 1)\n" }.joined() + "term t150 = \"x\"\n"
        for d in RuleSetLoader.load(source: chain, path: "chain.rules").diagnostics { out.append((d, chain)) }
        let many = String(repeating: "goal 1 \"x\" {\n  requir mention \"y\"\n}\n", count: 150)
        for d in RuleSetLoader.load(source: many, path: "many.rules").diagnostics { out.append((d, many)) }
        return out
    }

    /// The lower-case English words of a Chinese text that are not keywords, codes or the file's own words,
    /// once quotations (`"…"`, `'…'`, `“…”`, `` `…` ``), patterns, placeholders and paths are set aside.
    static func englishWords(in text: String, source: String, codes: Set<String>) -> [String] {
        var t = text
        for pattern in [#"\S*[./]\S*"#, #""[^"\n]*""#, #"'[^'\n]*'"#, "“[^”]*”", "`[^`]*`", "<[^>]*>", #"/[^/\s]*/"#] {
            t = t.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let sourceWords = Set(source.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }.map(String.init))
        var found: [String] = []
        let ns = t as NSString
        let regex = try! NSRegularExpression(pattern: "[A-Za-z]+(?:-[A-Za-z]+)*")
        for m in regex.matches(in: t, range: NSRange(location: 0, length: ns.length)) {
            let word = ns.substring(with: m.range)
            guard word.count >= 3, word == word.lowercased() else { continue }
            let parts = word.split(separator: "-").map(String.init)
            if codes.contains(word) || parts.allSatisfy({ reservedWords.contains($0) || allowedWords.contains($0) || sourceWords.contains($0) }) {
                continue
            }
            found.append(word)
        }
        return found
    }

    @Test func everyDiagnosticHasARealChineseMessageAndHint() throws {
        let corpus = try Self.corpus()
        let codes = Set(corpus.map(\.0.code))
        #expect(codes.count >= 70, "the corpus shows only \(codes.count) codes")
        var hints = 0
        for (d, source) in corpus {
            let where_ = "\(d.code) at \(d.location): \(d.message)"
            #expect(!d.chineseMessage.isEmpty, "\(where_)")
            #expect(d.chineseMessage != d.message, "\(where_): the Chinese message is the English one")
            #expect(d.chineseMessage.unicodeScalars.contains { $0.properties.isIdeographic }, "\(where_): \(d.chineseMessage)")
            #expect(!d.chineseMessage.hasSuffix("。"), "\(where_): \(d.chineseMessage)")
            #expect(Self.englishWords(in: d.chineseMessage, source: source, codes: codes).isEmpty,
                    "\(where_): English in \(d.chineseMessage): \(Self.englishWords(in: d.chineseMessage, source: source, codes: codes))")
            #expect((d.hint == nil) == (d.chineseHint == nil), "\(where_): a hint in one language only")
            guard let hint = d.hint, let chinese = d.chineseHint else { continue }
            hints += 1
            #expect(!chinese.isEmpty, "\(where_)")
            #expect(Self.englishWords(in: chinese, source: source, codes: codes).isEmpty,
                    "\(where_): English in the hint \(chinese): \(Self.englishWords(in: chinese, source: source, codes: codes))")
            // A hint may read the same in both languages only when it is a rule-language example (`period 2026..2030`).
            if chinese == hint {
                #expect(Self.englishWords(in: hint, source: source, codes: codes).isEmpty, "\(where_): the Chinese hint is the English one: \(hint)")
            }
        }
        #expect(hints > 100)
    }

    /// The codes the corpus shows are the ones docs/rule-language.md lists, and every code a site in
    /// Sources/RuleLanguage makes is in the corpus (so the test above has seen its Chinese text).
    @Test func theCorpusShowsEveryDocumentedCode() throws {
        let shown = Set(try Self.corpus().map(\.0.code))
        let docs = try readText(repositoryRoot.appendingPathComponent("docs/rule-language.md"))
        for code in shown.sorted() { #expect(docs.contains("`\(code)`"), "\(code) is not in docs/rule-language.md") }
        let made = try GoldenDiagnosticTests.codesMade()
        // `terms-too-large` needs thousands of chained terms (HostileRuleFileTests shows it, slowly);
        // `unreadable-file` a file the test cannot make unreadable as root.
        for code in made.subtracting(["terms-too-large", "unreadable-file"]).sorted() {
            #expect(shown.contains(code), "no diagnostic of the corpus has the code \(code)")
        }
    }

    /// Every site writes its own Chinese: no diagnostic is made from one English text for both languages.
    @Test func noSiteUsesTheLanguageNeutralInitializer() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Sources/RuleLanguage").path)
        where name.hasSuffix(".swift") {
            let text = try readText(repositoryRoot.appendingPathComponent("Sources/RuleLanguage/\(name)"))
            #expect(text.range(of: #"Diagnostic\(\.\w+, "[a-z0-9-]+", ""#, options: .regularExpression) == nil, "\(name) makes a diagnostic from a bare string")
            #expect(text.range(of: #"(error|warning|report)\("[a-z0-9-]+", ""#, options: .regularExpression) == nil, "\(name) reports a bare string")
        }
    }

    static func render(_ source: String, codes: Set<String>, language: Language) -> String {
        let result = RuleSetLoader.load(source: source, path: "t.rules")
        let shown = result.diagnostics.filter { codes.contains($0.code) }
        return DiagnosticRenderer(sources: result.sources, language: language).render(shown)
    }

    @Test func chineseRendering() {
        let source = """
            ruleset "测试" {
              period 2026..2030
            }
            term 研发强度 = "研发投入强度" unit %
            goal 5.2 "科技创新高地" {
              require target 研发强读 >= 3.2% by 2030
            }

            """
        #expect(Self.render(source, codes: ["unknown-term", "no-citation"], language: .zh) == """
            t.rules:5:6: 警告：目标 5.2 没有引用上级依据
            goal 5.2 "科技创新高地" {
                 ^~~
            建议：引用它所出自的上级依据：cite 建议 item 5 "…"
            t.rules:6:18: 错误：未知的术语 研发强读
              require target 研发强读 >= 3.2% by 2030
                             ^~~~~~~~
            建议：你是不是想写 研发强度？

            """)
        // English stays as it was, byte for byte.
        #expect(Self.render(source, codes: ["unknown-term", "no-citation"], language: .en) == """
            t.rules:5:6: warning: goal 5.2 has no citation
            goal 5.2 "科技创新高地" {
                 ^~~
            hint: cite the city sentence it comes from: cite 建议 item 5 "…"
            t.rules:6:18: error: unknown term 研发强读
              require target 研发强读 >= 3.2% by 2030
                             ^~~~~~~~
            hint: did you mean 研发强度?

            """)
    }

    @Test func chineseSyntaxErrors() {
        let source = """
            goal 1 "创新" {
              requir mention "研发"
            }
            term 研发 = "研发"

            """
        #expect(Self.render(source, codes: ["syntax"], language: .zh) == """
            t.rules:2:3: 错误：目标中不能有 'requir'；应为 area、severity、weight、tags、cite、applies、except、scope、require、expect、suggest 或 when
              requir mention "研发"
              ^~~~~~
            建议：你是不是想写 require？

            """)
        let missingEquals = "term 研发强度 \"研发投入强度\"\n"
        #expect(Self.render(missingEquals, codes: ["syntax"], language: .zh) == """
            t.rules:1:11: 错误：此处应有术语名后的 '='，却是 "研发投入强度"
            term 研发强度 "研发投入强度"
                          ^~~~~~~~~~~~~~
            建议：term 研发强度 = "研发投入强度" | "R&D投入强度"

            """)
    }

    @Test func colorLabelsInChinese() {
        let d = Diagnostic(.error, "x", LocalizedText(en: "message", zh: "说明"), at: SourceRange(.file("f.rules"), .file("f.rules")),
                           hint: LocalizedText(en: "fix it", zh: "改正"))
        #expect(DiagnosticRenderer(sources: [:], color: true, language: .zh).render(d) == "f.rules: \u{1B}[1;31m错误：\u{1B}[0m说明\n建议：改正\n")
        #expect(DiagnosticRenderer(sources: [:], color: true).render(d) == "f.rules: \u{1B}[1;31merror:\u{1B}[0m message\nhint: fix it\n")
        #expect(d.message(in: .zh) == "说明" && d.message(in: .en) == "message")
        #expect(d.hint(in: .zh) == "改正" && d.hint(in: .en) == "fix it")
    }

    @Test func loadResultRendersInEitherLanguage() {
        let result = RuleSetLoader.load(path: "/no/such/rules")
        #expect(result.rendered() == "/no/such/rules: error: no such file or folder\n")
        #expect(result.rendered(language: .zh) == "/no/such/rules: 错误：没有这个文件或文件夹\n")
    }
}
