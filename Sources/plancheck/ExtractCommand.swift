import Alignment
import ArgumentParser
import DocumentModel
import PlancheckKit
import Foundation
import Reports
import RuleLanguage

/// `plancheck extract`: drafts a rule file from a city document, for a rule author to finish.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Draft a rule file from a city document: one goal per numbered item, with TODOs to settle.",
        discussion: """
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
          plancheck extract Samples/zhuzhou-15th-plan-proposal-2025.txt --output Rules/zhuzhou/16th/draft.rules
          plancheck extract Samples/zhuzhou-14th-plenum-communique-2020.txt

          goal 6 "梯度培育制造业产业集群" {
            area 产业
            # TODO: severity 按原文措辞（确保、坚决、严格为 error，支持、鼓励为 info）；weight 按分量。
            cite 建议 item 6 "坚持优势产业锻长板、战略产业扩规模、传统产业抓升级、未来产业抢布局,…"
            require commitment "制造业产业集群"
            expect target "陶瓷" >= 1000亿元 by 2030
            …

        Exit status: 0 when the draft is written; 2 when the document cannot be read or the file written.
        """
    )

    @Argument(help: ArgumentHelp("The city document (text, UTF-8/UTF-16/GB18030).", valueName: "city-doc"))
    var document: String

    @Option(help: ArgumentHelp("Write the draft to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The name goals cite the document by (default: from its title, e.g. 建议, 公报).", valueName: "name"))
    var source: String?

    @Option(help: ArgumentHelp("A dictionary of indicator terms to recognize (default: the bundled Rules/common).", valueName: "path"))
    var dictionary: String?

    func run() throws {
        let doc: PlanDocument
        do { doc = try TextPlanReader.read(path: document) } catch { throw InputError(error.description) }
        if let source, !RuleFormatter.isValidName(source) {
            throw InputError("--source \(source) cannot name a source: use letters and digits, e.g. 建议")
        }
        // The dictionary only helps to name indicators; a missing one is no reason to stop.
        let dictPath = dictionary ?? (try? BundledRules.path(of: "common"))
        var terms: [String: [String]] = [:]
        if let dictPath {
            let loaded = RuleSetLoader.load(path: dictPath)
            if dictionary != nil && loaded.hasErrors {
                FileHandle.standardError.write(Data(loaded.rendered().utf8))
                throw InputError("the dictionary \(dictPath) has errors")
            }
            for (name, t) in loaded.ruleSet.resolvedTerms where t.unit != nil { terms[name] = t.aliases }
        }
        let draft = RuleDrafter.draft(doc, options: RuleDraftOptions(
            sourceName: source, dictionary: terms, dictionaryPath: dictionary ?? "Rules/common", documentPath: document))
        if let output {
            do { try OutputSet.write(Data(draft.text.utf8), to: output) } catch { throw InputError(error.description) }
        } else {
            print(draft.text, terminator: "")
        }
        printError("drafted \(plural(draft.goals, "goal")) (\(draft.basis)), \(plural(draft.targets, "target")), \(draft.todos) TODO marks"
                   + (output.map { " → \($0)" } ?? "") + "\n")
        if let line = coverageLine(draft, doc) { printError(line + "\n") }
    }

    /// What the draft checks of the document, as `rules coverage` measures it: the author's starting figure.
    private func coverageLine(_ draft: RuleDraft, _ doc: PlanDocument) -> String? {
        let loaded = RuleSetLoader.load(source: draft.text, path: output ?? "draft.rules")
        guard !loaded.hasErrors, let engine = try? AlignmentEngine(ruleSet: loaded.ruleSet) else { return nil }
        let coverage = engine.coverage(of: doc, commitments: CommitmentFinder.find(in: doc),
                                       cites: RulesCoverage.cites(short: nil, title: doc.title))
        let t = CoverageReport(source: document, sourceTitle: doc.title, rules: output ?? "draft", citingGoals: draft.goals,
                               coverage: coverage).total
        let next = output.map { "plancheck rules coverage \($0) --source \(document)" } ?? "rules coverage on the saved draft"
        return String(format: "the draft checks %.0f%% of the document's %d commitments (%d checked, %d of %d figures compared by a target); ",
                      t.percent, t.commitments, t.checked, t.figuresWithTarget, t.figures) + next + " lists the rest"
    }
}
