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

    private mutating func report(_ code: String, _ message: String, at range: SourceRange, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, code, message, at: range, hint: hint))
    }

    /// Reports that `what` was expected here and returns the error that abandons the current line.
    ///
    /// When the next token is on a later line, the caret goes just after the previous token: that is
    /// where the author stopped typing, not where the next line begins.
    private mutating func expected(_ what: String, hint: String? = nil) -> ParseError {
        if onNewLine {
            let end = previousEnd
            report("syntax", "expected \(what)", at: SourceRange(end, end), hint: hint)
        } else {
            report("syntax", "expected \(what), found \(tok.display)", at: tok.range, hint: hint)
        }
        return ParseError()
    }

    private mutating func expectPunct(_ p: String, _ what: String, hint: String? = nil) throws {
        guard tok.isPunct(p) else { throw expected(what, hint: hint) }
        advance()
    }

    private mutating func expectWord(_ w: String, hint: String? = nil) throws {
        guard tok.isWord(w) else { throw expected("'\(w)'", hint: hint) }
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
                    let hint = tok.kind == .word ? Suggest.closest(to: tok.text, in: topLevelWords).map { "did you mean \($0)?" } : nil
                    if tok.isPunct("}") {
                        report("syntax", "unexpected '}' with no block to close", at: tok.range)
                    } else {
                        report("syntax", "expected a statement (ruleset, term, goal, retire, uncheckable or test), found \(tok.display)",
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
    private mutating func parseBlock(_ what: String, words: [String], hint: String,
                                     item: (inout Parser) throws -> Void) throws -> SourceRange {
        let open = tok
        guard tok.isPunct("{") else { throw expected("'{' to open \(what)", hint: hint) }
        advance()
        while true {
            if tok.isPunct("}") {
                advance()
                return range(from: open.range.start)
            }
            if atEOF || (tok.atLineStart && isKeyword(topLevelWords)) {
                report("unclosed-block", "\(what) is missing its closing '}'", at: open.range,
                       hint: "add } on its own line after the last line of \(what)")
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

    private mutating func unexpectedItem(in what: String, words: [String]) -> ParseError {
        let hint = tok.kind == .word ? Suggest.closest(to: tok.text, in: words).map { "did you mean \($0)?" } : nil
        let list = words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
        report("syntax", "unexpected \(tok.display) in \(what); expected \(list)", at: tok.range, hint: hint)
        return ParseError()
    }

    // MARK: header

    private mutating func parseHeader() throws -> Header {
        let start = advance()
        let title = try parseString("the rule set's title in quotes", hint: "ruleset \"株洲市“十五五”规划建议 衔接检查\" {")
        var items: [HeaderItem] = []
        let body = try parseBlock("the ruleset header", words: headerWords, hint: "ruleset \"…\" { … }") { p in
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
                name = try parseName("the source's short name")
                advance()
            }
            let title = try parseString("the source document's title in quotes",
                                        hint: "source 建议 = \"中共株洲市委关于制定…的建议\" published 2025-12-23")
            var published: Located<SimpleDate>?
            if tok.isWord("published") {
                advance()
                published = try parseDate()
            }
            return .source(Source(name: name, title: title, published: published, range: range(from: start)))
        case "period":
            advance()
            let hint = "period 2026..2030"
            if tok.kind == .number, tok.text.contains("-"), tok.unit.isEmpty {
                // `period 2026-2030` reads the same as `2026..2030`
                let t = advance()
                let parts = t.text.split(separator: "-").map { Int($0) }
                guard parts.count == 2, let a = parts[0], let b = parts[1] else { throw expected("two years", hint: hint) }
                return .period(checkedPeriod(a, b, range(from: start)))
            }
            let a = try parseYear(hint: hint)
            try expectPunct("..", "'..' between the first and the last year", hint: hint)
            let b = try parseYear(hint: hint)
            return .period(checkedPeriod(a.value, b.value, range(from: start)))
        case "include":
            advance()
            let path = try parseString("the path of a file or folder to include, in quotes",
                                       hint: "include \"../common/terms.rules\"")
            return .include(Include(path: path.value, range: range(from: start)))
        case "default", "severity":
            if tok.isWord("default") {
                advance()
                try expectWord("severity", hint: "default severity warning")
            } else {
                advance()
            }
            guard let s = try parseSeverity() else { return nil }
            return .defaultSeverity(Located(s.value, range(from: start)))
        case "profile":
            return .profile(try parseProfile())
        case "areas":
            advance()
            let names = try parseNameList("an area name", hint: "areas 产业, 创新, 开放, 民生, 生态, 治理")
            return .areas(AreaList(names: names, range: range(from: start)))
        case "language":
            advance()
            let hint = "language zh"
            guard tok.kind == .word else { throw expected("the language of the reports, zh or en", hint: hint) }
            let word = advance()
            guard let language = Language(code: word.text), word.text == language.rawValue else {
                report("unknown-language", "plancheck speaks zh (简体中文) and en (English), not \(word.text)", at: word.range,
                       hint: Language(code: word.text).map { "write language \($0.rawValue)" } ?? hint)
                return nil
            }
            return .language(Located(language, range(from: start)))
        default:
            throw unexpectedItem(in: "the ruleset header", words: headerWords)
        }
    }

    private mutating func checkedPeriod(_ a: Int, _ b: Int, _ r: SourceRange) -> Period {
        if a > b {
            report("bad-period", "the period starts after it ends (\(a)..\(b))", at: r, hint: "write the first year first: period \(b)..\(a)")
        }
        return Period(start: a, end: b, range: r)
    }

    private mutating func parseProfile() throws -> Profile {
        let start = advance().range.start
        // A profile's name stands where no other word can, so `review` is a fine name.
        let name = try parseName("the profile's name", hint: "profile draft = tag 约束性 | severity error", allowKeyword: true)
        var title: Located<String>?
        if tok.kind == .string { title = try parseString("") }
        try expectPunct("=", "'=' after the profile's name", hint: "profile draft = tag 约束性 | severity error")
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
        let hint = "select goals with: all, tag NAME, area NAME, goal ID or severity LEVEL"
        switch tok.kind == .word ? tok.text : "" {
        case "all":
            advance()
            return ProfileSelector(kind: .all, range: range(from: start))
        case "tag":
            advance()
            let t = try parseNameOrString("a tag")
            return ProfileSelector(kind: .tag(t.value), range: range(from: start))
        case "area":
            advance()
            let a = try parseNameOrString("an area")
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
            throw expected("a goal selector (all, tag, area, goal or severity)", hint: hint)
        }
    }

    // MARK: terms

    private mutating func parseTerm() throws -> Term {
        let start = advance().range.start
        let hint = "term 研发强度 = \"研发投入强度\" | \"R&D投入强度\""
        if tok.kind == .string {
            report("syntax", "a term's name is written without quotes", at: tok.range,
                   hint: "term \(tok.text.isEmpty ? "研发强度" : tok.text) = \"…\"")
            throw ParseError()
        }
        let name = try parseName("the term's name", hint: hint)
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
        let hint = "term 研发强度 = \"研发投入强度\" | \"R&D投入强度\""
        try expectPunct("=", "'=' after the term's name", hint: hint)
        // `term X =` with nothing after it is read as a term without aliases, which the checker reports.
        if !(atEOF || tok.isPunct("}") || (tok.atLineStart && isKeyword(topLevelWords))
             || tok.isWord("except") || tok.isWord("unit")) {
            alternatives = [try parseTermRef("an alias in quotes or a term's name", hint: hint)]
            while tok.isPunct("|") {
                advance()
                alternatives.append(try parseTermRef("an alias in quotes or a term's name", hint: hint))
            }
        }
        var exclusions: [TermRef] = []
        if tok.isWord("except") {
            advance()
            exclusions = try parseAlternatives("a word to exclude, in quotes", hint: "term 研发 = \"研发\" except \"研发中心\"")
        }
        var unit: UnitSpec?
        if tok.isWord("unit") {
            advance()
            unit = try parseUnitSpec()
        }
        return Term(name: name, alternatives: alternatives, exclusions: exclusions, unit: unit, range: range(from: start))
    }

    private mutating func parseAlternatives(_ what: String, hint: String) throws -> [TermRef] {
        var refs = [try parseTermRef(what, hint: hint)]
        while tok.isPunct("|") {
            advance()
            refs.append(try parseTermRef(what, hint: hint))
        }
        return refs
    }

    private mutating func parseTermRef(_ what: String = "a term's name or a phrase in quotes", hint: String? = nil) throws -> TermRef {
        let t = tok
        switch t.kind {
        case .string:
            advance()
            // `"能耗" .. "下降"`: the two parts of a split phrase.
            if tok.isPunct("..") {
                advance()
                let second = tok
                guard second.kind == .string else {
                    throw expected("the second part of a split phrase, in quotes", hint: "\"能耗\" .. \"下降\"")
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
        guard t.kind == .word else { throw expected("a unit such as % or 亿元") }
        advance()
        let unit = Unit.named(t.text)
        if unit == nil {
            report("unknown-unit", "unknown unit '\(t.text)'", at: t.range, hint: "expected a unit such as % or 亿元")
        }
        return UnitSpec(text: t.text, unit: unit, range: t.range)
    }

    // MARK: goals

    private mutating func parseGoal() throws -> Goal {
        let start = advance().range.start
        let hint = "goal 5.2 \"建设更有核心竞争力的科技创新高地\" {"
        let id: Located<String>
        if tok.kind == .string && peek(1).isPunct("{") || tok.isPunct("{") {
            // The id is missing; report it and read the goal anyway, so its clauses are still checked.
            _ = expected("the goal's id, such as 5.2", hint: hint)
            id = Located("", SourceRange(previousEnd, previousEnd))
        } else {
            id = try parseGoalID()
        }
        let title: Located<String>
        if tok.kind == .string {
            title = try parseString("")
        } else {
            _ = expected("the goal's title in quotes", hint: hint)
            title = Located("", SourceRange(previousEnd, previousEnd))
            if !tok.isPunct("{") { throw ParseError() }
        }
        var items: [GoalItem] = []
        let body = try parseBlock("goal \(id.value)", words: goalWords, hint: hint) { p in
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
            throw expected("a goal id such as 5.2")
        }
    }

    private mutating func parseGoalItem() throws -> GoalItem? {
        let start = tok.range.start
        switch tok.kind == .word ? tok.text : "" {
        case "area":
            advance()
            let a = try parseNameOrString("the goal's area", hint: "area 创新")
            return .area(Located(a.value, range(from: start)))
        case "severity":
            advance()
            guard let s = try parseSeverity() else { return nil }
            return .severity(Located(s.value, range(from: start)))
        case "weight":
            advance()
            let t = tok
            guard t.kind == .number, !t.text.contains("-"), t.unit.isEmpty, let w = Double(t.text) else {
                throw expected("a number such as 3", hint: "weight 3")
            }
            advance()
            return .weight(Located(w, range(from: start)))
        case "tags":
            advance()
            let tags = try parseNameList("a tag", hint: "tags 约束性, 科技")
            return .tags(Located(tags, range(from: start)))
        case "cite":
            return .cite(try parseCitation())
        case "applies", "except":
            let only = advance().text == "applies"
            let names = try parseNameList("a district's name", hint: only ? "applies 醴陵市, 攸县" : "except 荷塘区")
            return .places(Located(Places(only: only, names: names), range(from: start)))
        case "scope":
            advance()
            let scopes = try parseScopes()
            if scopes.isEmpty { throw expected("a scope such as in section /产业/ or outside review") }
            return .scope(Located(scopes, range(from: start)))
        case "require", "expect", "suggest":
            return .clause(try parseClause())
        case "when":
            return .clause(try parseWhen())
        default:
            throw unexpectedItem(in: "a goal", words: goalWords)
        }
    }

    private mutating func parseCitation() throws -> Citation {
        let start = advance().range.start
        let hint = "cite 建议 item 5 \"研发投入达到国内先进水平\""
        let document: Located<Citation.Document>
        switch tok.kind {
        case .string:
            let t = advance()
            document = Located(.text(t.text), t.range)
        case .word where !reservedWords.contains(tok.text):
            let t = advance()
            document = Located(.source(t.text), t.range)
        default:
            throw expected("the cited document: a source's name or a title in quotes", hint: hint)
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
                throw expected("the item's number", hint: hint)
            }
        }
        var quote: Located<String>?
        if tok.kind == .string { quote = try parseString("") }
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
            throw expected("'then' and the clause that applies", hint: "when mention \"陶瓷\" then expect target \"陶瓷\" >= 1000亿元")
        }
        advance()
        guard tok.kind == .word, let strength = Strength(rawValue: tok.text) else {
            throw expected("require, expect or suggest after then")
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
                year = try parseYear(hint: "commitment \"远景目标\" by 2035")
            }
            return .commitment(set, by: year)
        case "target":
            advance()
            return .target(try parseTarget(start))
        default:
            let hint = tok.kind == .word
                ? Suggest.closest(to: tok.text, in: ["mention", "commitment", "target"]).map { "did you mean \($0)?" } : nil
            throw expected("mention, commitment or target after \(keyword)",
                           hint: hint ?? "\(keyword) mention 研发强度")
        }
    }

    private mutating func parseTermSet(_ start: SourceLocation) throws -> TermSet {
        let hint = "mention any(\"厂所结合\", \"科创中城\")"
        if (tok.isWord("any") || tok.isWord("all")) && peek(1).isPunct("(") {
            let q: TermSet.Quantifier = advance().text == "any" ? .any : .all
            let terms = try parseTermList(hint: hint)
            return TermSet(quantifier: q, terms: terms, range: range(from: start))
        }
        if tok.isWord("at") {
            advance()
            let h = "mention at least 2 of (\"a\", \"b\", \"c\")"
            try expectWord("least", hint: h)
            let t = tok
            guard t.kind == .number, t.unit.isEmpty, let n = Int(t.text) else { throw expected("a whole number", hint: h) }
            advance()
            try expectWord("of", hint: h)
            let terms = try parseTermList(hint: h)
            return TermSet(quantifier: .atLeast(n), terms: terms, range: range(from: start))
        }
        let one = try parseTermRef("a term's name, a phrase in quotes, any(…), all(…) or at least N of (…)", hint: hint)
        return TermSet(quantifier: .any, terms: [one], range: range(from: start))
    }

    private mutating func parseTermList(hint: String) throws -> [TermRef] {
        let open = tok.range.start
        try expectPunct("(", "'('", hint: hint)
        var terms: [TermRef] = []
        while !tok.isPunct(")") {
            terms.append(try parseTermRef(hint: hint))
            if tok.isPunct(",") {
                advance()
            } else if !tok.isPunct(")") {
                throw expected("',' or ')'", hint: hint)
            }
        }
        advance()
        if terms.isEmpty {
            report("empty-list", "an empty list matches nothing", at: range(from: open), hint: hint)
        }
        return terms
    }

    private mutating func parseTarget(_ start: SourceLocation) throws -> Target {
        let hint = "target 研发强度 >= 3.2% by 2030"
        let subject = try parseTermRef("the target's subject: a term's name or a phrase in quotes", hint: hint)
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
            try expectWord("and", hint: "target 城镇化率 between 70% and 75%")
            comparison = .between(low, try parseQuantity())
        case ">", "<":
            let op = tok.text
            report("syntax", "'\(op)' is not a comparison of the rule language", at: tok.range,
                   hint: "write \(op)= (\(op == ">" ? "at least" : "at most")); plans say 以上 and 以内 inclusively")
            throw ParseError()
        default:
            throw expected("a comparison: >=, <=, = or between", hint: hint)
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
        let hint = "expected a number such as 3.2% or 1000亿元"
        switch t.kind {
        case .number:
            advance()
            let parts = t.text.split(separator: "-", omittingEmptySubsequences: false)
            let values = parts.map { Double(String($0)) }
            guard !parts.isEmpty, parts.count <= 2, values.allSatisfy({ $0 != nil }),
                  !parts.contains(where: { $0.filter { $0 == "." }.count > 1 }) else {
                report("bad-number", "'\(t.raw)' is not a number", at: t.range, hint: hint)
                throw ParseError()
            }
            if t.unit.isEmpty, tok.isPunct(","), tok.range.start.offset == t.range.end.offset,
               peek(1).kind == .number, peek(1).range.start.offset == tok.range.end.offset {
                report("bad-number", "numbers are written without thousands separators", at: SourceRange(t.range.start, peek(1).range.end),
                       hint: "write \(t.text)\(peek(1).raw)")
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
                    report("unknown-unit", "unknown unit '\(unitText)'", at: SourceRange(lines.location(t.range.start.offset + t.text.unicodeScalars.count), end),
                           hint: "expected a unit such as % or 亿元")
                }
            }
            let low = values[0] ?? 0
            let high = values.count > 1 ? values[1] : nil
            return Quantity(text: t.text + unitText, low: low, high: high, magnitude: magnitude, unit: unit,
                            range: SourceRange(t.range.start, end))
        case .word:
            guard let q = Self.chineseQuantity(t.text) else { throw expected("a number such as 3.2% or 1000亿元") }
            advance()
            return Quantity(text: t.text, low: q.value, high: nil, magnitude: 1, unit: q.unit, range: t.range)
        default:
            throw expected("a number such as 3.2% or 1000亿元")
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
    private mutating func parseYear(hint: String) throws -> Located<Int> {
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
        guard let year = value, (1900...2200).contains(year) else { throw expected("a year such as 2030", hint: hint) }
        advance()
        return Located(year, t.range)
    }

    private mutating func parseDate() throws -> Located<SimpleDate> {
        let t = tok
        guard t.kind == .date else { throw expected("a date such as 2025-12-23") }
        advance()
        let parts = t.text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1900...2200).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            report("bad-date", "'\(t.raw)' is not a valid date", at: t.range, hint: "write year-month-day, such as 2025-12-23")
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
                guard t.kind == .regex else { throw expected("a pattern between slashes", hint: "in section /产业|制造/") }
                advance()
                var raw = Substring(t.raw.dropFirst())
                if raw.hasSuffix("/") { raw = raw.dropLast() }
                let pattern = SectionPattern(pattern: t.text, raw: String(raw))
                scopes.append(Scope(kind: inside ? .inSection(pattern) : .outsideSection(pattern), range: range(from: start)))
            } else if inside && tok.isWord("xpath") {
                advance()
                let s = try parseString("an XPath expression in quotes", hint: "in xpath \"//chapter[@id='6']\"")
                scopes.append(Scope(kind: .inXPath(s.value), range: range(from: start)))
            } else if !inside && tok.isWord("review") {
                advance()
                scopes.append(Scope(kind: .outsideReview, range: range(from: start)))
            } else {
                throw expected(inside ? "section /…/ or xpath \"…\" after in" : "review or section /…/ after outside",
                               hint: inside ? "in section /产业|制造/" : "outside review")
            }
        }
        return scopes
    }

    // MARK: retirements

    private mutating func parseRetire() throws -> Retirement {
        let start = advance().range.start
        let hint = "retire \"能耗双控\" use \"碳排放总量和强度双控\" severity warning"
        let old = try parseAlternatives("the retired words in quotes", hint: hint)
        var exclusions: [TermRef] = []
        if tok.isWord("except") {
            advance()
            exclusions = try parseAlternatives("a word to exclude, in quotes", hint: hint)
        }
        var replacement: [TermRef] = []
        if tok.isWord("use") {
            advance()
            replacement = try parseAlternatives("the words to use instead, in quotes", hint: hint)
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
        let hint = "uncheckable \"中央的总体部署，区县照录，无可检查的承接内容\" { cite 建议 item 3 \"…\" }"
        let reason = try parseString("the reason in quotes: why no rule can check these commitments", hint: hint)
        var citations: [Citation] = []
        let body = try parseBlock("uncheckable \"\(reason.value)\"", words: uncheckableWords, hint: hint) { p in
            guard p.tok.isWord("cite") else { throw p.unexpectedItem(in: "an uncheckable block", words: uncheckableWords) }
            citations.append(try p.parseCitation())
        }
        return Uncheckable(reason: reason, citations: citations, range: range(from: start), body: body)
    }

    // MARK: tests

    private mutating func parseTest() throws -> RuleTest {
        let start = advance().range.start
        let hint = "test \"陶瓷千亿目标\" { plan \"…\"  expect 6 covered }"
        let name = try parseString("the test's name in quotes", hint: hint)
        var items: [TestItem] = []
        let body = try parseBlock("test \"\(name.value)\"", words: testWords, hint: hint) { p in
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
                let path = try parseString("the plan file's path in quotes", hint: "plan file \"hetang-excerpt.txt\"")
                return .plan(Located(.file(path.value), range(from: start)))
            }
            let text = try parseString("the plan text in quotes, or file \"…\"", hint: "plan \"到2030年，研发投入强度达到3.5%。\"")
            return .plan(Located(.text(text.value), range(from: start)))
        case "expect":
            advance()
            let hint = "expect 5.2 covered"
            if tok.isWord("outdated") || (tok.isWord("no") && peek(1).isWord("outdated")) {
                let present = !tok.isWord("no")
                if !present { advance() }
                advance()
                let ref = try parseTermRef("the retired words in quotes", hint: "expect outdated \"十九大\"")
                return .expect(TestExpectation(kind: .outdated(ref, present: present), range: range(from: start)))
            }
            let id = try parseGoalID()
            let t = tok
            guard t.kind == .word else { throw expected("a status: covered, weak, missing, conflicting, outdated or not applicable", hint: hint) }
            advance()
            if t.text == "not", tok.isWord("applicable") {
                advance()
                return .expect(TestExpectation(kind: .goal(id: id, status: .notApplicable), range: range(from: start)))
            }
            guard let status = ExpectedStatus(rawValue: t.text), status != .notApplicable else {
                let names = ExpectedStatus.allCases.map(\.written)
                report("unknown-status", "unknown status '\(t.text)'", at: t.range,
                       hint: Suggest.closest(to: t.text, in: names).map { "did you mean \($0)?" }
                           ?? "a status is one of \(names.joined(separator: ", "))")
                throw ParseError()
            }
            return .expect(TestExpectation(kind: .goal(id: id, status: status), range: range(from: start)))
        default:
            throw unexpectedItem(in: "a test", words: testWords)
        }
    }

    // MARK: small pieces

    private mutating func parseString(_ what: String, hint: String? = nil) throws -> Located<String> {
        let t = tok
        guard t.kind == .string else { throw expected(what, hint: hint) }
        advance()
        return Located(t.text, t.range)
    }

    private mutating func parseName(_ what: String, hint: String? = nil, allowKeyword: Bool = false) throws -> Located<String> {
        let t = tok
        if t.kind == .word, reservedWords.contains(t.text), !allowKeyword {
            report("reserved-word", "'\(t.text)' is a keyword and cannot be used as a name", at: t.range,
                   hint: "choose another name, or write the phrase in quotes")
            throw ParseError()
        }
        guard t.kind == .word else { throw expected(what, hint: hint) }
        advance()
        return Located(t.text, t.range)
    }

    private mutating func parseNameOrString(_ what: String, hint: String? = nil) throws -> Located<String> {
        if tok.kind == .string { return try parseString(what, hint: hint) }
        return try parseName(what, hint: hint)
    }

    private mutating func parseNameList(_ what: String, hint: String) throws -> [Located<String>] {
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
        guard t.kind == .word else { throw expected("a severity: error, warning or info") }
        advance()
        guard let s = Severity(rawValue: t.text) else {
            let names = Severity.allCases.map(\.rawValue)
            report("unknown-severity", "unknown severity '\(t.text)'", at: t.range,
                   hint: Suggest.closest(to: t.text, in: names).map { "did you mean \($0)?" } ?? "a severity is error, warning or info")
            return nil
        }
        return Located(s, t.range)
    }
}
