import ArgumentParser
import DocumentModel
import Foundation
import Localization
import Reports

/// `plancheck outline`: shows what the reader understood of a plan.
struct OutlineCommand: ParsableCommand {
    /// The examples, the same in both languages' help.
    static let examples = """
      plancheck outline Samples/hetang-14th-five-year-plan.txt
      plancheck outline --sentences Samples/zhuzhou-15th-plan-proposal-2025.txt
      plancheck outline --format json Samples/hetang-14th-five-year-plan.txt > model.json
      plancheck outline Samples/hetang-14th-five-year-plan.xml
      plancheck outline --format plan-xml plan.txt > plan.xml
      plancheck outline --xpath-headings //title --xpath-paragraphs //para other.xml
    """

    static let configuration = CommandConfiguration(
        commandName: "outline",
        abstract: say("Show the structure the reader finds in a plan: headings, line ranges, sentences, noise.", "显示读取器在规划中识别出的结构：标题、行范围、句子、干扰内容。"),
        discussion: say("""
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
        \(Self.examples)
        """, """
        读取每个规划（UTF-8、带字节顺序标记的 UTF-16，或 GB18030/GBK 文本），去掉 PDF 的间隔和全角形式，\
        打印标题树（篇 章 节，一、 （一） 1. （1），专栏，名词解释，附件）及各自的行范围和句数，然后列出\
        作为干扰内容排除的块（页码、署名、网页页眉页脚、重复段落）及各自的理由。

        规划也可以是 XML、网页或 Word 文件，按扩展名选择：.xml（plan XML，见 docs/plan-xml.md，按其\
        模式校验；其他 XML 用 --xml-map 或 --xpath-* 选项读取）、.html/.htm、.docx。主要指标表会连同\
        数值列出。XML 解析时不联网，不用外部实体或 DTD；.docx 只在大小和压缩比限度内解压。

        用它来看检查为什么找到或没找到某项内容：如果这里缺少某个标题，规则就无法限定到它；如果某段被列为\
        干扰内容，就没有规则会看它。

        示例：
        \(Self.examples)
        """)
    )

    @Argument(help: ArgumentHelp(say("Plan files to read.", "要读取的规划文件。"), valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp(say("Output format: text (a tree for people), json (the document model) or plan-xml (the plan as plan XML, docs/plan-xml.md).", "输出格式：text（给人看的目录树）、json（文档模型）或 plan-xml（以 plan XML 写出的规划，docs/plan-xml.md）。")))
    var format: OutlineFormat = .text

    @Flag(help: ArgumentHelp(say("In text output, list every sentence under its heading with its line and column.", "在文本输出中，把每个句子连同行号、列号列在其标题下。")))
    var sentences = false

    @OptionGroup(title: "Reading plans") var input: InputOptions

    @Option(help: ArgumentHelp(say("The language of the text outline: zh (简体中文) or en. Default: PLANCHECK_LANG, else the locale.", "文本结构的语言：zh（简体中文）或 en。默认：PLANCHECK_LANG，其次系统区域设置。"), valueName: "zh|en"))
    var lang: Language?

    func validate() throws {
        if files.isEmpty { throw ValidationError(say("Name at least one plan file, e.g. plancheck outline plan.txt", "请至少给出一个规划文件，如 plancheck outline plan.txt")) }
        if format == .planXML && files.count > 1 { throw ValidationError(say("--format plan-xml writes one plan: name one file", "--format plan-xml 只写一个规划：请只给出一个文件")) }
        try input.check()
    }

    func run() throws {
        let options = try input.readOptions()
        let language = try resolveLanguage(lang, declared: nil)
        var docs: [PlanDocument] = []
        for f in files {
            do { docs.append(try PlanReader.read(path: f, options: options)) } catch { throw InputError(error) }
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
