import Foundation
import Testing
@testable import Alignment
@testable import DocumentModel

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
}
