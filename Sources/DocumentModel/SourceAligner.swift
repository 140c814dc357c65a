import CLibXML2

// libxml2 gives an element's line but no columns, and a text node's content with entities resolved.
// To quote and locate sentences exactly, the aligner re-reads the source with a small lexer that knows
// where character data is (outside tags, comments, declarations; CDATA and raw-text elements inside) and
// what each reference decodes to, and matches every text node, in document order, against it. A node
// that does not match (a quirk of the HTML parser, an encoding the decoder saw differently) gets unknown
// positions, and the search resumes with the next node: the locations degrade to the element's line.

/// Where each character of each text node stands in the source.
struct NodePositions {
    private var table: [UnsafeMutableRawPointer: SourcePositions] = [:]

    /// For each scalar of the text node's content, its index in `SourceText.scalars`, or -1.
    func positions(of node: xmlNodePtr, count: Int) -> SourcePositions {
        if let p = table[UnsafeMutableRawPointer(node)], p.count == count { return p }
        return SourcePositions(unknown: count)
    }

    /// Aligns every text and CDATA node of `tree` with `source`.
    static func align(_ tree: XMLTree, source: SourceText, html: Bool) -> NodePositions {
        var result = NodePositions()
        var aligner = SourceAligner(source: source.scalars, html: html)
        tree.forEachNode { n in
            guard n.isText else { return }
            let content = n.contentScalars
            guard let p = aligner.locate(content) else { return }
            result.table[UnsafeMutableRawPointer(n)] = SourcePositions(p)
        }
        return result
    }
}

/// Matches text nodes against the source's character data, in order.
struct SourceAligner {
    let s: [Unicode.Scalar]
    let html: Bool
    var lexer: Lexer
    /// How far a lost node is searched for before giving up on it.
    static let searchLimit = 50_000
    /// Steps left for searching, over the whole document: if the source was decoded differently from
    /// libxml2 (every node lost), the search must not make reading quadratic.
    var budget: Int

    init(source: [Unicode.Scalar], html: Bool) {
        s = source
        self.html = html
        lexer = Lexer(i: 0)
        budget = 4 * source.count + 100_000
    }

    /// The source position of each scalar of `content`, or nil when it could not be found.
    mutating func locate(_ content: [Unicode.Scalar]) -> [Int]? {
        guard !content.isEmpty else { return [] }
        // Work that ends in a match moves the lexer on, so it is paid for by the source; every failed attempt
        // is charged to the budget. Uncharged, a 40 KB page whose one long text node differs from the source
        // in its last character (a stray byte) took 12 s: each occurrence of its first letter was retried.
        // Once the budget is spent the source is not what libxml2 read, and the rest keep their elements' lines.
        guard budget > 0 else { return nil }
        switch match(content, from: lexer, skipLeadingSpace: true) {
        case .found(let p, let l): lexer = l; return p
        case .failed(let steps): budget -= steps
        }
        // Lost: look ahead for the node's first non-space character and try again from each occurrence.
        guard let lead = content.firstIndex(where: { !SourceAligner.isSpace($0) }) else { return nil }
        let rest = Array(content[lead...])
        var probe = lexer
        var steps = 0
        while steps < SourceAligner.searchLimit, budget > 0 {
            let before = probe
            let t = probe.next(s, html: html)
            steps += 1
            budget -= 1
            switch t {
            case .end: return nil
            case .char(let c, _) where c == content[lead]:
                switch match(rest, from: before, skipLeadingSpace: false) {
                case .found(let p, let l):
                    lexer = l
                    return [Int](repeating: -1, count: lead) + p
                case .failed(let n): budget -= n
                }
            default: break
            }
        }
        return nil
    }

    private enum Match {
        case found([Int], Lexer)
        /// How many tokens were read before the mismatch.
        case failed(Int)
    }

    /// Matches `content` at the lexer's position: markup boundaries and (before the first character) spaces
    /// the parser dropped may be skipped; inside the content every character must match in order.
    private func match(_ content: [Unicode.Scalar], from start: Lexer, skipLeadingSpace: Bool) -> Match {
        var l = start
        var out: [Int] = []
        // Most attempts fail early: reserving a long node's whole length each time would cost more than the search.
        out.reserveCapacity(Swift.min(content.count, 256))
        var k = 0
        var steps = 0
        while k < content.count {
            steps += 1
            switch l.next(s, html: html) {
            case .end:
                return .failed(steps)
            case .boundary:
                if k > 0 { return .failed(steps) }
            case .char(let c, let p):
                if c == content[k] { out.append(p); k += 1 }
                else if k == 0, skipLeadingSpace, SourceAligner.isSpace(c) { continue }
                else { return .failed(steps) }
            case .wildcard(let p):
                out.append(p); k += 1
            }
        }
        return .found(out, l)
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" }
}

/// What the lexer yields: a character of character data at a source position, a markup boundary, or a
/// reference it cannot decode but that stands for one character.
enum AlignToken: Equatable {
    case char(Unicode.Scalar, Int)
    case wildcard(Int)
    case boundary
    case end
}

/// A forward-only lexer over XML or HTML source that yields character data.
struct Lexer {
    var i: Int
    var inCDATA = false
    /// Inside an HTML raw-text element (`script`, `style`, `textarea`, `title`): its name.
    var rawText: [Unicode.Scalar]? = nil

    static let rawElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "plaintext", "noscript", "iframe", "noembed", "noframes"]

    mutating func next(_ s: [Unicode.Scalar], html: Bool) -> AlignToken {
        let n = s.count
        guard i < n else { return .end }
        if let raw = rawText {
            if s[i] == "<", i + 1 < n, s[i + 1] == "/", matchesName(s, i + 2, raw) {
                rawText = nil
                skipTag(s)
                return .boundary
            }
            return char(s)
        }
        if inCDATA {
            if starts(s, "]]>") { i += 3; inCDATA = false; return .boundary }
            return char(s)
        }
        let c = s[i]
        if c == "<" {
            if starts(s, "<!--") {
                i += 4
                while i < n, !starts(s, "-->") { i += 1 }
                i = min(i + 3, n)
                return .boundary
            }
            if !html, starts(s, "<![CDATA[") { i += 9; inCDATA = true; return .boundary }
            if starts(s, "<!") { skipDeclaration(s); return .boundary }
            if starts(s, "<?") {
                i += 2
                while i < n, !(html ? s[i] == ">" : starts(s, "?>")) { i += 1 }
                i = min(i + (html ? 1 : 2), n)
                return .boundary
            }
            if i + 1 < n, isNameStart(s[i + 1]) || s[i + 1] == "/" {
                let closing = s[i + 1] == "/"
                let nameStart = i + (closing ? 2 : 1)
                var e = nameStart
                while e < n, isNameChar(s[e]) { e += 1 }
                let selfClosing = skipTag(s)
                // Only HTML has raw-text elements: the name is not made into a string for each XML tag.
                if html, !closing, !selfClosing {
                    let name = String(String.UnicodeScalarView(s[nameStart..<e])).lowercased()
                    if Lexer.rawElements.contains(name) { rawText = Array(name.unicodeScalars) }
                }
                return .boundary
            }
            return char(s)   // a lone `<` in HTML text
        }
        if c == "&" { return reference(s, html: html) }
        return char(s)
    }

    /// One character of data; CR LF and lone CR read as LF, as parsers do.
    private mutating func char(_ s: [Unicode.Scalar]) -> AlignToken {
        let p = i
        if s[i] == "\r" {
            i += (i + 1 < s.count && s[i + 1] == "\n") ? 2 : 1
            return .char("\n", p)
        }
        i += 1
        return .char(s[p], p)
    }

    private mutating func reference(_ s: [Unicode.Scalar], html: Bool) -> AlignToken {
        let p = i
        var e = i + 1
        while e < s.count, e - i <= 32, s[e] != ";", Lexer.isASCIILetter(s[e]) || (s[e].value >= 0x30 && s[e].value <= 0x39) || s[e] == "#" { e += 1 }
        guard e < s.count, s[e] == ";", e > i + 1 else { i += 1; return .char("&", p) }
        let body = String(String.UnicodeScalarView(s[(i + 1)..<e]))
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let v = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            i = e + 1
            if let v, let u = Unicode.Scalar(v) { return .char(u, p) }
            return .wildcard(p)
        }
        if let u = Lexer.entities[body] { i = e + 1; return .char(u, p) }
        if html {
            // A named reference the table does not know stands for one character (libxml2 knows all of HTML's).
            i = e + 1
            return .wildcard(p)
        }
        // An XML entity declared in the DTD: libxml2 keeps it as a reference node, whose text is not read.
        i = e + 1
        return .boundary
    }

    static let entities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "thinsp": "\u{2009}", "mdash": "—", "ndash": "–", "hellip": "…", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
        "middot": "·", "times": "×", "divide": "÷", "copy": "©", "reg": "®", "yen": "¥", "deg": "°", "plusmn": "±",
        "laquo": "«", "raquo": "»", "bull": "•", "le": "≤", "ge": "≥", "permil": "‰", "sup2": "²", "sup3": "³", "shy": "\u{AD}",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "rarr": "→", "larr": "←", "uarr": "↑", "darr": "↓", "trade": "™", "sect": "§",
    ]

    /// Skips a tag to just after its `>`, honouring quoted attribute values; whether it ended `/>`.
    @discardableResult
    private mutating func skipTag(_ s: [Unicode.Scalar]) -> Bool {
        var quote: Unicode.Scalar?
        var last: Unicode.Scalar = " "
        while i < s.count {
            let c = s[i]
            i += 1
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; continue }
            if c == ">" { return last == "/" }
            last = c
        }
        return false
    }

    /// `<!DOCTYPE …[ internal subset ]>` and other `<!…>` declarations.
    private mutating func skipDeclaration(_ s: [Unicode.Scalar]) {
        var depth = 0
        var quote: Unicode.Scalar?
        i += 2
        while i < s.count {
            let c = s[i]
            i += 1
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "\"", "'": quote = c
            case "[": depth += 1
            case "]": depth -= 1
            case ">" where depth <= 0: return
            case "<" where starts(s, "!--", at: i):
                i += 3
                while i < s.count, !starts(s, "-->") { i += 1 }
                i = min(i + 3, s.count)
            default: break
            }
        }
    }

    private func starts(_ s: [Unicode.Scalar], _ w: String, at k: Int? = nil) -> Bool {
        var j = k ?? i
        for c in w.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    private func matchesName(_ s: [Unicode.Scalar], _ at: Int, _ name: [Unicode.Scalar]) -> Bool {
        guard at + name.count <= s.count else { return false }
        for (k, c) in name.enumerated() {
            let x = s[at + k]
            let lower = (x.value >= 0x41 && x.value <= 0x5A) ? Unicode.Scalar(x.value + 32)! : x
            if lower != c { return false }
        }
        let after = at + name.count
        return after >= s.count || !isNameChar(s[after])
    }

    private func isNameStart(_ c: Unicode.Scalar) -> Bool {
        // ASCII first: looking up Unicode properties for every character of every tag was 5% of reading a .docx.
        if c.isASCII { return Lexer.isASCIILetter(c) || c == "_" || c == ":" }
        return c.properties.isAlphabetic
    }

    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value | 0x20
        return c.isASCII && v >= 0x61 && v <= 0x7A
    }

    private func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || c == "-" || c == "." || (c.value >= 0x30 && c.value <= 0x39)
    }
}
