import Alignment
import Testing
@testable import Reports

/// The terminal quotes a sentence around its match, cut by scalars when every scalar is a character of its
/// own, else by characters.
@Suite struct TextQuoteTests {
    /// Every scalar counted as standing alone breaks from what follows and precedes it, and from itself
    /// (which catches Hangul jamo, regional indicators, combining and spacing marks, prepended marks, joiners).
    @Test func standingAloneMeansOneCharacterPerScalar() {
        let neighbours: [Unicode.Scalar] = ["a", "中", "，", "\u{A0}", "…"]
        var checked = 0
        for v in 0...0xFFFF {
            guard let s = Unicode.Scalar(v), TextReport.standsAlone(s) else { continue }
            checked += 1
            #expect(String(String.UnicodeScalarView([s, s])).count == 2, "U+\(String(v, radix: 16))")
            for n in neighbours {
                #expect(String(String.UnicodeScalarView([s, n])).count == 2 && String(String.UnicodeScalarView([n, s])).count == 2,
                        "U+\(String(v, radix: 16)) next to \(n)")
            }
        }
        #expect(checked > 20_000)
        // Marks that join their neighbour do not stand alone.
        for s: Unicode.Scalar in ["\u{301}", "\u{200D}", "\u{FE0F}", "\u{3099}", "\u{302A}", "\u{FF9E}", "\u{1100}", "\n", "\r"] {
            #expect(!TextReport.standsAlone(s))
        }
    }

    @Test func quotesAroundTheMatchWhateverTheCharacters() {
        let report = TextReport(color: false, limit: 10)
        let cjk = String(repeating: "发展", count: 30) + "数字经济核心产业" + String(repeating: "壮大", count: 30)
        let e = Evidence(file: "p.txt", line: 1, column: 1, path: [], text: cjk, match: "数字经济", matchStart: 60, matchEnd: 64)
        #expect(report.quote(e) == "…" + String(repeating: "发展", count: 10) + "数字经济" + "核心产业" + String(repeating: "壮大", count: 13) + "…")
        // A combining accent makes two scalars one character: offsets count characters, so the cut falls
        // where it would without it.
        let accented = "cafe\u{301} 数字经济 end"
        let a = Evidence(file: "p.txt", line: 1, column: 1, path: [], text: accented, match: "数字经济", matchStart: 5, matchEnd: 9)
        #expect(report.quote(a) == accented.clipped(60))
        let plain = "cafe 数字经济 end"
        let p = Evidence(file: "p.txt", line: 1, column: 1, path: [], text: plain, match: "数字经济", matchStart: 5, matchEnd: 9)
        #expect(report.quote(p) == plain)
    }
}
