import Localization
import Quantities

/// Reads one rule file into its syntax tree, reporting every syntax error it can find.
///
/// The parser never stops at the first error: a malformed line is reported, then skipped up to the
/// next line that starts a statement or a block item (or a closing brace), and parsing goes on.
public enum RuleParser {
    /// Parses `source` as the file `path`: the tree (of whatever could be read) and the syntax errors.
    public static func parse(source: String, path: String) -> (file: RuleFile, diagnostics: [Diagnostic]) {
        let lexed = Lexer.tokenize(source, file: path)
        var parser = Parser(tokens: lexed.tokens, lines: lexed.lines)
        let statements = parser.parseFile()
        let file = RuleFile(path: path, source: source, statements: statements, comments: lexed.comments)
        return (file, Diagnostic.sorted(lexed.diagnostics + parser.diagnostics))
    }
}

/// Words with a meaning in the language; they cannot name terms or goals.
let reservedWords: Set<String> = [
    "ruleset", "source", "published", "period", "include", "default", "severity", "profile", "areas", "language",
    "term", "unit", "except", "goal", "area", "weight", "tags", "cite", "item", "scope",
    "require", "expect", "suggest", "mention", "commitment", "target", "between", "and", "by",
    "any", "all", "at", "least", "of", "when", "then", "in", "outside", "section", "review", "xpath",
    "retire", "use", "test", "plan", "file", "no", "outdated", "tag", "error", "warning", "info", "uncheckable", "applies",
]

let topLevelWords: [String] = ["ruleset", "term", "goal", "retire", "uncheckable", "test"]
let headerWords: [String] = ["source", "period", "include", "default", "severity", "profile", "areas", "language"]
let goalWords: [String] = ["area", "severity", "weight", "tags", "cite", "applies", "except", "scope", "require", "expect", "suggest", "when"]
let testWords: [String] = ["plan", "expect"]
let uncheckableWords: [String] = ["cite"]

/// Magnitudes that may stand before a unit or alone after a number: `5000亿`, `3万家`.
let magnitudes: [(String, Double)] = [
    ("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("万", 1e4), ("千", 1e3),
]

private struct ParseError: Error {}

struct Parser {
    private let tokens: [Token]
    private let lines: LineMap
    private var p = 0
    private(set) var diagnostics: [Diagnostic] = []
    /// Statements cut short by a syntax error but worth keeping (a term whose name was read), so
    /// their uses elsewhere are not reported as unknown.
    private var partialStatements: [Statement] = []

    init(tokens: [Token], lines: LineMap) {
        self.tokens = tokens.isEmpty
            ? [Token(kind: .eof, text: "", raw: "", range: lines.range(0, 0), atLineStart: true)] : tokens
        self.lines = lines
    }

    // MARK: token access

    private var tok: Token { tokens[p] }
    private func peek(_ k: Int) -> Token { tokens[min(p + k, tokens.count - 1)] }
    private var previousEnd: SourceLocation { p > 0 ? tokens[p - 1].range.end : tok.range.start }

    @discardableResult
    private mutating func advance() -> Token {
        let t = tokens[p]
        if p < tokens.count - 1 { p += 1 }
        return t
    }

    private func range(from start: SourceLocation) -> SourceRange {
        SourceRange(start, previousEnd.offset >= start.offset ? previousEnd : start)
    }

    private var atEOF: Bool { tok.kind == .eof }

    /// Whether the current token is on a later line than the previous one (or is the end).
    private var onNewLine: Bool { p > 0 && (atEOF || tok.range.start.line != tokens[p - 1].range.end.line) }

    private func isKeyword(_ words: [String]) -> Bool { tok.kind == .word && words.contains(tok.text) }

    // MARK: errors

    private mutating func report(_ code: String, _ message: LocalizedText, at range: SourceRange, hint: LocalizedText? = nil) {
        diagnostics.append(Diagnostic(.error, code, message, at: range, hint: hint))
    }

    /// Reports that `what` was expected here and returns the error that abandons the current line.
    ///
    /// When the next token is on a later line, the caret goes just after the previous token: that is
    /// where the author stopped typing, not where the next line begins.
    private mutating func expected(_ what: LocalizedText, hint: LocalizedText? = nil) -> ParseError {
        if onNewLine {
            let end = previousEnd
            report("syntax", L("expected \(what.en)", zhJoin("此处应有", what.zh)), at: SourceRange(end, end), hint: hint)
        } else {
            let found = tok.display
            report("syntax", L("expected \(what.en), found \(found.en)", zhJoin("此处应有", what.zh, "，却是", found.zh)),
                   at: tok.range, hint: hint)
        }
        return ParseError()
    }

    private mutating func expectPunct(_ p: String, _ what: LocalizedText, hint: LocalizedText? = nil) throws {
        guard tok.isPunct(p) else { throw expected(what, hint: hint) }
        advance()
    }

    private mutating func expectWord(_ w: String, hint: LocalizedText? = nil) throws {
        guard tok.isWord(w) else { throw expected(L("'\(w)'", "关键词 '\(w)'"), hint: hint) }
        advance()
    }

    /// Skips to where parsing can resume: a line starting with one of `words`, a `}`, or the end.
    ///
    /// It always moves past `itemStart` (the token the failed item began with), so parsing makes
    /// progress, but stops at once if the failed item already consumed its bad tokens.
    private mutating func synchronize(_ words: [String], stopAtBrace: Bool, itemStart: Int) {
        while !atEOF {
            if p > itemStart {
                if stopAtBrace && tok.isPunct("}") { return }
                if tok.atLineStart && (isKeyword(words) || isKeyword(topLevelWords)) { return }
            }
            advance()
        }
    }

    // MARK: file

    mutating func parseFile() -> [Statement] {
        var statements: [Statement] = []
        while !atEOF {
            let itemStart = p
            do {
                switch tok.kind == .word ? tok.text : "" {
                case "ruleset": statements.append(.header(try parseHeader()))
                case "term": statements.append(.term(try parseTerm()))
                case "goal": statements.append(.goal(try parseGoal()))
                case "retire": statements.append(.retire(try parseRetire()))
                case "uncheckable": statements.append(.uncheckable(try parseUncheckable()))
                case "test": statements.append(.test(try parseTest()))
                default:
                    let hint = tok.kind == .word ? Suggest.closest(to: tok.text, in: topLevelWords).map(didYouMeanText) : nil
                    if tok.isPunct("}") {
                        report("syntax", L("unexpected '}' with no block to close", "多余的 '}'：没有要结束的块"), at: tok.range)
                    } else {
                        let found = tok.display
                        report("syntax", L("expected a statement (ruleset, term, goal, retire, uncheckable or test), found \(found.en)",
                                           zhJoin("此处应为语句（ruleset、term、goal、retire、uncheckable 或 test），却是", found.zh)),
                               at: tok.range, hint: hint)
                    }
                    throw ParseError()
                }
            } catch {
                statements += partialStatements
                partialStatements = []
                synchronize([], stopAtBrace: false, itemStart: itemStart)
            }
        }
        return statements
    }

    /// Parses `{ items }`, calling `item` for each line; returns the body's span.
    ///
    /// A statement keyword at the start of a line ends the block early: the author most likely forgot
    /// the `}`, and the next statement should still be read.
    private mutating func parseBlock(_ what: LocalizedText, words: [String], hint: LocalizedText,
                                     item: (inout Parser) throws -> Void) throws -> SourceRange {
        let open = tok
        guard tok.isPunct("{") else { throw expected(L("'{' to open \(what.en)", zhJoin("开启", what.zh, "的 '{'")), hint: hint) }
        advance()
        while true {
            if tok.isPunct("}") {
                advance()
                return range(from: open.range.start)
            }
            if atEOF || (tok.atLineStart && isKeyword(topLevelWords)) {
                report("unclosed-block", L("\(what.en) is missing its closing '}'", zhJoin(what.zh, "缺少结尾的 '}'")), at: open.range,
                       hint: L("add } on its own line after the last line of \(what.en)", zhJoin("在", what.zh, "的最后一行之后单独一行写 }")))
                return range(from: open.range.start)
            }
            let itemStart = p
            do {
                try item(&self)
            } catch {
                synchronize(words, stopAtBrace: true, itemStart: itemStart)
            }
        }
    }

    private mutating func unexpectedItem(in what: LocalizedText, words: [String]) -> ParseError {
        let hint = tok.kind == .word ? Suggest.closest(to: tok.text, in: words).map(didYouMeanText) : nil
        let list = words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
        let zhList = words.count == 1 ? words[0] : words.dropLast().joined(separator: "、") + " 或 " + (words.last ?? "")
        let found = tok.display
        report("syntax", L("unexpected \(found.en) in \(what.en); expected \(list)", zhJoin(what.zh, "中不能有", found.zh, "；应为", zhList)),
               at: tok.range, hint: hint)
        return ParseError()
    }

    // MARK: header

    private mutating func parseHeader() throws -> Header {
        let start = advance()
        let title = try parseString(L("the rule set's title in quotes", "引号括起的规则集标题"), hint: L("ruleset \"株洲市“十五五”规划建议 衔接检查\" {"))
        var items: [HeaderItem] = []
        let body = try parseBlock(L("the ruleset header", "规则集头部"), words: headerWords, hint: L("ruleset \"…\" { … }")) { p in
            if let item = try p.parseHeaderItem() { items.append(item) }
        }
        return Header(title: title, items: items, range: range(from: start.range.start), body: body)
    }

    private mutating func parseHeaderItem() throws -> HeaderItem? {
        let start = tok.range.start
        switch tok.kind == .word ? tok.text : "" {
        case "source":
            advance()
            var name: Located<String>?
            if tok.kind == .word, peek(1).isPunct("=") {
                name = try parseName(L("the source's short name", "来源文件的简称"))
                advance()
            }
            let title = try parseString(L("the source document's title in quotes", "引号括起的来源文件标题"),
                                        hint: L("source 建议 = \"中共株洲市委关于制定…的建议\" published 2025-12-23"))
            var published: Located<SimpleDate>?
            if tok.isWord("published") {
                advance()
                published = try parseDate()
            }
            return .source(Source(name: name, title: title, published: published, range: range(from: start)))
        case "period":
            advance()
            let hint = L("period 2026..2030")
            if tok.kind == .number, tok.text.contains("-"), tok.unit.isEmpty {
                // `period 2026-2030` reads the same as `2026..2030`
                let t = advance()
                let parts = t.text.split(separator: "-").map { Int($0) }
                guard parts.count == 2, let a = parts[0], let b = parts[1] else { throw expected(L("two years", "两个年份"), hint: hint) }
                return .period(checkedPeriod(a, b, range(from: start)))
            }
            let a = try parseYear(hint: hint)
            try expectPunct("..", L("'..' between the first and the last year", "首尾年份之间的 '..'"), hint: hint)
            let b = try parseYear(hint: hint)
            return .period(checkedPeriod(a.value, b.value, range(from: start)))
        case "include":
            advance()
            let path = try parseString(L("the path of a file or folder to include, in quotes", "引号括起的要包含的文件或文件夹路径"),
                                       hint: L("include \"../common/terms.rules\""))
            return .include(Include(path: path.value, range: range(from: start)))
        case "default", "severity":
            if tok.isWord("default") {
                advance()
                try expectWord("severity", hint: L("default severity warning"))
            } else {
                advance()
            }
            guard let s = try parseSeverity() else { return nil }
            return .defaultSeverity(Located(s.value, range(from: start)))
        case "profile":
            return .profile(try parseProfile())
        case "areas":
            advance()
            let names = try parseNameList(L("an area name", "领域名称"), hint: L("areas 产业, 创新, 开放, 民生, 生态, 治理"))
            return .areas(AreaList(names: names, range: range(from: start)))
        case "language":
            advance()
            let hint = L("language zh")
            guard tok.kind == .word else { throw expected(L("the language of the reports, zh or en", "报告的语言：zh 或 en"), hint: hint) }
            let word = advance()
            guard let language = Language(code: word.text), word.text == language.rawValue else {
                report("unknown-language", L("plancheck speaks zh (简体中文) and en (English), not \(word.text)",
                                             "plancheck 只支持 zh（简体中文）和 en（English），不支持 \(word.text)"), at: word.range,
                       hint: Language(code: word.text).map { L("write language \($0.rawValue)", "改为 language \($0.rawValue)") } ?? hint)
                return nil
            }
            return .language(Located(language, range(from: start)))
        default:
            throw unexpectedItem(in: L("the ruleset header", "规则集头部"), words: headerWords)
        }
    }

    private mutating func checkedPeriod(_ a: Int, _ b: Int, _ r: SourceRange) -> Period {
        if a > b {
            report("bad-period", L("the period starts after it ends (\(a)..\(b))", "规划期的起始年份晚于结束年份（\(a)..\(b)）"), at: r,
                   hint: L("write the first year first: period \(b)..\(a)", "先写起始年份：period \(b)..\(a)"))
        }
        return Period(start: a, end: b, range: r)
    }

    private mutating func parseProfile() throws -> Profile {
        let start = advance().range.start
        // A profile's name stands where no other word can, so `review` is a fine name.
        let name = try parseName(L("the profile's name", "profile 的名称"), hint: L("profile draft = tag 约束性 | severity error"), allowKeyword: true)
        var title: Located<String>?
        if tok.kind == .string { title = try parseString(L("")) }
        try expectPunct("=", L("'=' after the profile's name", "profile 名称后的 '='"), hint: L("profile draft = tag 约束性 | severity error"))
        var selectors = [try parseSelector()]
        while tok.isPunct("|") {
            advance()
            selectors.append(try parseSelector())
        }
        var exceptions: [ProfileSelector] = []
        if tok.isWord("except") {
            advance()
            exceptions.append(try parseSelector())
            while tok.isPunct("|") {
                advance()
                exceptions.append(try parseSelector())
            }
        }
        return Profile(name: name, title: title, selectors: selectors, exceptions: exceptions, range: range(from: start))
    }

    private mutating func parseSelector() throws -> ProfileSelector {
        let start = tok.range.start
        let hint = L("select goals with: all, tag NAME, area NAME, goal ID or severity LEVEL",
                     "用 all、tag 标签、area 领域、goal 编号 或 severity 级别 选择目标")
        switch tok.kind == .word ? tok.text : "" {
        case "all":
            advance()
            return ProfileSelector(kind: .all, range: range(from: start))
        case "tag":
            advance()
            let t = try parseNameOrString(L("a tag", "标签"))
            return ProfileSelector(kind: .tag(t.value), range: range(from: start))
        case "area":
            advance()
            let a = try parseNameOrString(L("an area", "领域"))
            return ProfileSelector(kind: .area(a.value), range: range(from: start))
        case "goal":
            advance()
            let g = try parseGoalID()
            return ProfileSelector(kind: .goal(g.value), range: range(from: start))
        case "severity":
            advance()
            guard let s = try parseSeverity() else { throw ParseError() }
            return ProfileSelector(kind: .severity(s.value), range: range(from: start))
        default:
            throw expected(L("a goal selector (all, tag, area, goal or severity)", "目标选择器（all、tag、area、goal 或 severity）"), hint: hint)
        }
    }

    // MARK: terms

    private mutating func parseTerm() throws -> Term {
        let start = advance().range.start
        let hint = L("term 研发强度 = \"研发投入强度\" | \"R&D投入强度\"")
        if tok.kind == .string {
            report("syntax", L("a term's name is written without quotes", "术语名不加引号"), at: tok.range,
                   hint: L("term \(tok.text.isEmpty ? "研发强度" : tok.text) = \"…\""))
            throw ParseError()
        }
        let name = try parseName(L("the term's name", "术语名"), hint: hint)
        var alternatives: [TermRef] = []
        do {
            return try parseTermBody(name: name, start: start, alternatives: &alternatives)
        } catch {
            // The span reaches the token the error is reported at, so the checker knows the term is broken.
            partialStatements.append(.term(Term(name: name, alternatives: alternatives, exclusions: [], unit: nil,
                                                range: SourceRange(start, tok.range.end))))
            throw error
        }
    }

    private mutating func parseTermBody(name: Located<String>, start: SourceLocation, alternatives: inout [TermRef]) throws -> Term {
        let hint = L("term 研发强度 = \"研发投入强度\" | \"R&D投入强度\"")
        try expectPunct("=", L("'=' after the term's name", "术语名后的 '='"), hint: hint)
        // `term X =` with nothing after it is read as a term without aliases, which the checker reports.
        if !(atEOF || tok.isPunct("}") || (tok.atLineStart && isKeyword(topLevelWords))
             || tok.isWord("except") || tok.isWord("unit")) {
            alternatives = [try parseTermRef(L("an alias in quotes or a term's name", "引号括起的别名或术语名"), hint: hint)]
            while tok.isPunct("|") {
                advance()
                alternatives.append(try parseTermRef(L("an alias in quotes or a term's name", "引号括起的别名或术语名"), hint: hint))
            }
        }
        var exclusions: [TermRef] = []
        if tok.isWord("except") {
            advance()
            exclusions = try parseAlternatives(L("a word to exclude, in quotes", "引号括起的排除词"), hint: L("term 研发 = \"研发\" except \"研发中心\""))
        }
        var unit: UnitSpec?
        if tok.isWord("unit") {
            advance()
            unit = try parseUnitSpec()
        }
        return Term(name: name, alternatives: alternatives, exclusions: exclusions, unit: unit, range: range(from: start))
    }

    private mutating func parseAlternatives(_ what: LocalizedText, hint: LocalizedText) throws -> [TermRef] {
        var refs = [try parseTermRef(what, hint: hint)]
        while tok.isPunct("|") {
            advance()
            refs.append(try parseTermRef(what, hint: hint))
        }
        return refs
    }

    private mutating func parseTermRef(_ what: LocalizedText = L("a term's name or a phrase in quotes", "术语名或引号括起的短语"),
                                       hint: LocalizedText? = nil) throws -> TermRef {
        let t = tok
        switch t.kind {
        case .string:
            advance()
            // `"能耗" .. "下降"`: the two parts of a split phrase.
            if tok.isPunct("..") {
                advance()
                let second = tok
                guard second.kind == .string else {
                    throw expected(L("the second part of a split phrase, in quotes", "引号括起的拆分短语后半部分"), hint: L("\"能耗\" .. \"下降\""))
                }
                advance()
                return TermRef(.split(t.text, second.text), SourceRange(t.range.start, second.range.end))
            }
            return TermRef(.phrase(t.text), t.range)
        case .word where !reservedWords.contains(t.text):
            advance()
            return TermRef(.named(t.text), t.range)
        default:
            throw expected(what, hint: hint)
        }
    }

    private mutating func parseUnitSpec() throws -> UnitSpec {
        let t = tok
        guard t.kind == .word else { throw expected(L("a unit such as % or 亿元", "单位（如 % 或 亿元）")) }
        advance()
        let unit = Unit.named(t.text)
        if unit == nil {
            report("unknown-unit", L("unknown unit '\(t.text)'", "未知的单位 '\(t.text)'"), at: t.range,
                   hint: L("expected a unit such as % or 亿元", "应写 % 或 亿元 这样的单位"))
        }
        return UnitSpec(text: t.text, unit: unit, range: t.range)
    }

    // MARK: goals

    private mutating func parseGoal() throws -> Goal {
        let start = advance().range.start
        let hint = L("goal 5.2 \"建设更有核心竞争力的科技创新高地\" {")
        let id: Located<String>
        if tok.kind == .string && peek(1).isPunct("{") || tok.isPunct("{") {
            // The id is missing; report it and read the goal anyway, so its clauses are still checked.
            _ = expected(L("the goal's id, such as 5.2", "目标编号（如 5.2）"), hint: hint)
            id = Located("", SourceRange(previousEnd, previousEnd))
        } else {
            id = try parseGoalID()
        }
        let title: Located<String>
        if tok.kind == .string {
            title = try parseString(L(""))
        } else {
            _ = expected(L("the goal's title in quotes", "引号括起的目标标题"), hint: hint)
            title = Located("", SourceRange(previousEnd, previousEnd))
            if !tok.isPunct("{") { throw ParseError() }
        }
        var items: [GoalItem] = []
        let body = try parseBlock(L("goal \(id.value)", id.value.isEmpty ? "目标" : "目标 \(id.value)"), words: goalWords, hint: hint) { p in
            if let item = try p.parseGoalItem() { items.append(item) }
        }
        return Goal(id: id, title: title, items: items, range: range(from: start), body: body)
    }

    private mutating func parseGoalID() throws -> Located<String> {
        let t = tok
        switch t.kind {
        case .number:
            advance()
            return Located(t.raw, t.range)
        case .word where !reservedWords.contains(t.text):
            advance()
            return Located(t.text, t.range)
        case .string where !t.text.isEmpty:
            advance()
            return Located(t.text, t.range)
        default:
            throw expected(L("a goal id such as 5.2", "目标编号（如 5.2）"))
        }
    }

    private mutating func parseGoalItem() throws -> GoalItem? {
        let start = tok.range.start
        switch tok.kind == .word ? tok.text : "" {
        case "area":
            advance()
            let a = try parseNameOrString(L("the goal's area", "目标的领域"), hint: L("area 创新"))
            return .area(Located(a.value, range(from: start)))
        case "severity":
            advance()
            guard let s = try parseSeverity() else { return nil }
            return .severity(Located(s.value, range(from: start)))
        case "weight":
            advance()
            let t = tok
            guard t.kind == .number, !t.text.contains("-"), t.unit.isEmpty, let w = Double(t.text) else {
                throw expected(L("a number such as 3", "数字（如 3）"), hint: L("weight 3"))
            }
            advance()
            return .weight(Located(w, range(from: start)))
        case "tags":
            advance()
            let tags = try parseNameList(L("a tag", "标签"), hint: L("tags 约束性, 科技"))
            return .tags(Located(tags, range(from: start)))
        case "cite":
            return .cite(try parseCitation())
        case "applies", "except":
            let only = advance().text == "applies"
            let names = try parseNameList(L("a district's name", "区县名称"), hint: L(only ? "applies 醴陵市, 攸县" : "except 荷塘区"))
            return .places(Located(Places(only: only, names: names), range(from: start)))
        case "scope":
            advance()
            let scopes = try parseScopes()
            if scopes.isEmpty { throw expected(L("a scope such as in section /产业/ or outside review", "范围（如 in section /产业/ 或 outside review）")) }
            return .scope(Located(scopes, range(from: start)))
        case "require", "expect", "suggest":
            return .clause(try parseClause())
        case "when":
            return .clause(try parseWhen())
        default:
            throw unexpectedItem(in: L("a goal", "目标"), words: goalWords)
        }
    }

    private mutating func parseCitation() throws -> Citation {
        let start = advance().range.start
        let hint = L("cite 建议 item 5 \"研发投入达到国内先进水平\"")
        let document: Located<Citation.Document>
        switch tok.kind {
        case .string:
            let t = advance()
            document = Located(.text(t.text), t.range)
        case .word where !reservedWords.contains(tok.text):
            let t = advance()
            document = Located(.source(t.text), t.range)
        default:
            throw expected(L("the cited document: a source's name or a title in quotes", "引用的文件：来源的简称或引号括起的标题"), hint: hint)
        }
        var item: Located<String>?
        if tok.isWord("item") {
            advance()
            let t = tok
            switch t.kind {
            case .number, .word, .string:
                advance()
                item = Located(t.kind == .string ? t.text : t.raw, t.range)
            default:
                throw expected(L("the item's number", "条目编号"), hint: hint)
            }
        }
        var quote: Located<String>?
        if tok.kind == .string { quote = try parseString(L("")) }
        return Citation(document: document, item: item, quote: quote, range: range(from: start))
    }

    private mutating func parseClause() throws -> Clause {
        let start = tok.range.start
        let strength = Strength(rawValue: advance().text) ?? .require
        let predicate = try parsePredicate(after: strength.rawValue)
        let scopes = try parseScopes()
        return Clause(strength: strength, predicate: predicate, scopes: scopes, condition: nil, range: range(from: start))
    }

    private mutating func parseWhen() throws -> Clause {
        let start = advance().range.start
        let condStart = tok.range.start
        let predicate = try parsePredicate(after: "when")
        let condScopes = try parseScopes()
        let condition = Condition(predicate: predicate, scopes: condScopes, range: range(from: condStart))
        guard tok.isWord("then") else {
            throw expected(L("'then' and the clause that applies", "'then' 及其后适用的条款"),
                           hint: L("when mention \"陶瓷\" then expect target \"陶瓷\" >= 1000亿元"))
        }
        advance()
        guard tok.kind == .word, let strength = Strength(rawValue: tok.text) else {
            throw expected(L("require, expect or suggest after then", "then 之后的 require、expect 或 suggest"))
        }
        advance()
        let consequence = try parsePredicate(after: strength.rawValue)
        let scopes = try parseScopes()
        return Clause(strength: strength, predicate: consequence, scopes: scopes, condition: condition, range: range(from: start))
    }

    private mutating func parsePredicate(after keyword: String) throws -> Predicate {
        let start = tok.range.start
        switch tok.kind == .word ? tok.text : "" {
        case "mention":
            advance()
            return .mention(try parseTermSet(start))
        case "commitment":
            advance()
            let set = try parseTermSet(start)
            var year: Located<Int>?
            if tok.isWord("by") {
                advance()
                year = try parseYear(hint: L("commitment \"远景目标\" by 2035"))
            }
            return .commitment(set, by: year)
        case "target":
            advance()
            return .target(try parseTarget(start))
        default:
            let hint = tok.kind == .word
                ? Suggest.closest(to: tok.text, in: ["mention", "commitment", "target"]).map(didYouMeanText) : nil
            throw expected(L("mention, commitment or target after \(keyword)", "\(keyword) 之后的 mention、commitment 或 target"),
                           hint: hint ?? L("\(keyword) mention 研发强度"))
        }
    }

    private mutating func parseTermSet(_ start: SourceLocation) throws -> TermSet {
        let hint = L("mention any(\"厂所结合\", \"科创中城\")")
        if (tok.isWord("any") || tok.isWord("all")) && peek(1).isPunct("(") {
            let q: TermSet.Quantifier = advance().text == "any" ? .any : .all
            let terms = try parseTermList(hint: hint)
            return TermSet(quantifier: q, terms: terms, range: range(from: start))
        }
        if tok.isWord("at") {
            advance()
            let h = L("mention at least 2 of (\"a\", \"b\", \"c\")")
            try expectWord("least", hint: h)
            let t = tok
            guard t.kind == .number, t.unit.isEmpty, let n = Int(t.text) else { throw expected(L("a whole number", "整数"), hint: h) }
            advance()
            try expectWord("of", hint: h)
            let terms = try parseTermList(hint: h)
            return TermSet(quantifier: .atLeast(n), terms: terms, range: range(from: start))
        }
        let one = try parseTermRef(L("a term's name, a phrase in quotes, any(…), all(…) or at least N of (…)",
                                     "术语名、引号括起的短语、any(…)、all(…) 或 at least N of (…)"), hint: hint)
        return TermSet(quantifier: .any, terms: [one], range: range(from: start))
    }

    private mutating func parseTermList(hint: LocalizedText) throws -> [TermRef] {
        let open = tok.range.start
        try expectPunct("(", L("'('", "左括号 '('"), hint: hint)
        var terms: [TermRef] = []
        while !tok.isPunct(")") {
            terms.append(try parseTermRef(hint: hint))
            if tok.isPunct(",") {
                advance()
            } else if !tok.isPunct(")") {
                throw expected(L("',' or ')'", "',' 或 ')'"), hint: hint)
            }
        }
        advance()
        if terms.isEmpty {
            report("empty-list", L("an empty list matches nothing", "空列表什么也匹配不到"), at: range(from: open), hint: hint)
        }
        return terms
    }

    private mutating func parseTarget(_ start: SourceLocation) throws -> Target {
        let hint = L("target 研发强度 >= 3.2% by 2030")
        let subject = try parseTermRef(L("the target's subject: a term's name or a phrase in quotes", "指标的对象：术语名或引号括起的短语"), hint: hint)
        let comparison: Comparison
        switch tok.kind == .punct || tok.kind == .word ? tok.text : "" {
        case ">=":
            advance()
            comparison = .atLeast(try parseQuantity())
        case "<=":
            advance()
            comparison = .atMost(try parseQuantity())
        case "=":
            advance()
            comparison = .equal(try parseQuantity())
        case "between":
            advance()
            let low = try parseQuantity()
            try expectWord("and", hint: L("target 城镇化率 between 70% and 75%"))
            comparison = .between(low, try parseQuantity())
        case ">", "<":
            let op = tok.text
            report("syntax", L("'\(op)' is not a comparison of the rule language", "'\(op)' 不是规则语言的比较符"), at: tok.range,
                   hint: L("write \(op)= (\(op == ">" ? "at least" : "at most")); plans say 以上 and 以内 inclusively",
                           "改为 \(op)=（\(op == ">" ? "不低于" : "不高于")）；规划里的“以上”“以内”都含本数"))
            throw ParseError()
        default:
            throw expected(L("a comparison: >=, <=, = or between", "比较符：>=、<=、= 或 between"), hint: hint)
        }
        var year: Located<Int>?
        if tok.isWord("by") {
            advance()
            year = try parseYear(hint: hint)
        }
        return Target(subject: subject, comparison: comparison, year: year, range: range(from: start))
    }

    /// Reads `3.2%`, `1000亿元`, `1000 亿元`, `5000亿`, `2-3个`, or a Chinese numeral such as `千亿元`.
    private mutating func parseQuantity() throws -> Quantity {
        let t = tok
        let hint = L("expected a number such as 3.2% or 1000亿元", "应写 3.2% 或 1000亿元 这样的数值")
        switch t.kind {
        case .number:
            advance()
            let parts = t.text.split(separator: "-", omittingEmptySubsequences: false)
            let values = parts.map { Double(String($0)) }
            guard !parts.isEmpty, parts.count <= 2, values.allSatisfy({ $0 != nil }),
                  !parts.contains(where: { $0.filter { $0 == "." }.count > 1 }) else {
                report("bad-number", L("'\(t.raw)' is not a number", "'\(t.raw)' 不是有效的数值"), at: t.range, hint: hint)
                throw ParseError()
            }
            if t.unit.isEmpty, tok.isPunct(","), tok.range.start.offset == t.range.end.offset,
               peek(1).kind == .number, peek(1).range.start.offset == tok.range.end.offset {
                report("bad-number", L("numbers are written without thousands separators", "数值不写千位分隔符"),
                       at: SourceRange(t.range.start, peek(1).range.end),
                       hint: L("write \(t.text)\(peek(1).raw)", "改为 \(t.text)\(peek(1).raw)"))
                throw ParseError()
            }
            var unitText = t.unit
            var end = t.range.end
            // A unit written after a space (`1000 亿元`) still belongs to the number.
            if unitText.isEmpty, tok.kind == .word, !onNewLine, !reservedWords.contains(tok.text),
               Self.splitUnit(tok.text) != nil {
                unitText = tok.text
                end = advance().range.end
            }
            var magnitude = 1.0
            var unit: Unit?
            if !unitText.isEmpty {
                if let (m, u) = Self.splitUnit(unitText) {
                    magnitude = m
                    unit = u
                } else {
                    report("unknown-unit", L("unknown unit '\(unitText)'", "未知的单位 '\(unitText)'"),
                           at: SourceRange(lines.location(t.range.start.offset + t.text.unicodeScalars.count), end),
                           hint: L("expected a unit such as % or 亿元", "应写 % 或 亿元 这样的单位"))
                }
            }
            let low = values[0] ?? 0
            let high = values.count > 1 ? values[1] : nil
            return Quantity(text: t.text + unitText, low: low, high: high, magnitude: magnitude, unit: unit,
                            range: SourceRange(t.range.start, end))
        case .word:
            guard let q = Self.chineseQuantity(t.text) else { throw expected(L("a number such as 3.2% or 1000亿元", "数值（如 3.2% 或 1000亿元）")) }
            advance()
            return Quantity(text: t.text, low: q.value, high: nil, magnitude: 1, unit: q.unit, range: t.range)
        default:
            throw expected(L("a number such as 3.2% or 1000亿元", "数值（如 3.2% 或 1000亿元）"))
        }
    }

    /// Splits what follows a number into a magnitude and a unit: `亿元` → (1, 亿元), `亿` → (1e8, nil),
    /// `万家` → (1e4, 家). Nil when it is neither.
    static func splitUnit(_ text: String) -> (Double, Unit?)? {
        if let u = Unit.named(text) { return (1, u) }
        for (m, factor) in magnitudes where text.hasPrefix(m) {
            let rest = String(text.dropFirst(m.count))
            if rest.isEmpty { return (factor, nil) }
            if let u = Unit.named(rest) { return (factor, u) }
        }
        return nil
    }

    /// `千亿元` → (1e11, 元), `五百亿` → (5e10, nil), `三个` → (3, 个).
    static func chineseQuantity(_ text: String) -> (value: Double, unit: Unit?)? {
        let scalars = Array(text.unicodeScalars)
        var n = scalars.count
        while n > 0 {
            let head = scalars[0..<n]
            if let v = ChineseNumeral.value(of: head) {
                let rest = String(String.UnicodeScalarView(scalars[n...]))
                if rest.isEmpty { return (Double(v), nil) }
                if let u = Unit.named(rest) { return (Double(v), u) }
            }
            n -= 1
        }
        return nil
    }

    /// `2030`, `2030年`, `二〇三〇年`.
    private mutating func parseYear(hint: LocalizedText) throws -> Located<Int> {
        let t = tok
        var value: Int?
        switch t.kind {
        case .number where t.unit.isEmpty || t.unit == "年":
            value = Int(t.text)
        case .word:
            var text = t.text
            if text.hasSuffix("年") { text.removeLast() }
            if text.unicodeScalars.allSatisfy({ ChineseNumeral.digit($0) != nil }) { value = ChineseNumeral.value(of: text) }
        default:
            break
        }
        guard let year = value, (1900...2200).contains(year) else { throw expected(L("a year such as 2030", "年份（如 2030）"), hint: hint) }
        advance()
        return Located(year, t.range)
    }

    private mutating func parseDate() throws -> Located<SimpleDate> {
        let t = tok
        guard t.kind == .date else { throw expected(L("a date such as 2025-12-23", "日期（如 2025-12-23）")) }
        advance()
        let parts = t.text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1900...2200).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            report("bad-date", L("'\(t.raw)' is not a valid date", "'\(t.raw)' 不是有效的日期"), at: t.range,
                   hint: L("write year-month-day, such as 2025-12-23", "按 年-月-日 写，如 2025-12-23"))
            return Located(SimpleDate(year: parts.first ?? 0, month: 1, day: 1), t.range)
        }
        return Located(SimpleDate(year: parts[0], month: parts[1], day: parts[2]), t.range)
    }

    // MARK: scopes

    private mutating func parseScopes() throws -> [Scope] {
        var scopes: [Scope] = []
        while tok.isWord("in") || tok.isWord("outside") {
            let start = tok.range.start
            let inside = advance().text == "in"
            if tok.isWord("section") {
                advance()
                let t = tok
                guard t.kind == .regex else { throw expected(L("a pattern between slashes", "斜杠之间的章节模式"), hint: L("in section /产业|制造/")) }
                advance()
                var raw = Substring(t.raw.dropFirst())
                if raw.hasSuffix("/") { raw = raw.dropLast() }
                let pattern = SectionPattern(pattern: t.text, raw: String(raw))
                scopes.append(Scope(kind: inside ? .inSection(pattern) : .outsideSection(pattern), range: range(from: start)))
            } else if inside && tok.isWord("xpath") {
                advance()
                let s = try parseString(L("an XPath expression in quotes", "引号括起的 XPath 表达式"), hint: L("in xpath \"//chapter[@id='6']\""))
                scopes.append(Scope(kind: .inXPath(s.value), range: range(from: start)))
            } else if !inside && tok.isWord("review") {
                advance()
                scopes.append(Scope(kind: .outsideReview, range: range(from: start)))
            } else {
                throw expected(inside ? L("section /…/ or xpath \"…\" after in", "in 之后的 section /…/ 或 xpath \"…\"")
                                      : L("review or section /…/ after outside", "outside 之后的 review 或 section /…/"),
                               hint: L(inside ? "in section /产业|制造/" : "outside review"))
            }
        }
        return scopes
    }

    // MARK: retirements

    private mutating func parseRetire() throws -> Retirement {
        let start = advance().range.start
        let hint = L("retire \"能耗双控\" use \"碳排放总量和强度双控\" severity warning")
        let old = try parseAlternatives(L("the retired words in quotes", "引号括起的过时表述"), hint: hint)
        var exclusions: [TermRef] = []
        if tok.isWord("except") {
            advance()
            exclusions = try parseAlternatives(L("a word to exclude, in quotes", "引号括起的排除词"), hint: hint)
        }
        var replacement: [TermRef] = []
        if tok.isWord("use") {
            advance()
            replacement = try parseAlternatives(L("the words to use instead, in quotes", "引号括起的替代说法"), hint: hint)
        }
        var severity: Located<Severity>?
        if tok.isWord("severity") {
            let s = tok.range.start
            advance()
            if let v = try parseSeverity() { severity = Located(v.value, range(from: s)) }
        }
        let scopes = try parseScopes()
        return Retirement(old: old, exclusions: exclusions, replacement: replacement, severity: severity,
                          scopes: scopes, range: range(from: start))
    }

    // MARK: uncheckable commitments

    private mutating func parseUncheckable() throws -> Uncheckable {
        let start = advance().range.start
        let hint = L("uncheckable \"中央的总体部署，区县照录，无可检查的承接内容\" { cite 建议 item 3 \"…\" }")
        let reason = try parseString(L("the reason in quotes: why no rule can check these commitments", "引号括起的理由：为什么这些承诺无法用规则检查"),
                                     hint: hint)
        var citations: [Citation] = []
        let body = try parseBlock(L("uncheckable \"\(reason.value)\""), words: uncheckableWords, hint: hint) { p in
            guard p.tok.isWord("cite") else { throw p.unexpectedItem(in: L("an uncheckable block", "uncheckable 块"), words: uncheckableWords) }
            citations.append(try p.parseCitation())
        }
        return Uncheckable(reason: reason, citations: citations, range: range(from: start), body: body)
    }

    // MARK: tests

    private mutating func parseTest() throws -> RuleTest {
        let start = advance().range.start
        let hint = L("test \"陶瓷千亿目标\" { plan \"…\"  expect 6 covered }")
        let name = try parseString(L("the test's name in quotes", "引号括起的测试名称"), hint: hint)
        var items: [TestItem] = []
        let body = try parseBlock(L("test \"\(name.value)\"", "测试 \"\(name.value)\""), words: testWords, hint: hint) { p in
            items.append(try p.parseTestItem())
        }
        return RuleTest(name: name, items: items, range: range(from: start), body: body)
    }

    private mutating func parseTestItem() throws -> TestItem {
        let start = tok.range.start
        switch tok.kind == .word ? tok.text : "" {
        case "plan":
            advance()
            if tok.isWord("file") {
                advance()
                let path = try parseString(L("the plan file's path in quotes", "引号括起的规划文件路径"), hint: L("plan file \"hetang-excerpt.txt\""))
                return .plan(Located(.file(path.value), range(from: start)))
            }
            let text = try parseString(L("the plan text in quotes, or file \"…\"", "引号括起的规划文本，或 file \"…\""),
                                       hint: L("plan \"到2030年，研发投入强度达到3.5%。\""))
            return .plan(Located(.text(text.value), range(from: start)))
        case "expect":
            advance()
            let hint = L("expect 5.2 covered")
            if tok.isWord("outdated") || (tok.isWord("no") && peek(1).isWord("outdated")) {
                let present = !tok.isWord("no")
                if !present { advance() }
                advance()
                let ref = try parseTermRef(L("the retired words in quotes", "引号括起的过时表述"), hint: L("expect outdated \"十九大\""))
                return .expect(TestExpectation(kind: .outdated(ref, present: present), range: range(from: start)))
            }
            let id = try parseGoalID()
            let t = tok
            guard t.kind == .word else {
                throw expected(L("a status: covered, weak, missing, conflicting, outdated or not applicable",
                                 "状态：covered、weak、missing、conflicting、outdated 或 not applicable"), hint: hint)
            }
            advance()
            if t.text == "not", tok.isWord("applicable") {
                advance()
                return .expect(TestExpectation(kind: .goal(id: id, status: .notApplicable), range: range(from: start)))
            }
            guard let status = ExpectedStatus(rawValue: t.text), status != .notApplicable else {
                let names = ExpectedStatus.allCases.map(\.written)
                report("unknown-status", L("unknown status '\(t.text)'", "未知的状态 '\(t.text)'"), at: t.range,
                       hint: Suggest.closest(to: t.text, in: names).map(didYouMeanText)
                           ?? L("a status is one of \(names.joined(separator: ", "))", "状态只能是 \(names.joined(separator: "、")) 之一"))
                throw ParseError()
            }
            return .expect(TestExpectation(kind: .goal(id: id, status: status), range: range(from: start)))
        default:
            throw unexpectedItem(in: L("a test", "测试"), words: testWords)
        }
    }

    // MARK: small pieces

    private mutating func parseString(_ what: LocalizedText, hint: LocalizedText? = nil) throws -> Located<String> {
        let t = tok
        guard t.kind == .string else { throw expected(what, hint: hint) }
        advance()
        return Located(t.text, t.range)
    }

    private mutating func parseName(_ what: LocalizedText, hint: LocalizedText? = nil, allowKeyword: Bool = false) throws -> Located<String> {
        let t = tok
        if t.kind == .word, reservedWords.contains(t.text), !allowKeyword {
            report("reserved-word", L("'\(t.text)' is a keyword and cannot be used as a name", "'\(t.text)' 是关键词，不能用作名称"), at: t.range,
                   hint: L("choose another name, or write the phrase in quotes", "换一个名称，或把这个短语写在引号里"))
            throw ParseError()
        }
        guard t.kind == .word else { throw expected(what, hint: hint) }
        advance()
        return Located(t.text, t.range)
    }

    private mutating func parseNameOrString(_ what: LocalizedText, hint: LocalizedText? = nil) throws -> Located<String> {
        if tok.kind == .string { return try parseString(what, hint: hint) }
        return try parseName(what, hint: hint)
    }

    private mutating func parseNameList(_ what: LocalizedText, hint: LocalizedText) throws -> [Located<String>] {
        var names = [try parseNameOrString(what, hint: hint)]
        while tok.isPunct(",") {
            advance()
            names.append(try parseNameOrString(what, hint: hint))
        }
        return names
    }

    /// Reads `error`, `warning` or `info`; a misspelling is reported (with a suggestion) and skipped.
    private mutating func parseSeverity() throws -> Located<Severity>? {
        let t = tok
        guard t.kind == .word else { throw expected(L("a severity: error, warning or info", "严重程度：error、warning 或 info")) }
        advance()
        guard let s = Severity(rawValue: t.text) else {
            let names = Severity.allCases.map(\.rawValue)
            report("unknown-severity", L("unknown severity '\(t.text)'", "未知的严重程度 '\(t.text)'"), at: t.range,
                   hint: Suggest.closest(to: t.text, in: names).map(didYouMeanText)
                       ?? L("a severity is error, warning or info", "严重程度只能是 error、warning 或 info"))
            return nil
        }
        return Located(s, t.range)
    }
}
