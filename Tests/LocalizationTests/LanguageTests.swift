import Foundation
import Localization
import Testing
import TestSupport

@Suite struct LanguageTests {
    @Test func theFlagComesFirstThenTheVariableThenTheRulesThenTheLocale() throws {
        let zhLocale = ["LANG": "zh_CN.UTF-8"]
        #expect(try Language.resolve(asked: .en, environment: ["PLANCHECK_LANG": "zh"], declared: .zh) == .en)
        #expect(try Language.resolve(asked: nil, environment: ["PLANCHECK_LANG": "en", "LANG": "zh_CN.UTF-8"], declared: .zh) == .en)
        #expect(try Language.resolve(asked: nil, environment: ["LANG": "C"], declared: .zh) == .zh, "a CI machine's C locale does not win over the rules")
        #expect(try Language.resolve(asked: nil, environment: zhLocale, declared: nil) == .zh)
        #expect(try Language.resolve(asked: nil, environment: [:], declared: nil) == .en)
    }

    @Test func theLocaleIsReadAsPOSIXOrdersIt() throws {
        // LC_ALL overrides LC_MESSAGES, which overrides LANG; an empty one is not set.
        #expect(try Language.resolve(asked: nil, environment: ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], declared: nil) == .en)
        #expect(try Language.resolve(asked: nil, environment: ["LC_ALL": "", "LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US"], declared: nil) == .zh)
        #expect(try Language.resolve(asked: nil, environment: ["LC_MESSAGES": "fr_FR", "LANG": "zh_CN"], declared: nil) == .en)
    }

    @Test(arguments: [("zh", Language.zh), ("ZH_cn.utf-8", .zh), ("zh-Hans", .zh), ("en", .en), ("en_GB", .en), ("C", .en)])
    func codesAreReadAsLocalesWriteThem(_ code: String, _ language: Language) {
        #expect(Language(code: code) == language)
    }

    @Test func aLanguagePlancheckDoesNotSpeakIsAnError() {
        #expect(Language(code: "fr") == nil && Language(code: "zhx") == nil && Language(code: "") == nil)
        #expect(throws: LanguageError.self) { try Language.resolve(asked: nil, environment: ["PLANCHECK_LANG": "fr"], declared: .zh) }
        do {
            _ = try Language.resolve(asked: nil, environment: ["PLANCHECK_LANG": "de"], declared: nil)
            Issue.record("PLANCHECK_LANG=de was accepted")
        } catch {
            #expect(error.description.contains("PLANCHECK_LANG=de") && error.description.contains("zh (简体中文)"))
        }
    }
}

@Suite struct ChineseDateTests {
    @Test func datesAreWrittenAsChineseDocumentsWriteThem() {
        #expect(Language.zh.date("2026-12-02") == "2026年12月2日")
        #expect(Language.zh.date("2030-01-31") == "2030年1月31日")
        #expect(Language.en.date("2026-12-02") == "2026-12-02")
        // Not a date: left as it is, never a wrong one.
        for s in ["2026-13-01", "26-12-02", "2026-12", "明年", ""] { #expect(Language.zh.date(s) == s) }
    }
}

@Suite struct VocabularyTests {
    /// The table in docs/vocabulary.md, as (word, English, Chinese).
    static func documented() throws -> [(String, String, String)] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/vocabulary.md"), encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| word") }.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (cells[0], cells[1], cells[2])
        }
    }

    @Test func theDocumentedTableIsTheCodesTable() throws {
        let code = Word.allCases.map { ($0.rawValue, $0.text(.en), $0.text(.zh)) }
        let docs = try Self.documented()
        #expect(docs.map(\.0) == code.map(\.0))
        #expect(docs.map(\.1) == code.map(\.1))
        #expect(docs.map(\.2) == code.map(\.2))
    }

    @Test func oneWordForOneThing() {
        for language in Language.allCases {
            let words = Word.allCases.map { $0.text(language) }
            #expect(Set(words).count == words.count, "two things share a word in \(language)")
            #expect(words.allSatisfy { !$0.isEmpty })
        }
    }
}
