import ArgumentParser
import DocumentModel
import Foundation
import Localization
import Reports

/// `plancheck outline`: shows what the reader understood of a plan.
struct OutlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outline",
        abstract: "Show the structure the reader finds in a plan: headings, line ranges, sentences, noise.",
        discussion: """
        Reads each plan (UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK text), undoes PDF spacing and \
        full-width forms, and prints the tree of headings (篇 章 节, 一、 （一） 1. （1）, 专栏, 名词解释, 附件) \
        with their line ranges and sentence counts, then the blocks set aside as noise (page markers, \
        bylines, web-page header and footer, repeated paragraphs) with the reason for each.

        Plans may also be XML, web pages or Word files, chosen by extension: .xml (plan XML, see \
        docs/plan-xml.md, validated against its schema; other XML is read with --xml-map or the --xpath-* \
        options), .html/.htm, .docx. Indicator tables (主要指标) are listed with their values. XML is parsed \
        without network, external entities or DTDs; a .docx is unpacked only within size and ratio limits.

        Use it to see why a check did or did not find something: if a heading is missing here, the rules \
        cannot scope to it; if a paragraph is listed as noise, no rule looks at it.

        Examples:
          plancheck outline Samples/hetang-14th-five-year-plan.txt
          plancheck outline --sentences Samples/zhuzhou-15th-plan-proposal-2025.txt
          plancheck outline --format json Samples/hetang-14th-five-year-plan.txt > model.json
          plancheck outline Samples/hetang-14th-five-year-plan.xml
          plancheck outline --format plan-xml plan.txt > plan.xml
          plancheck outline --xpath-headings //title --xpath-paragraphs //para other.xml
        """
    )

    @Argument(help: ArgumentHelp("Plan files to read.", valueName: "file"))
    var files: [String]

    @Option(help: "Output format: text (a tree for people), json (the document model) or plan-xml (the plan as plan XML, docs/plan-xml.md).")
    var format: OutlineFormat = .text

    @Flag(help: "In text output, list every sentence under its heading with its line and column.")
    var sentences = false

    @OptionGroup(title: "Reading plans") var input: InputOptions

    @Option(help: ArgumentHelp("The language of the text outline: zh (简体中文) or en. Default: PLANCHECK_LANG, else the locale.", valueName: "zh|en"))
    var lang: Language?

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one plan file, e.g. plancheck outline plan.txt") }
        if format == .planXML && files.count > 1 { throw ValidationError("--format plan-xml writes one plan: name one file") }
        try input.check()
    }

    func run() throws {
        let options = try input.readOptions()
        let language = try resolveLanguage(lang, declared: nil)
        var docs: [PlanDocument] = []
        for f in files {
            do { docs.append(try PlanReader.read(path: f, options: options)) } catch { throw InputError(error.description) }
        }
        switch format {
        case .text:
            print(docs.map { OutlineReport.text($0, showSentences: sentences, language: language) }.joined(separator: "\n"), terminator: "")
        case .json:
            let data = docs.count == 1 ? try OutlineReport.json(docs[0]) : try OutlineReport.json(docs)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        case .planXML:
            FileHandle.standardOutput.write(Data(PlanXMLWriter.write(docs[0]).utf8))
        }
    }
}

enum OutlineFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
    case planXML = "plan-xml"
}
