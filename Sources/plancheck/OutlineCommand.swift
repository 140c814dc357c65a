import ArgumentParser
import DocumentModel
import Foundation
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

        Use it to see why a check did or did not find something: if a heading is missing here, the rules \
        cannot scope to it; if a paragraph is listed as noise, no rule looks at it.

        Examples:
          plancheck outline Samples/hetang-14th-five-year-plan.txt
          plancheck outline --sentences Samples/zhuzhou-15th-plan-proposal-2025.txt
          plancheck outline --format json Samples/hetang-14th-five-year-plan.txt > model.json
        """
    )

    @Argument(help: ArgumentHelp("Plan files to read.", valueName: "file"))
    var files: [String]

    @Option(help: "Output format: text (a tree for people) or json (the document model).")
    var format: OutlineFormat = .text

    @Flag(help: "In text output, list every sentence under its heading with its line and column.")
    var sentences = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one plan file, e.g. plancheck outline plan.txt") }
    }

    func run() throws {
        var docs: [PlanDocument] = []
        for f in files {
            do { docs.append(try TextPlanReader.read(path: f)) } catch { throw InputError(error.description) }
        }
        switch format {
        case .text:
            print(docs.map { OutlineReport.text($0, showSentences: sentences) }.joined(separator: "\n"), terminator: "")
        case .json:
            let data = docs.count == 1 ? try OutlineReport.json(docs[0]) : try OutlineReport.json(docs)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}

enum OutlineFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
