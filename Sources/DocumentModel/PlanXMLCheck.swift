import CLibXML2
import Localization

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
        func add(_ n: xmlNodePtr, _ msg: LocalizedText) {
            if issues.count < 50 { issues.append(LibXMLIssue(line: n.line, column: nil, message: msg.en, code: -1, chinese: msg.zh)) }
        }
        guard let root = tree.root else { return [] }
        guard root.name == "plan", root.namespaceURI == nil else {
            add(root, LocalizedText(en: "the root element is <\(root.qualifiedName)>, not <plan> (read other XML with an XML mapping)", zh: "根元素是 <\(root.qualifiedName)>，不是 <plan>（其他 XML 请配合 XML 映射读取）"))
            return issues
        }
        func visit(_ n: xmlNodePtr, depth: Int) {
            guard depth < MarkupDocument.maxDepth else { return }
            let name = n.name
            if n.namespaceURI != nil { add(n, LocalizedText(en: "<\(n.qualifiedName)> is in a namespace; plan XML has none", zh: "<\(n.qualifiedName)> 带有命名空间；规划 XML 不使用命名空间")); return }
            // Attributes: known ones with well-formed values; required ones present.
            let known = attributes(name)
            var a = n.pointee.properties
            while let attr = a {
                let an = attr.pointee.name.map { String(cString: $0) } ?? ""
                let value = n.attribute(an) ?? ""
                if attr.pointee.ns != nil {
                    // xml:lang, xml:space and the like are allowed by neither side; say so plainly.
                    add(n, LocalizedText(en: "<\(name)> has attribute \(an) in a namespace, which plan XML does not use", zh: "<\(name)> 的属性 \(an) 带有命名空间，规划 XML 不使用命名空间"))
                } else if let kind = known[an] {
                    if let problem = check(value, kind) {
                        add(n, LocalizedText(en: "<\(name)> attribute \(an)=\"\(value)\" \(problem.en)", zh: "<\(name)> 的属性 \(an)=\"\(value)\" \(problem.zh)"))
                    }
                } else {
                    let list = known.keys.sorted().joined(separator: ", ")
                    add(n, LocalizedText(en: "<\(name)> has no attribute \(an)" + (list.isEmpty ? "" : " (it may have: \(list))"),
                                         zh: "<\(name)> 没有属性 \(an)" + (list.isEmpty ? "" : "（可用的属性：\(list)）")))
                }
                a = attr.pointee.next
            }
            if name == "noise", n.attribute("reason") == nil { add(n, LocalizedText(en: "<noise> needs a reason=\"…\" attribute", zh: "<noise> 需要 reason=\"…\" 属性")) }
            guard let allowed = allowedChildren(name) else { return }
            let kids = n.elementChildren
            for c in n.children {
                if c.isElement {
                    if !allowed.contains(c.name) {
                        if allowed.isEmpty {
                            add(c, LocalizedText(en: "<\(name)> holds text only, not <\(c.qualifiedName)>", zh: "<\(name)> 只能包含文字，不能包含 <\(c.qualifiedName)>"))
                        } else {
                            let list = allowed.sorted().joined(separator: ", ")
                            add(c, LocalizedText(en: "<\(c.qualifiedName)> is not allowed in <\(name)> (allowed: \(list))", zh: "<\(name)> 中不能出现 <\(c.qualifiedName)>（允许：\(list)）"))
                        }
                        continue
                    }
                    visit(c, depth: depth + 1)
                } else if c.isText, !allowed.isEmpty, !c.textContent.allSatisfy({ $0.isWhitespace }) {
                    add(c, LocalizedText(en: "text directly in <\(name)>; put it in a <p>", zh: "文字直接写在 <\(name)> 中；请放入 <p>"))
                } else if c.type == XML_ENTITY_REF_NODE {
                    add(c, LocalizedText(
                        en: "entity reference &\(c.name); in <\(name)>; plan XML allows only &amp; &lt; &gt; &quot; &apos; and &#…; character references",
                        zh: "<\(name)> 中有实体引用 &\(c.name);；规划 XML 只允许 &amp; &lt; &gt; &quot; &apos; 和 &#…; 字符引用"))
                }
            }
            if divisions.contains(name) || name == "glossary" || name == "entry" {
                if kids.first?.name != "heading" { add(n, LocalizedText(en: "<\(name)> must begin with <heading>", zh: "<\(name)> 必须以 <heading> 开头")) }
                if kids.filter({ $0.name == "heading" }).count > 1 { add(n, LocalizedText(en: "<\(name)> has more than one <heading>", zh: "<\(name)> 有不止一个 <heading>")) }
            }
            if name == "indicator", !kids.contains(where: { $0.name == "name" }) { add(n, LocalizedText(en: "<indicator> needs a <name>", zh: "<indicator> 需要 <name>")) }
            if name == "indicators", !kids.contains(where: { $0.name == "indicator" }) { add(n, LocalizedText(en: "<indicators> needs at least one <indicator>", zh: "<indicators> 至少需要一个 <indicator>")) }
            if name == "plan" || name == "indicators" || name == "table" {
                let first = name == "plan" ? "title" : "caption"
                if kids.dropFirst().contains(where: { $0.name == first }) { add(n, LocalizedText(en: "<\(first)> must come first in <\(name)>", zh: "<\(first)> 必须是 <\(name)> 中的第一个元素")) }
            }
            if name == "indicator" {
                let order = ["name", "unit", "base", "target", "growth"]
                let seen = kids.compactMap { order.firstIndex(of: $0.name) }
                if seen != seen.sorted() || Set(seen).count != seen.count {
                    add(n, LocalizedText(en: "<indicator> children go in this order, once each: name, unit, base, target, growth",
                                         zh: "<indicator> 的子元素须按此顺序各出现一次：name, unit, base, target, growth"))
                }
            }
            if name == "row", kids.isEmpty { add(n, LocalizedText(en: "<row> needs at least one <cell>", zh: "<row> 至少需要一个 <cell>")) }
            if name == "table", !kids.contains(where: { $0.name == "row" }) { add(n, LocalizedText(en: "<table> needs at least one <row>", zh: "<table> 至少需要一个 <row>")) }
        }
        visit(root, depth: 0)
        return issues
    }

    static func check(_ v: String, _ kind: Value) -> LocalizedText? {
        switch kind {
        case .whole: return Int(v).map { $0 >= 0 } == true ? nil : LocalizedText(en: "is not a whole number", zh: "不是非负整数")
        case .positive: return Int(v).map { $0 >= 1 } == true ? nil : LocalizedText(en: "is not a positive whole number", zh: "不是正整数")
        case .year: return Int(v).map { (1949...2100).contains($0) } == true ? nil : LocalizedText(en: "is not a year between 1949 and 2100", zh: "不是 1949 至 2100 之间的年份")
        case .name:
            let ok = !v.isEmpty && v.first.map { $0.isLetter || $0 == "_" } == true
                && v.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
            return ok ? nil : LocalizedText(en: "is not a name (letters, digits, - _ . and no spaces)", zh: "不是合法名称（字母、数字、- _ .，不含空格）")
        case .text: return nil
        case .oneOf(let values): return values.contains(v) ? nil : LocalizedText(en: "must be one of: \(values.joined(separator: ", "))", zh: "必须是以下之一：\(values.joined(separator: ", "))")
        }
    }
}
