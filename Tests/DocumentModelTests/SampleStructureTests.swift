import Foundation
import Testing
@testable import DocumentModel

@Suite struct HetangPlanTests {
    let doc: PlanDocument
    init() throws { doc = try readSample(Sample.hetang) }

    @Test func countsPartsChaptersSections() {
        #expect(doc.count(.part) == 4)
        #expect(doc.count(.chapter) == 16)
        #expect(doc.count(.section) == 49)
        #expect(doc.allSections.filter { $0.kind == .part }.map(\.title) == ["发展基础篇", "发展战略篇", "发展任务篇", "发展保障篇"])
        #expect(doc.allSections.filter { $0.kind == .chapter }.compactMap(\.number) == Array(1...16))
    }

    @Test func boxesThreeToEight() {
        let boxes = doc.allSections.filter { $0.kind == .box }
        #expect(boxes.compactMap(\.number) == [3, 4, 5, 6, 7, 8])
        #expect(boxes.first?.title == "“十四五”时期力争办好的十件大事")
        #expect(boxes.first?.startLine == 151)
    }

    @Test func glossaryHasTwentyEntries() throws {
        let glossary = try #require(doc.sections.first { $0.kind == .glossary })
        #expect(glossary.startLine == 499)
        #expect(glossary.children.count == 20)
        #expect(glossary.children.allSatisfy { $0.kind == .glossaryEntry })
        #expect(glossary.children.compactMap(\.number) == Array(1...20))
        #expect(glossary.children.first?.title == "三榜工作法")
        #expect(glossary.children[1].title == "两新一重")
        #expect(glossary.children.last?.title == "四有两责")
    }

    @Test func runInHeadingTitle() throws {
        let first = try #require(doc.allSections.first { $0.kind == .section })
        #expect(first.label == "第一节")
        #expect(first.title == "发展成就")
        #expect(first.startLine == 25)
        let chapter = try #require(doc.allSections.first { $0.kind == .chapter })
        #expect(chapter.title == "“十三五”发展成就和发展经验")   // PDF spaces inside the quotes removed
        #expect(doc.allSections.first { $0.kind == .chapter && $0.number == 4 }?.title == "发展目标")
    }

    @Test func titleAcrossLines() {
        #expect(doc.title == "株洲市荷塘区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要")
    }

    @Test func webHeaderAndFooterAreNoise() throws {
        let header = try #require(doc.noise.first)
        #expect(header.reason == .webHeader)
        #expect(header.startLine == 1)
        #expect(header.endLine == 7)
        #expect(header.text.contains("发表于"))
        let footer = try #require(doc.noise.last)
        #expect(footer.reason == .webFooter)
        #expect(footer.startLine == 542)
        #expect(footer.endLine == doc.lineCount)
        #expect(footer.text.contains("温馨提示"))
        #expect(!doc.sentenceRecords.contains { $0.text.contains("温馨提示") || $0.text.contains("发表于") || $0.text.contains("下载附件") })
    }

    @Test func sentenceCarriesPathAndOriginalSpan() throws {
        let bytes = try sampleBytes(Sample.hetang)
        let s = try #require(doc.sentenceRecords.first { $0.text.hasPrefix("2020年全区地区生产总值达到244.2亿元") })
        #expect(s.line == 27)
        #expect(s.path == ["第一篇", "第一章", "第一节"])
        #expect(s.original.hasPrefix("2020 年全区地区生产总值达到 244.2 亿元"))
        #expect(s.text == "2020年全区地区生产总值达到244.2亿元,五年平均增速约7.4%。")
        // The byte range quotes the original exactly.
        let quoted = String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self)
        #expect(quoted == s.original)
        // The column points at the sentence's first character in the original line.
        let line = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")[s.line - 1]
        #expect(String(line.unicodeScalars.dropFirst(s.column - 1).prefix(4).map(Character.init)) == "2020")
    }

    @Test func everySentenceQuotesItsOriginalBytes() throws {
        let bytes = try sampleBytes(Sample.hetang)
        for s in doc.sentenceRecords {
            #expect(String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self) == s.original)
        }
    }

    @Test func sectionLineRangesNest() {
        func check(_ s: Section) {
            #expect(s.startLine <= s.endLine)
            for c in s.children {
                #expect(c.startLine >= s.startLine && c.endLine <= s.endLine, "\(c.label) outside \(s.label)")
                check(c)
            }
        }
        doc.sections.forEach(check)
        #expect(doc.sections.reduce(0) { $0 + $1.sentenceCount } + doc.sentenceRecords.filter { $0.section == nil }.count == doc.sentenceRecords.count)
    }
}

@Suite struct ProposalTests {
    let doc: PlanDocument
    init() throws { doc = try readSample(Sample.proposal) }

    @Test func thirteenPartsAndFiftyTwoItems() {
        let parts = doc.sections.filter { $0.kind == .numberedPart }
        #expect(parts.count == 13)
        #expect(parts.compactMap(\.number) == Array(1...13))
        #expect(doc.allSections.filter { $0.kind == .item }.compactMap(\.number) == Array(1...52))
        #expect(parts.first?.title == "“十五五”时期面临的发展环境和基础条件")
    }

    @Test func itemFiveHoldsFiveGoals() throws {
        let item5 = try #require(doc.allSections.first { $0.kind == .item && $0.number == 5 })
        #expect(item5.title == "主要目标")
        let goals = item5.children.filter { $0.kind == .dashItem }
        #expect(goals.count == 5)
        #expect(goals.allSatisfy { $0.title.hasPrefix("建设") })
        #expect(goals.map(\.title).contains("建设更有核心竞争力的科技创新高地"))
        // The paragraph after the last goal belongs to item 5, not to the goal.
        let after = try #require(doc.sentenceRecords.first { $0.text.hasPrefix("在此基础上再奋斗五年") })
        #expect(after.section == item5.id)
    }

    @Test func runInItemBodyIsSentences() throws {
        let item6 = try #require(doc.allSections.first { $0.kind == .item && $0.number == 6 })
        #expect(item6.title == "梯度培育制造业产业集群")
        let first = try #require(doc.sentenceRecords.first { $0.section == item6.id })
        #expect(first.text.hasPrefix("坚持优势产业锻长板"))
        #expect(first.path == ["三、", "6."])
    }

    @Test func headerAndEditorAreNoise() {
        #expect(doc.noise.first?.reason == .webHeader)
        #expect(doc.noise.contains { $0.reason == .editorial && $0.text.contains("责任编辑") })
        #expect(doc.title == "中共株洲市委关于制定株洲市国民经济和社会发展第十五个五年规划的建议")
    }
}

@Suite struct NewspaperNoiseTests {
    @Test func communiqueNoticesAndInlinePageMarker() throws {
        let doc = try readSample(Sample.communique)
        let marker = try #require(doc.noise.first { $0.reason == .pageMarker })
        #expect(marker.startLine == 5)
        #expect(marker.text == "**上接A1版**")
        #expect(marker.startColumn == 1 && marker.endColumn == 10)
        let first = try #require(doc.sentenceRecords.first { $0.line == 5 })
        #expect(first.text.hasPrefix("从全国看"))
        #expect(first.column == 11)   // after `**上接A1版** `
        let notice = try #require(doc.noise.first { $0.reason == .trailingNotice })
        #expect(notice.startLine == 47)
        #expect(notice.endLine == doc.lineCount)
        #expect(!doc.sentenceRecords.contains { $0.text.contains("勤洗手") || $0.text.contains("戴口罩") })
        #expect(doc.sentenceRecords.contains { $0.text.contains("一谷三区") })
    }

    @Test func workReportPageMarkers() throws {
        let doc = try readSample(Sample.workReport)
        let markers = doc.noise.filter { $0.reason == .pageMarker }
        #expect(markers.map(\.text) == ["◀上接01版", "▶下转03版"])
        #expect(markers.map(\.startLine) == [1, 42])
        #expect(!doc.sentenceRecords.contains { $0.text.contains("上接") || $0.text.contains("下转") })
        #expect(doc.allSections.filter { $0.kind == .parenthesized }.compactMap(\.number) == [1, 2, 3, 4, 5])
    }

    @Test func congressLayoutDuplicationAndBylines() throws {
        let doc = try readSample(Sample.congress)
        let dups = doc.noise.filter { $0.reason == .layoutDuplicate }
        #expect(dups.map(\.startLine) == [67, 79])
        #expect(dups.allSatisfy { $0.detail.hasPrefix("repeats the end of line") })
        #expect(doc.noise.contains { $0.reason == .editorial && $0.text.contains("责任编辑") })
        #expect(doc.noise.contains { $0.reason == .editorial && $0.text.contains("记者") })
        #expect(doc.noise.contains { $0.reason == .caption && $0.startLine == 159 })
        // The duplicated tail is not a second sentence of the model.
        #expect(doc.sentenceRecords.filter { $0.text.hasPrefix("品质魅力株洲,推动营商环境更加优化") }.isEmpty)
        // The real targets are still there.
        #expect(doc.sentenceRecords.contains { $0.text.contains("超过70%") })
    }

    @Test func congressNewspaperNumberedHeadings() throws {
        let doc = try readSample(Sample.congress)
        #expect(doc.sections.map(\.title) == ["把握新发展阶段", "贯彻新发展理念", "融入新发展格局", "扛起新发展使命"])
        #expect(doc.sections.map(\.startLine) == [19, 29, 39, 49])
        // `1 勤洗手。…` in a notice is not such a heading: it has punctuation (and is noise anyway).
        let communique = try readSample(Sample.communique)
        #expect(communique.sections.isEmpty)
    }
}
