import CLibXML2

// libxml2's RELAX NG validator backtracks: past the first bad element it often blames an ancestor several
// lines up ("Element plan has extra content: title"). This check walks the tree first and says, for every
// problem, what is wrong and on which line, in the schema's own terms. RELAX NG (docs/plan-xml.rng) still
// runs afterwards and stays the authority; the two are kept in step by the tests.

/// The structure of plan XML, checked element by element with the line of each problem.
enum PlanXMLCheck {
    static let divisions: Set<String> = ["part", "chapter", "section", "numbered-part", "parenthesized", "item", "subitem",
                                          "dash-item", "box", "attachment"]
    static let blocks: Set<String> = divisions.union(["p", "noise", "indicators", "table", "glossary"])
    static let textOnly: Set<String> = ["title", "heading", "p", "noise", "caption", "name", "unit", "base", "target", "growth", "cell"]

    static func allowedChildren(_ name: String) -> Set<String>? {
        if divisions.contains(name) || name == "entry" { return blocks.union(["heading"]) }
        switch name {
        case "plan": return blocks.union(["title"])
        case "glossary": return ["heading", "entry", "p", "noise"]
        case "indicators": return ["caption", "indicator"]
        case "indicator": return ["name", "unit", "base", "target", "growth"]
        case "table": return ["caption", "row"]
        case "row": return ["cell"]
        default: return textOnly.contains(name) ? [] : nil
        }
    }

    enum Value { case whole, positive, year, name, text, oneOf([String]) }

    static func attributes(_ name: String) -> [String: Value] {
        let division: [String: Value] = ["number": .whole, "id": .name]
        if divisions.contains(name) || name == "glossary" || name == "entry" { return division }
        switch name {
        case "plan": return ["version": .oneOf(["1"]), "source": .text]
        case "noise": return ["reason": .oneOf(NoiseReason.allCases.map(\.rawValue))]
        case "indicators": return ["base-year": .year, "target-year": .year]
        case "indicator": return ["attribute": .oneOf(IndicatorAttribute.allCases.map(\.rawValue)), "category": .text]
        case "base", "target": return ["year": .year]
        case "growth": return ["cumulative": .oneOf(["true", "false"])]
        case "cell": return ["colspan": .positive, "rowspan": .positive]
        default: return [:]
        }
    }

    /// Every problem found, in document order (at most 50).
    static func check(_ tree: XMLTree) -> [LibXMLIssue] {
        var issues: [LibXMLIssue] = []
        func add(_ n: xmlNodePtr, _ msg: String) {
            if issues.count < 50 { issues.append(LibXMLIssue(line: n.line, column: nil, message: msg, code: -1)) }
        }
        guard let root = tree.root else { return [] }
        guard root.name == "plan", root.namespaceURI == nil else {
            add(root, "the root element is <\(root.qualifiedName)>, not <plan> (read other XML with an XML mapping)")
            return issues
        }
        func visit(_ n: xmlNodePtr, depth: Int) {
            guard depth < MarkupDocument.maxDepth else { return }
            let name = n.name
            if n.namespaceURI != nil { add(n, "<\(n.qualifiedName)> is in a namespace; plan XML has none"); return }
            // Attributes: known ones with well-formed values; required ones present.
            let known = attributes(name)
            var a = n.pointee.properties
            while let attr = a {
                let an = attr.pointee.name.map { String(cString: $0) } ?? ""
                let value = n.attribute(an) ?? ""
                if attr.pointee.ns != nil {
                    // xml:lang, xml:space and the like are allowed by neither side; say so plainly.
                    add(n, "<\(name)> has attribute \(an) in a namespace, which plan XML does not use")
                } else if let kind = known[an] {
                    if let problem = check(value, kind) { add(n, "<\(name)> attribute \(an)=\"\(value)\" \(problem)") }
                } else {
                    let list = known.keys.sorted().joined(separator: ", ")
                    add(n, "<\(name)> has no attribute \(an)" + (list.isEmpty ? "" : " (it may have: \(list))"))
                }
                a = attr.pointee.next
            }
            if name == "noise", n.attribute("reason") == nil { add(n, "<noise> needs a reason=\"…\" attribute") }
            guard let allowed = allowedChildren(name) else { return }
            let kids = n.elementChildren
            for c in n.children {
                if c.isElement {
                    if !allowed.contains(c.name) {
                        if allowed.isEmpty {
                            add(c, "<\(name)> holds text only, not <\(c.qualifiedName)>")
                        } else {
                            add(c, "<\(c.qualifiedName)> is not allowed in <\(name)> (allowed: \(allowed.sorted().joined(separator: ", ")))")
                        }
                        continue
                    }
                    visit(c, depth: depth + 1)
                } else if c.isText, !allowed.isEmpty, !c.textContent.allSatisfy({ $0.isWhitespace }) {
                    add(c, "text directly in <\(name)>; put it in a <p>")
                } else if c.type == XML_ENTITY_REF_NODE {
                    add(c, "entity reference &\(c.name); in <\(name)>; plan XML allows only &amp; &lt; &gt; &quot; &apos; and &#…; character references")
                }
            }
            if divisions.contains(name) || name == "glossary" || name == "entry" {
                if kids.first?.name != "heading" { add(n, "<\(name)> must begin with <heading>") }
                if kids.filter({ $0.name == "heading" }).count > 1 { add(n, "<\(name)> has more than one <heading>") }
            }
            if name == "indicator", !kids.contains(where: { $0.name == "name" }) { add(n, "<indicator> needs a <name>") }
            if name == "indicators", !kids.contains(where: { $0.name == "indicator" }) { add(n, "<indicators> needs at least one <indicator>") }
            if name == "plan" || name == "indicators" || name == "table" {
                let first = name == "plan" ? "title" : "caption"
                if kids.dropFirst().contains(where: { $0.name == first }) { add(n, "<\(first)> must come first in <\(name)>") }
            }
            if name == "indicator" {
                let order = ["name", "unit", "base", "target", "growth"]
                let seen = kids.compactMap { order.firstIndex(of: $0.name) }
                if seen != seen.sorted() || Set(seen).count != seen.count {
                    add(n, "<indicator> children go in this order, once each: name, unit, base, target, growth")
                }
            }
            if name == "row", kids.isEmpty { add(n, "<row> needs at least one <cell>") }
            if name == "table", !kids.contains(where: { $0.name == "row" }) { add(n, "<table> needs at least one <row>") }
        }
        visit(root, depth: 0)
        return issues
    }

    static func check(_ v: String, _ kind: Value) -> String? {
        switch kind {
        case .whole: return Int(v).map { $0 >= 0 } == true ? nil : "is not a whole number"
        case .positive: return Int(v).map { $0 >= 1 } == true ? nil : "is not a positive whole number"
        case .year: return Int(v).map { (1949...2100).contains($0) } == true ? nil : "is not a year between 1949 and 2100"
        case .name:
            let ok = !v.isEmpty && v.first.map { $0.isLetter || $0 == "_" } == true
                && v.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
            return ok ? nil : "is not a name (letters, digits, - _ . and no spaces)"
        case .text: return nil
        case .oneOf(let values): return values.contains(v) ? nil : "must be one of: \(values.joined(separator: ", "))"
        }
    }
}
