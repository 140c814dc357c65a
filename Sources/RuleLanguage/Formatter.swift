import Foundation

/// Prints rule files in one canonical layout, keeping every comment and never changing meaning.
///
/// The layout: two-space indentation, one item per line, header and goal items in a fixed order
/// (clauses keep theirs), one blank line around blocks, at most one blank line elsewhere, canonical
/// spellings (`>=` for `≥`, ASCII punctuation, normalized strings). A comment stays with the line it
/// was written above or beside; a comment written inside a statement moves above it.
public enum RuleFormatter {
    /// Lines longer than this (in terminal cells) are wrapped where the language allows it.
    public static let lineWidth = 100

    /// The formatted text, or nil and the syntax errors when the file cannot be parsed (at most
    /// `RuleSetLoader.maxDiagnosticsPerFile` of them, as `rules lint` shows).
    public static func format(source: String, path: String) -> (output: String?, diagnostics: [Diagnostic]) {
        let (file, diagnostics) = RuleParser.parse(source: source, path: path)
        guard !diagnostics.contains(where: { $0.level == .error }) else { return (nil, RuleSetLoader.capped(diagnostics)) }
        return (format(file), diagnostics)
    }

    /// `s` as a string literal of the language (escaped; `"""` lines when it has line breaks, indented
    /// for a line that starts with `indent`). For tools that write rule files, such as `extract`.
    public static func stringLiteral(_ s: String, indent: String = "") -> String {
        RulePrinter.quote(s, indent: indent)
    }

    /// Whether `s` can be written bare as a term's or source's name (else it needs another name).
    public static func isValidName(_ s: String) -> Bool {
        RulePrinter.bare(s, allowNumber: false)
    }

    /// The formatted text of a file parsed without syntax errors.
    public static func format(_ file: RuleFile) -> String {
        let printer = RulePrinter(file: file)
        let elements = file.statements.map { printer.element(for: $0) }
        let lines = printer.layout(elements, comments: file.comments, indent: "", topLevel: true, openLine: nil).lines
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}

/// One printable unit: a line (which may wrap) or a block with its own items.
struct LayoutElement {
    enum Kind {
        case line((String) -> String)
        case block(open: (String) -> String, body: SourceRange, children: [LayoutElement])
    }
    var range: SourceRange
    /// Canonical position among its siblings; equal ranks keep source order.
    var rank: Int
    var kind: Kind

    var isBlock: Bool {
        if case .block = kind { return true }
        return false
    }
}

struct RulePrinter {
    let sourceLines: [Substring]

    init(file: RuleFile) {
        sourceLines = file.source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func isBlank(line n: Int) -> Bool {
        guard n >= 1, n <= sourceLines.count else { return false }
        return sourceLines[n - 1].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{3000}" }
    }

    // MARK: layout with comments

    /// Lays out sibling elements with the comments between them; returns the lines and the comment
    /// written after the container's `{`, if any.
    func layout(_ elements: [LayoutElement], comments: [SourceComment], indent: String, topLevel: Bool, openLine: Int?)
        -> (lines: [String], openTrailing: SourceComment?) {
        let bySource = elements.enumerated().sorted { a, b in
            a.element.range.start.offset != b.element.range.start.offset
                ? a.element.range.start.offset < b.element.range.start.offset : a.offset < b.offset
        }.map(\.element)
        var leading = [[SourceComment]](repeating: [], count: bySource.count)
        var trailing = [SourceComment?](repeating: nil, count: bySource.count)
        var inner = [[SourceComment]](repeating: [], count: bySource.count)
        var dangling: [SourceComment] = []
        var openTrailing: SourceComment?
        let starts = bySource.map(\.range.start.offset)
        for c in comments {
            let at = c.range.start.offset
            // Siblings are sorted and do not overlap: the one before the comment is found by binary search.
            var lo = 0, hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < at { lo = mid + 1 } else { hi = mid }
            }
            let before = lo - 1, after = lo < starts.count ? lo : nil
            if before >= 0, at < bySource[before].range.end.offset {
                if case .block(_, let body, _) = bySource[before].kind, at > body.start.offset {
                    inner[before].append(c)
                } else {
                    leading[before].append(c)  // written inside a one-line statement: it moves above it
                }
            } else if before >= 0, bySource[before].range.end.line == c.range.start.line, trailing[before] == nil {
                trailing[before] = c
            } else if let openLine, c.range.start.line == openLine, openTrailing == nil {
                openTrailing = c
            } else if let after {
                leading[after].append(c)
            } else {
                dangling.append(c)
            }
        }
        let order = bySource.indices.sorted { a, b in
            bySource[a].rank != bySource[b].rank ? bySource[a].rank < bySource[b].rank : a < b
        }
        var out: [String] = []
        var lastWasBlock = false
        for (position, k) in order.enumerated() {
            let e = bySource[k]
            var group: [(line: Int, text: String)] = leading[k]
                .sorted { $0.range.start.offset < $1.range.start.offset }
                .map { ($0.range.start.line, indent + $0.text) }
            var text: String
            switch e.kind {
            case .line(let render):
                text = render(indent)
            case .block(let open, let body, let children):
                let child = layout(children, comments: inner[k], indent: indent + "  ", topLevel: false, openLine: body.start.line)
                text = open(indent)
                if let c = child.openTrailing { text += "  " + c.text }
                for line in child.lines { text += "\n" + line }
                text += "\n" + indent + "}"
            }
            if let c = trailing[k] { text += "  " + c.text }
            group.append((e.range.start.line, text))
            for (j, item) in group.enumerated() {
                var blank = isBlank(line: item.line - 1)
                if j == 0 {
                    if position == 0 {
                        blank = false
                    } else if topLevel && (e.isBlock || lastWasBlock) {
                        blank = true
                    }
                }
                if blank, let last = out.last, last != "" { out.append("") }
                out.append(item.text)
            }
            lastWasBlock = e.isBlock
        }
        for c in dangling {
            if isBlank(line: c.range.start.line - 1), let last = out.last, last != "" { out.append("") }
            out.append(indent + c.text)
        }
        return (out, openTrailing)
    }

    // MARK: statements

    func element(for s: Statement) -> LayoutElement {
        switch s {
        case .header(let h):
            let children = h.items.map { headerElement($0) }
            return LayoutElement(range: h.range, rank: 0, kind: .block(
                open: { "\($0)ruleset \(Self.quote(h.title.value, indent: $0)) {" }, body: h.body, children: children))
        case .term(let t):
            return LayoutElement(range: t.range, rank: 0, kind: .line { term(t, indent: $0) })
        case .goal(let g):
            let children = g.items.map { goalElement($0) }
            return LayoutElement(range: g.range, rank: 0, kind: .block(
                open: { "\($0)goal \(Self.bareOrQuoted(g.id.value, indent: $0)) \(Self.quote(g.title.value, indent: $0)) {" },
                body: g.body, children: children))
        case .retire(let r):
            return LayoutElement(range: r.range, rank: 0, kind: .line { retire(r, indent: $0) })
        case .uncheckable(let u):
            // Citations keep their order: they follow the city document.
            let children = u.citations.map { c in LayoutElement(range: c.range, rank: 0, kind: .line { $0 + Self.citation(c, indent: $0) }) }
            return LayoutElement(range: u.range, rank: 0, kind: .block(
                open: { "\($0)uncheckable \(Self.quote(u.reason.value, indent: $0)) {" }, body: u.body, children: children))
        case .test(let t):
            let children = t.items.map { testElement($0) }
            return LayoutElement(range: t.range, rank: 0, kind: .block(
                open: { "\($0)test \(Self.quote(t.name.value, indent: $0)) {" }, body: t.body, children: children))
        }
    }

    func headerElement(_ item: HeaderItem) -> LayoutElement {
        let rank: Int
        let render: (String) -> String
        switch item {
        case .source(let s):
            rank = 0
            render = { i in
                var text = "source "
                if let n = s.name { text += n.value + " = " }
                text += Self.quote(s.title.value, indent: i)
                if let d = s.published { text += " published \(d.value)" }
                return i + text
            }
        case .period(let p):
            rank = 1
            render = { "\($0)period \(p.start)..\(p.end)" }
        case .areas(let a):
            rank = 2
            render = { i in i + "areas " + a.names.map { Self.nameOrQuoted($0.value, indent: i) }.joined(separator: ", ") }
        case .defaultSeverity(let s):
            rank = 3
            render = { "\($0)default severity \(s.value.rawValue)" }
        case .language(let l):
            rank = 3
            render = { "\($0)language \(l.value.rawValue)" }
        case .include(let inc):
            rank = 4
            render = { "\($0)include \(Self.quote(inc.path, indent: $0))" }
        case .profile(let p):
            rank = 5
            render = { i in
                var text = "profile \(p.name.value)"
                if let t = p.title { text += " " + Self.quote(t.value, indent: i) }
                text += " = " + p.selectors.map { Self.selector($0, indent: i) }.joined(separator: " | ")
                if !p.exceptions.isEmpty {
                    text += " except " + p.exceptions.map { Self.selector($0, indent: i) }.joined(separator: " | ")
                }
                return i + text
            }
        }
        return LayoutElement(range: item.range, rank: rank, kind: .line(render))
    }

    static func selector(_ s: ProfileSelector, indent: String) -> String {
        switch s.kind {
        case .all: "all"
        case .tag(let t): "tag " + nameOrQuoted(t, indent: indent)
        case .area(let a): "area " + nameOrQuoted(a, indent: indent)
        case .goal(let g): "goal " + bareOrQuoted(g, indent: indent)
        case .severity(let v): "severity " + v.rawValue
        }
    }

    func goalElement(_ item: GoalItem) -> LayoutElement {
        let rank: Int
        let render: (String) -> String
        switch item {
        case .area(let a):
            rank = 0
            render = { "\($0)area \(Self.nameOrQuoted(a.value, indent: $0))" }
        case .severity(let s):
            rank = 1
            render = { "\($0)severity \(s.value.rawValue)" }
        case .weight(let w):
            rank = 2
            render = { "\($0)weight \(Self.number(w.value))" }
        case .tags(let t):
            rank = 3
            render = { i in i + "tags " + t.value.map { Self.nameOrQuoted($0.value, indent: i) }.joined(separator: ", ") }
        case .cite(let c):
            rank = 4
            render = { i in i + Self.citation(c, indent: i) }
        case .places(let p):
            rank = 5
            render = { i in
                i + (p.value.only ? "applies " : "except ") + p.value.names.map { Self.nameOrQuoted($0.value, indent: i) }.joined(separator: ", ")
            }
        case .scope(let s):
            rank = 6
            render = { i in i + "scope " + s.value.map { Self.scope($0, indent: i) }.joined(separator: " ") }
        case .clause(let c):
            rank = 7
            render = { i in i + Self.clause(c, indent: i) }
        }
        return LayoutElement(range: item.range, rank: rank, kind: .line(render))
    }

    func testElement(_ item: TestItem) -> LayoutElement {
        switch item {
        case .plan(let p):
            return LayoutElement(range: p.range, rank: 0, kind: .line { i in
                switch p.value {
                case .text(let t): i + "plan " + Self.quote(t, indent: i)
                case .file(let f): i + "plan file " + Self.quote(f, indent: i)
                }
            })
        case .expect(let e):
            return LayoutElement(range: e.range, rank: 1, kind: .line { i in
                switch e.kind {
                case .goal(let id, let status): i + "expect \(Self.bareOrQuoted(id.value, indent: i)) \(status.written)"
                case .outdated(let ref, let present): i + "expect \(present ? "" : "no ")outdated \(Self.ref(ref, indent: i))"
                }
            })
        }
    }

    // MARK: pieces

    static func citation(_ c: Citation, indent i: String) -> String {
        var text = "cite "
        switch c.document.value {
        case .source(let name): text += name
        case .text(let t): text += quote(t, indent: i)
        }
        if let item = c.item { text += " item " + bareOrQuoted(item.value, indent: i) }
        if let q = c.quote { text += " " + quote(q.value, indent: i) }
        return text
    }

    static func clause(_ c: Clause, indent: String) -> String {
        var text = ""
        if let cond = c.condition {
            text += "when " + predicate(cond.predicate, indent: indent) + scopes(cond.scopes, indent: indent) + " then "
        }
        text += c.strength.rawValue + " " + predicate(c.predicate, indent: indent) + scopes(c.scopes, indent: indent)
        return text
    }

    static func scopes(_ s: [Scope], indent: String) -> String {
        s.map { " " + scope($0, indent: indent) }.joined()
    }

    static func scope(_ s: Scope, indent: String) -> String {
        switch s.kind {
        case .inSection(let p): "in section /\(p.raw)/"
        case .outsideSection(let p): "outside section /\(p.raw)/"
        case .outsideReview: "outside review"
        case .inXPath(let x): "in xpath " + quote(x, indent: indent)
        }
    }

    static func predicate(_ p: Predicate, indent: String) -> String {
        switch p {
        case .mention(let s): "mention " + termSet(s, indent: indent)
        case .commitment(let s, let y): "commitment " + termSet(s, indent: indent) + (y.map { " by \($0.value)" } ?? "")
        case .target(let t): "target " + target(t, indent: indent)
        }
    }

    static func termSet(_ s: TermSet, indent: String) -> String {
        let list = s.terms.map { ref($0, indent: indent) }.joined(separator: ", ")
        switch s.quantifier {
        case .any: return s.terms.count == 1 ? list : "any(\(list))"
        case .all: return "all(\(list))"
        case .atLeast(let n): return "at least \(n) of (\(list))"
        }
    }

    static func target(_ t: Target, indent: String) -> String {
        var text = ref(t.subject, indent: indent) + " "
        switch t.comparison {
        case .atLeast(let q): text += ">= " + q.text
        case .atMost(let q): text += "<= " + q.text
        case .equal(let q): text += "= " + q.text
        case .between(let a, let b): text += "between \(a.text) and \(b.text)"
        }
        if let y = t.year { text += " by \(y.value)" }
        return text
    }

    static func ref(_ r: TermRef, indent: String) -> String {
        switch r.kind {
        case .phrase(let s): quote(s, indent: indent)
        case .named(let n): n
        case .split(let a, let b): quote(a, indent: indent) + " .. " + quote(b, indent: indent)
        }
    }

    static func alternatives(_ refs: [TermRef], indent: String) -> String {
        refs.map { ref($0, indent: indent) }.joined(separator: " | ")
    }

    func term(_ t: Term, indent: String) -> String {
        let inner = indent + "  "
        var head = "term \(t.name.value) ="
        var parts: [String] = []
        if !t.exclusions.isEmpty { parts.append("except " + Self.alternatives(t.exclusions, indent: inner)) }
        if let u = t.unit { parts.append("unit " + u.text) }
        let alts = t.alternatives.map { Self.ref($0, indent: inner) }
        if !alts.isEmpty { head += " " + alts.joined(separator: " | ") }
        let oneLine = indent + ([head] + parts).joined(separator: " ")
        if oneLine.contains("\n") || DisplayWidth.of(oneLine) <= RuleFormatter.lineWidth || alts.count < 2 && parts.isEmpty {
            return oneLine
        }
        // Too long for a line: one alias per line, each continuation starting with `|`.
        var lines = [indent + "term \(t.name.value) =" + (alts.isEmpty ? "" : " " + alts[0])]
        for a in alts.dropFirst() { lines.append(inner + "| " + a) }
        for p in parts { lines.append(inner + p) }
        return lines.joined(separator: "\n")
    }

    func retire(_ r: Retirement, indent: String) -> String {
        let inner = indent + "  "
        var parts: [String] = []
        if !r.exclusions.isEmpty { parts.append("except " + Self.alternatives(r.exclusions, indent: inner)) }
        if !r.replacement.isEmpty { parts.append("use " + Self.alternatives(r.replacement, indent: inner)) }
        if let s = r.severity { parts.append("severity " + s.value.rawValue) }
        for s in r.scopes { parts.append(Self.scope(s, indent: inner)) }
        let olds = r.old.map { Self.ref($0, indent: inner) }
        let oneLine = indent + (["retire " + olds.joined(separator: " | ")] + parts).joined(separator: " ")
        if oneLine.contains("\n") || DisplayWidth.of(oneLine) <= RuleFormatter.lineWidth {
            return oneLine
        }
        var lines = [indent + "retire " + (olds.first ?? "")]
        for o in olds.dropFirst() { lines.append(inner + "| " + o) }
        for p in parts { lines.append(inner + p) }
        return lines.joined(separator: "\n")
    }

    // MARK: literals

    /// `3` for 3.0, `2.5` for 2.5: the shortest text that reads back as the same number, never in
    /// exponent form (the language has none).
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        let shortest = "\(v)"
        guard shortest.contains("e") else { return shortest }
        var fixed = String(format: "%.17f", v)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }

    /// A goal id or item printed bare when it reads back as the same single word or number, else quoted.
    static func bareOrQuoted(_ s: String, indent: String) -> String {
        bare(s, allowNumber: true) ? s : quote(s, indent: indent)
    }

    /// A tag or area printed bare when it reads back as the same single word, else quoted.
    static func nameOrQuoted(_ s: String, indent: String) -> String {
        bare(s, allowNumber: false) ? s : quote(s, indent: indent)
    }

    static func bare(_ s: String, allowNumber: Bool) -> Bool {
        guard !s.isEmpty, !reservedWords.contains(s) else { return false }
        let lexed = Lexer.tokenize(s, file: "")
        guard lexed.diagnostics.isEmpty, lexed.tokens.count == 2, lexed.tokens[0].raw == s else { return false }
        switch lexed.tokens[0].kind {
        case .word: return lexed.tokens[0].text == s
        case .number: return allowNumber
        default: return false
        }
    }

    /// A string literal with the value `s`: one line with escapes, or `"""` lines when `s` has line breaks.
    static func quote(_ s: String, indent: String) -> String {
        guard s.contains("\n") else {
            var out = "\""
            for c in s.unicodeScalars { out += escape(c, quote: true) }
            return out + "\""
        }
        let inner = indent + "  "
        var out = "\"\"\""
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "\n"
            if line.isEmpty { continue }
            var text = ""
            let allSpace = line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" }
            for c in line.unicodeScalars {
                if allSpace { text += c == "\t" ? "\\t" : "\\u{20}" } else { text += escape(c, quote: false) }
            }
            // A line that would read as the closing delimiter gets its first quote escaped.
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("\"\"\"") {
                let lead = text.prefix { $0 == " " || $0 == "\t" }
                text = lead + "\\" + trimmed
            }
            out += inner + text
        }
        return out + "\n" + inner + "\"\"\""
    }

    static func escape(_ c: Unicode.Scalar, quote: Bool) -> String {
        switch c {
        case "\\": return "\\\\"
        case "\"": return quote ? "\\\"" : "\""
        case "\t": return quote ? "\\t" : "\t"
        case "\r": return "\\r"
        case "\n": return "\\n"
        default:
            if c.value < 0x20 || c.value == 0x7F || c == "\u{2028}" || c == "\u{2029}" {
                return "\\u{\(String(c.value, radix: 16))}"
            }
            return String(c)
        }
    }
}
