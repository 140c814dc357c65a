import Testing
@testable import Alignment
import DocumentModel

/// Section markers, past sentences and commitment classes, as the engine works them out per plan.
@Suite struct SentenceFactsTests {
    @Test func markerWordsFindWordsAnywhereInATitle() {
        let words = MarkerWords([["成就", "发展基础"], ["目标"], ["完成情况"]])
        func lists(_ title: String) -> UInt64 {
            var t = title
            return t.withUTF8 { words.lists(in: $0) }
        }
        #expect(lists("“十三五”时期发展成就") == 0b001)
        #expect(lists("发展基础") == 0b001)
        #expect(lists("主要目标") == 0b010)
        #expect(lists("“十三五”规划目标完成情况") == 0b110)
        #expect(lists("构建现代化产业体系") == 0)
        #expect(lists("基础") == 0)       // part of a word is not the word
        #expect(lists("") == 0)
        #expect(lists("成") == 0)
        // Words are tried only where a character starts: after ASCII, after a four-byte character.
        #expect(lists("2021年目标") == 0b010)
        #expect(lists("𠀀目标a") == 0b010)
        let short = MarkerWords([["a", "GDP"], ["é"]])
        var t = "xa的GDPé"
        #expect(t.withUTF8 { short.lists(in: $0) } == 0b11)
        t = "的"  // its bytes hold no `a` or `é`
        #expect(t.withUTF8 { short.lists(in: $0) } == 0)
    }

    @Test func sectionFlagsAreInheritedAndAgreeWithTheSeparateLists() throws {
        let doc = try plan("""
        第一章 发展基础
        一、主要成就
        经济实力明显增强。
        第二章 主要目标
        一、“十三五”规划目标完成情况
        目标全面完成。
        二、二〇三五年远景目标
        基本实现现代化。
        第三章 构建现代化产业体系
        推进产业集群建设。
        """)
        let review = ReviewSections.flags(for: doc)
        let goal = GoalSections.flags(for: doc)
        let titles = doc.allSections.map(\.title)
        func flag(_ f: [Bool], _ title: String) -> Bool? { titles.firstIndex(of: title).map { f[$0] } }
        #expect(flag(review, "发展基础") == true)
        #expect(flag(review, "主要成就") == true)
        #expect(flag(review, "主要目标") == false)
        #expect(flag(goal, "主要目标") == true)
        #expect(flag(goal, "“十三五”规划目标完成情况") == false)
        #expect(flag(goal, "二〇三五年远景目标") == true)
        #expect(flag(goal, "构建现代化产业体系") == false)
        let facts = SentenceFacts(doc: doc, period: 2026...2030)
        #expect(facts.reviewSection == review)
        #expect(facts.goalSection == goal)
    }

    /// Past: a year before the period and none within it; sentences without numerals never are.
    @Test func pastSentences() throws {
        let sentences = [
            ("2020年全区生产总值达到800亿元。", true),
            ("2019年至2020年累计完成投资300亿元。", true),
            ("到2030年全区生产总值达到1200亿元。", false),
            ("比2020年增长50%，到2030年达到1200亿元。", false),
            ("“十三五”期末全区生产总值突破800亿元。", true),
            ("“十五五”时期全区生产总值年均增长6%。", false),
            ("推进产业集群建设。", false),
            ("引进一批重大项目。", false),
            ("到本世纪中叶全面建成现代化强区。", false),
            // A baseline year says what is to come.
            ("万元GDP能耗在2025年基础上下降16%。", false),
            ("单位GDP二氧化碳排放较2025年降低18%。", false),
            ("在2025年的基础上翻一番。", false),
            ("2025年比2020年增长50%。", true),
        ]
        let doc = try plan(sentences.map(\.0).joined(separator: "\n"))
        var facts = SentenceFacts(doc: doc, period: 2026...2030)
        for (i, (text, past)) in sentences.enumerated() {
            #expect(doc.text(of: doc.sentences[i]) == text)
            let isPast = facts.isPast(i)
            #expect(isPast == past, "\(text)")
        }
        var noPeriod = SentenceFacts(doc: doc, period: nil)
        let pastWithoutPeriod = noPeriod.isPast(0)
        #expect(!pastWithoutPeriod)
    }

    @Test func commitmentClassesOfOneSentence() throws {
        let doc = try plan("""
        到2030年，产业集群产值达到1000亿元，推进产业集群建设。
        产业集群产值达到1000亿元。
        到2030年建成产业集群。
        推进产业集群建设。
        产业集群。
        """)
        var facts = SentenceFacts(doc: doc, period: 2026...2030)
        func at(_ i: Int, _ word: String = "产业集群", occurrence: Int = 0) -> Range<Int> {
            let s = Array(doc.scalars(of: doc.sentences[i])), w = Array(word.unicodeScalars)
            let starts = (0...(s.count - w.count)).filter { Array(s[$0..<$0 + w.count]) == w }
            return starts[occurrence]..<(starts[occurrence] + w.count)
        }
        let classes = [at(0), at(0, occurrence: 1), at(1), at(2), at(3), at(4)].enumerated().map { k, hit in
            facts.classify(k == 0 ? 0 : k - 1, subject: hit)
        }
        // Sentence 0 twice: the second mention stands in another clause, so the quantity is not about it
        // but the deadline still is.
        #expect(classes == [.quantityAndDeadline, .deadline, .quantity, .deadline, .verb, .mentionOnly])
    }
}

/// Commitment classes are worked out once per hit and shared by the goals that ask about the same term.
@Suite struct SharedHitClassTests {
    @Test func goalsSharingATermSeeTheSameClasses() throws {
        let text = "推进产业集群建设。\n到2030年，产业集群产值达到1000亿元。\n2020年产业集群产值达到500亿元。"
        let both = try check(header + """
        goal A "一" {
          require commitment 产业集群
        }
        goal B "二" {
          require commitment 产业集群
        }
        """, text)
        let alone = try check(header + """
        goal B "二" {
          require commitment 产业集群
        }
        """, text)
        let a = both.findings.first { $0.goal == "A" }, b = both.findings.first { $0.goal == "B" }
        #expect(a?.evidence.first?.commitment == CommitmentClass.quantityAndDeadline.description)
        #expect(a?.evidence.first?.line == 2)
        #expect(b?.evidence == a?.evidence)
        #expect(b?.evidence == alone.findings.first { $0.goal == "B" }?.evidence)
        #expect(b?.message == alone.findings.first { $0.goal == "B" }?.message)
    }
}
