import Alignment
import ArgumentParser
import DocumentModel
import PlancheckKit
import Foundation
import Localization
import Reports
import RuleLanguage

/// `plancheck extract`: drafts a rule file from a city document, for a rule author to finish.
struct ExtractCommand: ParsableCommand {
    /// The example, the same in both languages' help.
    static let sample = """
      goal 6 "梯度培育制造业产业集群" {
        area 产业
        # TODO: severity 按原文措辞（确保、坚决、严格为 error，支持、鼓励为 info）；weight 按分量。
        cite 建议 item 6 "坚持优势产业锻长板、战略产业扩规模、传统产业抓升级、未来产业抢布局,…"
        require commitment "制造业产业集群"
        expect target "陶瓷" >= 1000亿元 by 2030
        …
    """

    /// The examples, the same in both languages' help.
    static let examples = """
      plancheck extract Samples/zhuzhou-15th-plan-proposal-2025.txt --output Rules/zhuzhou/16th/draft.rules
      plancheck extract Samples/zhuzhou-14th-plenum-communique-2020.txt
    """

    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: say("Draft a rule file from a city document: one goal per numbered item, with TODOs to settle.", "从市级文件起草规则文件：每个编号条目一个目标，并用 TODO 标出待定之处。"),
        discussion: say("""
        Reads the city document (as plancheck outline does) and writes a rule file with one goal per \
        numbered item (6. 梯度培育制造业产业集群), its ——lines as sub-goals (5.1, 5.2…); a communiqué \
        without numbered items gets one goal per paragraph opening with 全会提出 or 全会强调, numbered in \
        order. Each goal has the item's title, a citation of its first sentence, the phrases a district plan \
        could carry (quoted “…” phrases, named programmes, the title's key words), and a target for each \
        figure the item states about the future, named as a noun phrase with its unit and year (迈上千亿台阶 → \
        >= 1000亿元 by 2030); figures of the past are only named in a comment. The area comes from the \
        part's heading (三、…产业体系 → 产业), the severity from the cited sentence's verbs (确保, 严格 → error). \
        TODO comments mark what the author must decide: the words districts really use, a subject or unit \
        to confirm. The draft passes plancheck rules lint as it comes out, and extract prints how much of the \
        document it checks (as plancheck rules coverage measures it).

        Examples:
        \(Self.examples)

        \(Self.sample)

        Exit status: 0 when the draft is written; 2 when the document cannot be read or the file written.
        """, """
        读取市级文件（与 plancheck outline 相同），写出规则文件：每个编号条目一个目标\
        （6. 梯度培育制造业产业集群），其中的“——”行作为子目标（5.1、5.2……）；没有编号条目的公报，\
        以“全会提出”或“全会强调”开头的每段一个目标，按顺序编号。每个目标带有条目的标题、其首句的引文、\
        区县规划可以承接的短语（“…”中的短语、工程名称、标题中的关键词），以及条目中每个面向未来的数字\
        的 target，以带单位和年份的名词短语命名（迈上千亿台阶 → >= 1000亿元 by 2030）；过去的数字只在\
        注释中提到。领域取自所在部分的标题（三、…产业体系 → 产业），严重程度取自引文的动词\
        （确保、严格 → error）。TODO 注释标出编写者要决定的事：区县实际用的说法、需要确认的主语或单位。\
        草稿原样就能通过 plancheck rules lint，extract 还会打印它检查了文件的多少内容\
        （与 plancheck rules coverage 的衡量相同）。

        示例：
        \(Self.examples)

        \(Self.sample)

        退出码：0 草稿已写出；2 文件无法读取或无法写出。
        """)
    )

    @Argument(help: ArgumentHelp(say("The city document (text, UTF-8/UTF-16/GB18030).", "市级文件（文本，UTF-8/UTF-16/GB18030）。"), valueName: "city-doc"))
    var document: String

    @Option(help: ArgumentHelp(say("Write the draft to this file (atomically) instead of standard output.", "把草稿（原子）写入这个文件，而不是标准输出。"), valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp(say("The name goals cite the document by (default: from its title, e.g. 建议, 公报).", "目标引用该文件时用的名称（默认：从标题得出，如 建议、公报）。"), valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp(say("A dictionary of indicator terms to recognize (default: the bundled Rules/common).", "要识别的指标词语词典（默认：内置的 Rules/common）。"), valueName: "path"))
    var dictionary: String?

    @Option(help: ArgumentHelp(say("The language of what extract says on standard error: zh (简体中文) or en. Default: PLANCHECK_LANG, else the locale. The draft's comments are Chinese.",
                                   "extract 在标准错误上输出的语言：zh（简体中文）或 en。默认：PLANCHECK_LANG，其次系统区域设置。草稿中的注释是中文。"),
                               valueName: "zh|en"))
    var lang: Language?

    func run() throws {
        let doc: PlanDocument
        do { doc = try TextPlanReader.read(path: document) } catch { throw InputError(error) }
        if let source, !RuleFormatter.isValidName(source) {
            throw InputError(LocalizedText(en: "--source \(source) cannot name a source: use letters and digits, e.g. 建议",
                                           zh: "--source \(source) 不能作为来源名称：请只用文字和数字，如 建议"))
        }
        // The dictionary only helps to name indicators; a missing one is no reason to stop.
        let dictPath = dictionary ?? (try? BundledRules.path(of: "common"))
        var terms: [String: [String]] = [:]
        if let dictPath {
            let loaded = RuleSetLoader.load(path: dictPath)
            if dictionary != nil && loaded.hasErrors {
                // In the language the error below is printed in (the command has no --lang).
                FileHandle.standardError.write(Data(loaded.rendered(language: errorLanguage(asked: lang)).utf8))
                throw InputError(LocalizedText(en: "the dictionary \(dictPath) has errors", zh: "词典 \(dictPath) 有错误"))
            }
            for (name, t) in loaded.ruleSet.resolvedTerms where t.unit != nil { terms[name] = t.aliases }
        }
        let draft = RuleDrafter.draft(doc, options: RuleDraftOptions(
            sourceName: source, dictionary: terms, dictionaryPath: dictionary ?? "Rules/common", documentPath: document))
        if let output {
            do { try OutputSet.write(Data(draft.text.utf8), to: output) } catch { throw InputError(error) }
        } else {
            print(draft.text, terminator: "")
        }
        let language = try resolveLanguage(lang, declared: nil)
        printError(language.pick("drafted \(plural(draft.goals, "goal")) (\(draft.basis)), \(plural(draft.targets, "target")), \(draft.todos) TODO marks",
                                 "已起草 \(draft.goals) 个目标（\(draft.chineseBasis)），\(draft.targets) 个 target，\(draft.todos) 处 TODO")
                   + (output.map { " → \($0)" } ?? "") + "\n")
        if let line = coverageLine(draft, doc) { printError(line.text(language) + "\n") }
    }

    /// What the draft checks of the document, as `rules coverage` measures it: the author's starting figure.
    private func coverageLine(_ draft: RuleDraft, _ doc: PlanDocument) -> LocalizedText? {
        let loaded = RuleSetLoader.load(source: draft.text, path: output ?? "draft.rules")
        guard !loaded.hasErrors, let engine = try? AlignmentEngine(ruleSet: loaded.ruleSet) else { return nil }
        let coverage = engine.coverage(of: doc, commitments: CommitmentFinder.find(in: doc),
                                       cites: RulesCoverage.cites(short: nil, title: doc.title))
        let t = CoverageReport(source: document, sourceTitle: doc.title, rules: output ?? "draft", citingGoals: draft.goals,
                               coverage: coverage).total
        let next = output.map { "plancheck rules coverage \($0) --source \(document)" }
        let percent = String(format: "%.0f%%", t.percent)
        return LocalizedText(
            en: "the draft checks \(percent) of the document's \(t.commitments) commitments (\(t.checked) checked, \(t.figuresWithTarget) of \(t.figures) figures compared by a target); "
                + (next ?? "rules coverage on the saved draft") + " lists the rest",
            zh: "草稿检查了文件 \(t.commitments) 项承诺中的 \(percent)（已检查 \(t.checked) 项，\(t.figures) 个数字中 \(t.figuresWithTarget) 个有目标比对）；"
                + (next.map { "运行 \($0) 可列出其余的" } ?? "保存草稿后用 rules coverage 可列出其余的"))
    }
}
