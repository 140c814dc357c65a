import DocumentModel
import Foundation

/// Bytes as a text plan: encoding detection (UTF-8, UTF-16, GB18030), normalization, structure.
@Sendable func fuzzText(_ bytes: [UInt8]) {
    readPlan(bytes, file: "fuzz.txt")
}

/// Bytes as plan XML (docs/plan-xml.md), with an XPath scope as `in xpath` rules ask for.
@Sendable func fuzzPlanXML(_ bytes: [UInt8]) {
    readPlan(bytes, file: "fuzz.xml", options: ReadOptions(xpathScopes: ["//section[@level='1']", "//p"]))
}

/// The XPath mappings `fuzzMappedXML` chooses from, by the first byte of the input.
let fuzzMappings: [XMLMapping] = [
    XMLMapping(headings: ["/doc/part/title", "//chap/title"], paragraphs: ["//para"], tables: ["//grid"],
               rows: "row", cells: "cell", title: "/doc/name", noise: ["//note"]),
    XMLMapping(headings: ["//h1", "//h2", "//h3"], paragraphs: ["//p | //li"], tables: ["//table"]),
    XMLMapping(headings: ["//d:title"], paragraphs: ["//d:p"], namespaces: ["d": "urn:example:doc"]),
    XMLMapping(),
]

/// Other XML through an XPath mapping. The first byte picks a mapping; 0xFF means the first line is a
/// mapping file (JSON), so the expressions and the mapping's decoder are fuzzed too.
@Sendable func fuzzMappedXML(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    var rest = bytes.dropFirst()
    let mapping: XMLMapping
    if first == 0xFF {
        let line = rest.prefix { $0 != 0x0A }
        rest = rest.dropFirst(line.count + 1)
        guard let m = try? JSONDecoder().decode(XMLMapping.self, from: Data(line)) else { return }
        mapping = m
    } else {
        mapping = fuzzMappings[Int(first) % fuzzMappings.count]
    }
    readPlan(Array(rest), file: "fuzz.xml", options: ReadOptions(xmlMapping: mapping, xpathScopes: ["//para[1]"]))
}

/// Bytes as a web page.
@Sendable func fuzzHTML(_ bytes: [UInt8]) {
    readPlan(bytes, file: "fuzz.html", options: ReadOptions(xpathScopes: ["//section"]))
}

/// Bytes as a .docx (a zip of WordprocessingML), with small unpacking limits so a bomb is refused fast.
@Sendable func fuzzDocx(_ bytes: [UInt8]) {
    readPlan(bytes, file: "fuzz.docx", options: ReadOptions(maxUncompressedBytes: 4 << 20))
}
