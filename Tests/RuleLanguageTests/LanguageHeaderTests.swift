import Localization
import Testing
@testable import RuleLanguage

/// `language zh` in the ruleset header: read, checked once, kept by the formatter.
@Suite struct LanguageHeaderTests {
    let source = """
        ruleset "测试" {
          language en
          period 2026..2030
        }

        """

    @Test func theHeaderDeclaresTheReportsLanguage() {
        let loaded = RuleSetLoader.load(source: source, path: "t.rules")
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.ruleSet.language == .en)
        #expect(RuleSetLoader.load(source: "ruleset \"测试\" {\n  period 2026..2030\n}\n", path: "t.rules").ruleSet.language == nil)
    }

    @Test func theFormatterPutsItAfterThePeriod() throws {
        let formatted = try #require(RuleFormatter.format(source: source, path: "t.rules").output)
        #expect(formatted == "ruleset \"测试\" {\n  period 2026..2030\n  language en\n}\n")
    }

    @Test func twiceIsAnError() {
        let loaded = RuleSetLoader.load(source: "ruleset \"测试\" {\n  language zh\n  language en\n}\n", path: "t.rules")
        #expect(loaded.diagnostics.contains { $0.code == "duplicate-setting" && $0.range.start.line == 3 })
    }
}
