import Foundation
import Testing
@testable import Quantities

/// The phrase search that user text goes through instead of Foundation's `contains` (issue #12).
@Suite struct TextSearchTests {
    @Test func findsPhrasesScalarForScalar() {
        let text = "推进制造强市建设，打造先进硬质材料产业集群"
        #expect(text.containsPhrase("先进硬质材料"))
        #expect(text.containsPhrase("推进"))                       // at the start
        #expect(text.containsPhrase("产业集群"))                   // at the end
        #expect(text.containsPhrase(text))
        #expect(!text.containsPhrase("先进硬质材料园"))
        #expect(!"制造".containsPhrase("制造强市"))                // longer than the text
        #expect(!text.containsPhrase(""))
        #expect(!"".containsPhrase("制造"))
        // A prefix of the phrase just before the end must not be taken for it: 集群 then nothing.
        #expect(!"产业集".containsPhrase("集群"))
        // Substrings and slices, whose storage starts inside another string.
        let slice = text.dropFirst(2).prefix(4)
        #expect(slice == "制造强市")
        #expect(slice.containsPhrase("强市"))
        #expect(!slice.containsPhrase("建设"))
    }

    /// Foundation's `String.contains` trapped on this ("String index is out of bounds"), found by fuzzing.
    @Test func aPhraseWithNULDoesNotTrap() {
        #expect(!"届".containsPhrase("届\u{0}"))
        #expect("第十届\u{0}会".containsPhrase("届\u{0}"))
        #expect("\u{0}".containsPhrase("\u{0}"))
    }

    /// Scalar for scalar, as the matcher compares: a precomposed é is not e + combining accent.
    @Test func comparesScalarsNotCanonicalEquivalence() {
        #expect(!"caf\u{E9}".containsPhrase("cafe\u{301}"))
        #expect("cafe\u{301}".containsPhrase("cafe"))
        #expect("𠀀集群𠀁".containsPhrase("集群"))
    }

    @Test func rangeOfPhraseBoundsTheMatch() throws {
        let text = "到2025年，地区生产总值达到1000亿元"
        let r = try #require(text.rangeOfPhrase("地区生产总值"))
        #expect(String(text[..<r.lowerBound]) == "到2025年，")
        #expect(String(text[r]) == "地区生产总值")
        #expect(String(text[r.upperBound...]) == "达到1000亿元")
        #expect(text.rangeOfPhrase("人均") == nil)
        #expect(text.rangeOfPhrase("") == nil)
        #expect(text.utf8OffsetOfPhrase("2025") == 3)
    }

    /// Strings that Foundation made, from NSString and from UTF-16 data, are searched the same.
    @Test func searchesBridgedStrings() {
        let bridged = NSString(string: "建设制造名城·幸福株洲") as String
        #expect(bridged.containsPhrase("幸福株洲"))
        #expect("制造名城·幸福株洲".containsPhrase(NSString(string: "名城·幸福") as String))
        #expect(!bridged.containsPhrase("幸福长沙"))
        let decoded = String(data: "建设制造名城".data(using: .utf16)!, encoding: .utf16)!
        #expect(decoded.containsPhrase("制造"))
    }
}
