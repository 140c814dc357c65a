import Foundation
import Testing
@testable import RuleLanguage
import TestSupport

/// The formatter: one canonical layout, idempotent, meaning-preserving, comments kept.
@Suite struct FormatterTests {
    /// Every rule file in the repository, and every golden input that parses.
    static let corpus: [URL] = ruleFiles(under: repositoryRoot.appendingPathComponent("Rules")) + ruleFiles(under: goldenDirectory)

    @Test func theCorpusIsNotEmpty() {
        #expect(ruleFiles(under: repositoryRoot.appendingPathComponent("Rules")).count >= 2)
    }

    @Test(arguments: corpus) func idempotentAndMeaningPreserving(_ url: URL) throws {
        guard let text = try? readText(url) else { return }  // the deliberately non-UTF-8 golden file
        let first = RuleFormatter.format(source: text, path: url.path)
        guard let once = first.output else {
            // Only files with syntax errors may be refused, and never a file under Rules/.
            #expect(!url.path.contains("/Rules/"), "\(url.path) does not parse: \(first.diagnostics)")
            #expect(first.diagnostics.contains { $0.level == .error })
            return
        }
        let twice = RuleFormatter.format(source: once, path: url.path).output
        #expect(twice == once, "fmt(fmt(x)) != fmt(x) for \(url.lastPathComponent)")
        let before = structure(text, path: url.path)
        let after = structure(once, path: url.path)
        #expect(after.errors.isEmpty)
        #expect(after.dump == before.dump, "parse(fmt(x)) != parse(x) for \(url.lastPathComponent)")
        // Every comment survives, word for word.
        let (file, _) = RuleParser.parse(source: text, path: url.path)
        for c in file.comments { #expect(once.contains(c.text), "lost comment \(c.text)") }
    }

    @Test func rulesUnderRulesAreAlreadyFormatted() throws {
        for url in ruleFiles(under: repositoryRoot.appendingPathComponent("Rules")) {
            let text = try readText(url)
            #expect(RuleFormatter.format(source: text, path: url.path).output == text, "\(url.path) is not formatted")
        }
    }

    @Test func canonicalLayout() {
        let messy = #"""


            # file comment
            ruleset   "测试"{ # after the brace
                include "common/indicators.rules"
              period 2026 .. 2030   # the period
            # about the source
              source 建议="建议全文"   published 2025-1-5
            }
            term A="a"|"b" # trailing
            term B = A | "c"   except "cc"
            goal   X1 "t" {require mention any（"a"， B） # first clause
              when mention A then suggest target "比重" ≥ 3.2 % by 2030年
                # about the weight


                weight 2.50
              cite "文件" item 第5条 "一\n二"
            }  # after the goal
            retire "x"|"y" use "z"
            test "t" {
              expect X1 covered
              plan "p"
            }
            # the end
            """#
        let expected = #"""
            # file comment
            ruleset "测试" {  # after the brace
              # about the source
              source 建议 = "建议全文" published 2025-01-05
              period 2026..2030  # the period
              include "common/indicators.rules"
            }

            term A = "a" | "b"  # trailing
            term B = A | "c" except "cc"

            goal X1 "t" {
              # about the weight

              weight 2.5
              cite "文件" item 第5条 """
                一
                二
                """
              require mention any("a", B)  # first clause
              when mention A then suggest target "比重" >= 3.2% by 2030
            }  # after the goal

            retire "x" | "y" use "z"

            test "t" {
              plan "p"
              expect X1 covered
            }
            # the end

            """#
        #expect(RuleFormatter.format(source: messy, path: "m.rules").output == expected)
    }

    @Test func longTermsWrapOneAliasPerLine() {
        let aliases = (1...6).map { "\"研究与试验发展经费投入强度\($0)\"" }.joined(separator: " | ")
        let out = RuleFormatter.format(source: "term 研发强度 = \(aliases) except \"研发中心\" unit %\n", path: "w").output
        #expect(out == """
            term 研发强度 = "研究与试验发展经费投入强度1"
              | "研究与试验发展经费投入强度2"
              | "研究与试验发展经费投入强度3"
              | "研究与试验发展经费投入强度4"
              | "研究与试验发展经费投入强度5"
              | "研究与试验发展经费投入强度6"
              except "研发中心"
              unit %

            """)
    }

    @Test func stringsAreCanonicalButKeepTheirValue() {
        let source = #"term 引号 = "\u{7814}发" | "他说\"好\"" | "a\tb" | "行一\n行二""# + "\n"
        let out = RuleFormatter.format(source: source, path: "s").output ?? ""
        #expect(out.hasPrefix(#"term 引号 = "研发" | "他说\"好\"" | "a\tb" | """"#))
        #expect(structure(out).dump == structure(source).dump)
    }

    @Test func multilineStringsThatLookLikeDelimitersSurvive() {
        let source = "test \"t\" {\n  plan \"行一\\n\\\"\\\"\\\"行二\\n  \\n\"\n  expect 1 covered\n}\n"
        let out = RuleFormatter.format(source: source, path: "s").output ?? ""
        #expect(structure(out).errors.isEmpty, "\(out)")
        #expect(structure(out).dump == structure(source).dump, "\(out)")
        #expect(RuleFormatter.format(source: out, path: "s").output == out)
    }

    @Test func filesWithSyntaxErrorsAreLeftAlone() {
        let result = RuleFormatter.format(source: "goal 1 {\n", path: "bad.rules")
        #expect(result.output == nil)
        #expect(!result.diagnostics.isEmpty)
    }

    @Test func emptyAndCommentOnlyFiles() {
        #expect(RuleFormatter.format(source: "", path: "e").output == "")
        #expect(RuleFormatter.format(source: "\n\n# only a comment  \n\n", path: "e").output == "# only a comment\n")
    }

    /// Values that must be quoted to read back the same: numeric or keyword tags and areas, odd ids,
    /// and numbers that Swift would print in exponent form.
    @Test func literalsThatNeedQuotingOrCare() {
        let source = """
            ruleset "t" {
              areas "2030", "review", 民生
              profile p = tag "2030" | area "review" | goal "5 2"
            }
            goal "5 2" "t" {
              area "review"
              weight 0.0000001
              tags "2030", "a b", 约束性
              cite "文件" item "第 5 条"
            }
            goal 6 "t" {
              weight 100000000000000000000
            }

            """
        let out = RuleFormatter.format(source: source, path: "q").output ?? ""
        #expect(structure(out).errors.isEmpty, "\(out)")
        #expect(structure(out).dump == structure(source).dump, "\(out)")
        #expect(out.contains("weight 0.0000001\n"))
        #expect(out.contains("tags \"2030\", \"a b\", 约束性"))
    }
}
