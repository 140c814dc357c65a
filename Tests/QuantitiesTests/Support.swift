import Foundation
@testable import Quantities
import TestSupport

/// Removes spaces the way the reader's normalizer does: a run of spaces goes unless it stands between two
/// ASCII characters (`2020 年` → `2020年`, `( R&D )` stays). Full-width forms are not in these inputs.
func normalized(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pending = false
    for s in text.unicodeScalars {
        if s == " " || s == "\u{3000}" || s == "\u{A0}" { pending = !out.isEmpty; continue }
        if pending, let last = out.last, last.isASCII, s.isASCII { out.append(" ") }
        pending = false
        out.append(s)
    }
    return String(out)
}

/// The repository's `Samples/` directory, found from this file's path.
let samplesDirectory = repositoryRoot.appendingPathComponent("Samples")

/// Every line of every sample, normalized.
let sampleLines: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path)) ?? []
    var lines: [String] = []
    for f in files.sorted() where f.hasSuffix(".txt") {
        let text = (try? String(contentsOf: samplesDirectory.appendingPathComponent(f), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") { lines.append(normalized(String(line))) }
    }
    return lines
}()

/// The text a span covers in `sentence`.
func text(_ sentence: String, _ span: Range<Int>) -> String {
    let scalars = Array(sentence.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[span]))
}

/// The scalar offset of the first occurrence of `needle` in `haystack`.
func scalarOffset(of needle: String, in haystack: String) -> Int? {
    let h = Array(haystack.unicodeScalars), n = Array(needle.unicodeScalars)
    guard !n.isEmpty, n.count <= h.count else { return nil }
    for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n { return i }
    return nil
}
