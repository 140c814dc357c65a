import Alignment
import Localization
import RuleLanguage
import Testing
@testable import Reports

/// The terminal summary's columns line up whatever the labels' script: widths are counted in terminal
/// cells (a CJK character takes two), not in characters.
@Suite struct TextColumnsTests {
    /// The cell at which each gap line's title starts (after the severity and the status columns).
    func titleColumns(_ text: String, titles: [String]) -> [Int] {
        text.split(separator: "\n").compactMap { line in
            guard let t = titles.first(where: { line.contains($0) }), let r = line.range(of: t) else { return nil }
            return DisplayWidth.of(String(line[..<r.lowerBound]))
        }
    }

    @Test(arguments: Language.allCases)
    func theGapTitlesStartInOneColumn(_ language: Language) throws {
        let report = try sampleReport()
        var text = TextReport(color: false, limit: 0)
        text.language = language
        let out = text.render(report)
        let titles = report.findings.filter(\.isOpenGap).map { $0.kind == .goal ? "\($0.goal) \($0.title)" : $0.title }
        let columns = titleColumns(out, titles: titles)
        #expect(columns.count >= 3, "gap lines found")
        #expect(Set(columns).count == 1, "titles start at cells \(Set(columns).sorted())")
        if language == .zh {
            #expect(out.contains("缺失") && out.contains("表述偏弱"), "the statuses in Chinese")
        }
    }

    @Test func paddingCountsCellsNotCharacters() {
        let t = TextReport(color: false)
        #expect(t.pad("缺失", 11) == "缺失       ")   // 4 cells + 7 spaces
        #expect(t.pad("missing", 11) == "missing    ")
        #expect(t.pad("相近表述（仅供参考）", 4) == "相近表述（仅供参考）", "a longer label is never cut")
    }
}
