import Testing
@testable import DocumentModel
import TestSupport

/// The run-length positions of markup text must say exactly what one index per character said.
@Suite struct SourcePositionsTests {
    /// Random pieces: runs of consecutive indices, unknown characters, single characters, jumps back.
    func randomPieces(_ rng: inout SplitMix64) -> [[Int]] {
        (0..<Int(rng.next() % 12)).map { _ in
            let n = Int(rng.next() % 6)
            switch rng.next() % 4 {
            case 0: return [Int](repeating: -1, count: n)
            case 1: let s = Int(rng.next() % 50); return Array(s..<(s + n))
            case 2: return (0..<n).map { _ in Int(rng.next() % 8) - 2 }   // -2 and -1 both mean not found
            default: return [Int(rng.next() % 50)]
            }
        }
    }

    @Test func appendedAndSlicedAsAnArrayWouldBe() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<2000 {
            let pieces = randomPieces(&rng)
            let model = pieces.joined().map { $0 < 0 ? -1 : $0 }
            var built = SourcePositions()
            for p in pieces {
                if p.count == 1 { built.append(p[0]) } else { built.append(contentsOf: SourcePositions(p)) }
            }
            #expect(Array(built) == model)
            #expect(built.count == model.count)
            #expect(built.firstKnown == model.first { $0 >= 0 })
            // However it was built, the same positions are the same value.
            #expect(built == SourcePositions(model))
            if !model.isEmpty {
                let a = Int(rng.next() % UInt64(model.count)), b = a + Int(rng.next() % UInt64(model.count - a + 1))
                #expect(Array(built.slice(a..<b)) == Array(model[a..<b]), "slice \(a)..<\(b) of \(model)")
                #expect(built.slice(a..<b) == SourcePositions(model[a..<b]))
                #expect(Array(built.prefix(b)) == Array(model.prefix(b)))
                let known = model[a..<b].filter { $0 >= 0 }
                let bounds = built.knownBounds(in: a..<b)
                #expect(bounds?.first == known.first && bounds?.last == known.last, "bounds of \(a)..<\(b) in \(model)")
            }
        }
    }

    @Test func aTextNodeIsOneRunAndUnknownsStayUnknown() {
        let node = SourcePositions(from: 1_000, count: 5)
        #expect(Array(node) == [1_000, 1_001, 1_002, 1_003, 1_004])
        var run = node
        run.append(-1)
        run.append(contentsOf: SourcePositions(unknown: 2))
        run.append(contentsOf: SourcePositions(from: 1_010, count: 2))
        #expect(Array(run) == [1_000, 1_001, 1_002, 1_003, 1_004, -1, -1, -1, 1_010, 1_011])
        #expect(SourcePositions(unknown: 3).firstKnown == nil)
        #expect(SourcePositions(unknown: 3).slice(1..<3) == SourcePositions(unknown: 2))
        #expect(SourcePositions().isEmpty && SourcePositions(from: 7, count: 0).isEmpty)
    }

    /// A sentence that begins or ends with an internal entity's text (which has no place in the source) is
    /// located by the characters that have one; it was given an empty span at the start of its line.
    @Test func sentencesEndingOrBeginningWithAnEntityAreLocated() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE doc [ <!ENTITY org "荷塘区人民政府"> ]>
        <doc><h>第一章 总则</h>
        <p>坚持发展，服务&org;</p>
        <p>&org;负责推进。</p>
        </doc>

        """
        var options = ReadOptions()
        options.xmlMapping = XMLMapping(paragraphs: ["//p"])
        let doc = try readPlan(Array(xml.utf8), file: "doc.xml", options: options)
        let bytes = Array(xml.utf8)
        let found = doc.sentenceRecords.map { s in
            (s.original, s.span.line, s.span.column, String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self))
        }
        #expect(found.map(\.0) == ["坚持发展，服务荷塘区人民政府", "荷塘区人民政府负责推进。"])
        #expect(found.map(\.1) == [4, 5])
        #expect(found.map(\.2) == [4, 9])
        #expect(found.map(\.3) == ["坚持发展，服务", "负责推进。"])
    }

    /// Quotes of entity-laden XML still land on their characters: `&amp;` breaks a node into three runs.
    @Test func sentencesOfANodeWithReferencesAreLocated() throws {
        let xml = "<?xml version=\"1.0\"?>\n<plan><chapter><heading>第一章 总则</heading>\n<p>研发&amp;创新投入达到2.5%。坚持&#x521B;新驱动。</p></chapter></plan>\n"
        let doc = try readPlan(Array(xml.utf8), file: "plan.xml")
        let bytes = Array(xml.utf8)
        for s in doc.sentenceRecords where !s.text.hasPrefix("第一章") {
            let quoted = String(decoding: bytes[s.span.byteStart..<s.span.byteEnd], as: UTF8.self)
            #expect(["研发&amp;创新投入达到2.5%。", "坚持&#x521B;新驱动。"].contains(quoted), "\(s.original) at \(quoted)")
        }
        #expect(doc.sentenceRecords.map(\.original).contains("研发&创新投入达到2.5%。"))
    }
}
