import Foundation
import Testing
@testable import DocumentModel

@Suite struct StructureTests {
    @Test func headingsWithAndWithoutSpace() throws {
        let doc = try readText("第一篇 发展基础篇\n第一章“十三五”成就\n第一节发展成就\n2020年完成目标。\n第二节 发展经验\n经验丰富。\n")
        let part = try #require(doc.sections.first)
        #expect(part.kind == .part && part.title == "发展基础篇")
        let chapter = try #require(part.children.first)
        #expect(chapter.title == "“十三五”成就")
        #expect(chapter.children.map(\.title) == ["发展成就", "发展经验"])
        #expect(chapter.children.map(\.endLine) == [4, 6])
        #expect(doc.sentenceRecords.first?.path == ["第一篇", "第一章", "第一节"])
    }

    @Test func decimalAtLineStartIsNotAHeading() throws {
        let doc = try readText("一、农业\n1.5万亩高标准农田建成。\n")
        #expect(doc.allSections.map(\.kind) == [.numberedPart])
        #expect(doc.sentenceRecords.first?.text == "1.5万亩高标准农田建成。")
    }

    @Test func numberOutOfSequenceInProseIsBody() throws {
        let text = """
        一、产业
        1.做强制造业。坚持制造强区。
        2.做优服务业。发展现代物流。
        5.这一句是正文里以数字开头的句子,并且很长。后面还有内容。
        3.做特农业。发展都市农业。
        """
        let doc = try readText(text)
        let items = doc.allSections.filter { $0.kind == .item }
        #expect(items.compactMap(\.number) == [1, 2, 3])
        #expect(items.map(\.title) == ["做强制造业", "做优服务业", "做特农业"])
        #expect(doc.sentenceRecords.contains { $0.text.hasPrefix("5.这一句是正文") && $0.path == ["一、", "2."] })
    }

    @Test func listInABoxIsNotAHeading() throws {
        let text = """
        第一节 产业布局
        专栏 4 产业升级“五大行动”
        1.强链行动
        2.补链行动
        （一）重点项目
        第二节 路网布局
        (一)完善路网。建设快速路。
        """
        let doc = try readText(text)
        let box = try #require(doc.allSections.first { $0.kind == .box })
        #expect(box.number == 4)
        #expect(box.title == "产业升级“五大行动”")
        #expect(box.children.isEmpty)
        #expect(box.sentenceCount == 3)
        #expect(box.endLine == 5)
        let second = try #require(doc.sections.last)
        #expect(second.title == "路网布局")
        #expect(second.children.first?.kind == .parenthesized)
        #expect(second.children.first?.title == "完善路网")
    }

    @Test func nestedNumberingLevels() throws {
        let text = """
        一、总体要求
        （一）指导思想
        1.坚持创新
        （1）加强研发
        （2）引进人才
        2.坚持开放
        （二）基本原则
        二、主要任务
        """
        let doc = try readText(text)
        #expect(doc.sections.map(\.title) == ["总体要求", "主要任务"])
        let first = doc.sections[0]
        #expect(first.children.map(\.label) == ["（一）", "（二）"])
        #expect(first.children[0].children.map(\.label) == ["1.", "2."])
        #expect(first.children[0].children[0].children.map(\.kind) == [.subitem, .subitem])
        #expect(first.endLine == 7)
    }

    @Test func longLineStartingLikeAChapterIsBody() throws {
        let doc = try readText("第一章 总则\n第三节所述的各项任务要在二〇二五年前全部完成,并纳入考核。\n")
        #expect(doc.allSections.count == 1)
        #expect(doc.sentenceRecords.count == 1)
    }

    @Test func sentencesSplitAtEndMarksAndKeepClosingQuotes() throws {
        let doc = try readText("第一章 总则\n要实现“高质量发展。”坚持创新!开放吗?合作;共享\n")
        #expect(doc.sentenceRecords.map(\.text) == ["要实现“高质量发展。”", "坚持创新!", "开放吗?", "合作;", "共享"])
        #expect(doc.sentenceRecords.map(\.column) == [1, 12, 17, 21, 24])
    }

    @Test func repeatedParagraphIsNoise() throws {
        let para = "全面落实减税降费政策,完善企业服务体系,打造一流营商环境。"
        let doc = try readText("第一章 总则\n\(para)\n其他内容。\n\(para)\n")
        let noise = try #require(doc.noise.first)
        #expect(noise.reason == .repeated)
        #expect(noise.startLine == 4)
        #expect(noise.detail == "same as line 2")
        #expect(doc.sentenceRecords.filter { $0.text == para }.count == 1)
    }

    @Test func noiseTextIsTheOriginalLines() throws {
        // The repeat is spaced out as a PDF leaves it: the block's text is the line as written, not normalized.
        let para = "全面落实减税降费政策,完善企业服务体系,打造一流营商环境。"
        let spaced = "全面落实 减税降费政策,完善企业服务体系,\u{3000}打造一流营商环境。"
        let body = (1...12).map { "第\($0)项工作要全面推进,确保取得实效,为高质量发展打下坚实基础。" }.joined(separator: "\n")
        let doc = try readText("第一章 总则\n\(para)\n\(body)\n\(spaced)\n版权所有 株洲市人民政府\n\n网站地图\n")
        let repeated = try #require(doc.noise.first { $0.reason == .repeated })
        #expect(repeated.text == spaced)
        // A footer is one block over several lines; the blank line between them is left out of its text.
        let footer = try #require(doc.noise.first { $0.reason == .webFooter })
        #expect(footer.startLine == 16 && footer.endLine == 18)
        #expect(footer.text == "版权所有 株洲市人民政府\n网站地图")
        // Equality, hashing and JSON see the text, whether it was read from the source or given.
        let data = try JSONEncoder().encode(footer)
        let decoded = try JSONDecoder().decode(NoiseBlock.self, from: data)
        #expect(decoded == footer && decoded.hashValue == footer.hashValue && decoded.text == footer.text)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["startLine", "endLine", "reason", "detail", "text"])
        #expect(object["text"] as? String == "版权所有 株洲市人民政府\n网站地图" && object["startLine"] as? Int == 16)
    }

    @Test func linesAlikeAtBothEndsAreNotRepeats() throws {
        // Repeats are looked up by their length and their first and last 16 characters, then compared whole.
        let head = "全面落实减税降费政策完善企业服务体系", tail = "打造一流营商环境推动经济高质量发展。"
        let doc = try readText("第一章 总则\n\(head)甲乙丙\(tail)\n\(head)丁戊己\(tail)\n\(head)甲乙丙\(tail)\n")
        #expect(doc.noise.map(\.startLine) == [4])
        #expect(doc.noise.first?.detail == "same as line 2")
    }

    @Test func attachmentAndGlossary() throws {
        let text = """
        第一章 总则
        正文。
        名词解释
        1.“两新一重”:新型基础设施建设、新型城镇化建设和交通水利等重大工程建设。
        2. 瞪羚企业:指高成长的中小企业。
        附件:重点项目表
        """
        let doc = try readText(text)
        #expect(doc.sections.map(\.kind) == [.chapter, .glossary, .attachment])
        #expect(doc.sections[1].children.map(\.title) == ["两新一重", "瞪羚企业"])
        #expect(doc.sections[2].title == "重点项目表")
        let def = try #require(doc.sentenceRecords.first { $0.path == ["名词解释", "两新一重"] })
        #expect(def.text.hasPrefix("新型基础设施建设"))
    }
}
