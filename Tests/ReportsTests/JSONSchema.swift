import Foundation

/// A JSON Schema (draft-07) validator for the keywords the report schema and the SARIF 2.1.0 schema use:
/// type, properties, required, additionalProperties, items, enum, const, $ref (local), allOf, anyOf,
/// oneOf, not, minimum, maximum, minItems, maxItems, uniqueItems, minLength, maxLength, pattern.
/// Unknown keywords (format, default, description…) are annotations and are ignored, as the spec allows.
struct JSONSchemaValidator {
    let root: [String: Any]

    init(schemaAt url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "schema", code: 1, userInfo: [NSLocalizedDescriptionKey: "schema is not an object"])
        }
        root = obj
    }

    /// Every violation, as `path: message`; empty when the instance is valid. `entry` names the schema to
    /// start from (`#/definitions/Root`), for schema files that keep their root constraints there.
    func validate(_ instance: Any, entry: String? = nil) -> [String] {
        var errors: [String] = []
        guard let start = entry.map(resolve) ?? root else { return ["schema has no \(entry ?? "root")"] }
        check(instance, start, "$", &errors)
        return errors
    }

    private func resolve(_ ref: String) -> [String: Any]? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: Any = root
        for part in ref.dropFirst(2).split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let dict = node as? [String: Any], let next = dict[key] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    private func typeName(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if let n = v as? NSNumber {
            // JSONSerialization hands booleans over as NSNumber with objCType "c".
            let t = String(cString: n.objCType)
            if t == "c" || String(describing: type(of: v)).contains("Boolean") { return "boolean" }
            if t == "d" || t == "f" { return n.doubleValue == n.doubleValue.rounded() ? "integer" : "number" }
            return "integer"
        }
        if v is String { return "string" }
        if v is [Any] { return "array" }
        if v is [String: Any] { return "object" }
        return "unknown"
    }

    private func matchesType(_ v: Any, _ t: String) -> Bool {
        let actual = typeName(v)
        return actual == t || (t == "number" && actual == "integer")
    }

    private func equal(_ a: Any, _ b: Any) -> Bool {
        (a as? NSObject)?.isEqual(b) ?? false
    }

    private func check(_ v: Any, _ schema: [String: Any], _ path: String, _ errors: inout [String]) {
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(ref) else { errors.append("\(path): unresolvable $ref \(ref)"); return }
            check(v, target, path, &errors)
            return   // draft-07: $ref replaces the other keywords
        }
        if let t = schema["type"] {
            let types = (t as? [String]) ?? [(t as? String) ?? ""]
            if !types.contains(where: { matchesType(v, $0) }) {
                errors.append("\(path): expected \(types.joined(separator: "|")), found \(typeName(v))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { equal($0, v) }) {
            errors.append("\(path): \(v) is not one of \(options)")
        }
        if let c = schema["const"], !equal(c, v) { errors.append("\(path): expected \(c), found \(v)") }
        if let all = schema["allOf"] as? [[String: Any]] { for s in all { check(v, s, path, &errors) } }
        if let any = schema["anyOf"] as? [[String: Any]] {
            if !any.contains(where: { s in var e: [String] = []; check(v, s, path, &e); return e.isEmpty }) {
                errors.append("\(path): matches none of anyOf")
            }
        }
        if let one = schema["oneOf"] as? [[String: Any]] {
            let n = one.filter { s in var e: [String] = []; check(v, s, path, &e); return e.isEmpty }.count
            if n != 1 { errors.append("\(path): matches \(n) of oneOf, expected exactly 1") }
        }
        if let not = schema["not"] as? [String: Any] {
            var e: [String] = []
            check(v, not, path, &e)
            if e.isEmpty { errors.append("\(path): must not match the 'not' schema") }
        }
        if let n = v as? NSNumber, typeName(v) != "boolean" {
            if let min = schema["minimum"] as? NSNumber, n.doubleValue < min.doubleValue { errors.append("\(path): \(n) < minimum \(min)") }
            if let max = schema["maximum"] as? NSNumber, n.doubleValue > max.doubleValue { errors.append("\(path): \(n) > maximum \(max)") }
        }
        if let s = v as? String {
            if let min = schema["minLength"] as? Int, s.count < min { errors.append("\(path): shorter than \(min)") }
            if let max = schema["maxLength"] as? Int, s.count > max { errors.append("\(path): longer than \(max)") }
            if let p = schema["pattern"] as? String, let re = try? NSRegularExpression(pattern: p),
               re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                errors.append("\(path): \"\(s)\" does not match /\(p)/")
            }
        }
        if let a = v as? [Any] {
            if let min = schema["minItems"] as? Int, a.count < min { errors.append("\(path): fewer than \(min) items") }
            if let max = schema["maxItems"] as? Int, a.count > max { errors.append("\(path): more than \(max) items") }
            if schema["uniqueItems"] as? Bool == true {
                for i in a.indices { for j in a.indices where j > i && equal(a[i], a[j]) { errors.append("\(path): items \(i) and \(j) are equal") } }
            }
            if let items = schema["items"] as? [String: Any] {
                for (i, x) in a.enumerated() { check(x, items, "\(path)[\(i)]", &errors) }
            }
        }
        if let o = v as? [String: Any] {
            let props = schema["properties"] as? [String: Any] ?? [:]
            for key in (schema["required"] as? [String]) ?? [] where o[key] == nil {
                errors.append("\(path): missing required \(key)")
            }
            for (key, value) in o.sorted(by: { $0.key < $1.key }) {
                if let p = props[key] as? [String: Any] {
                    check(value, p, "\(path).\(key)", &errors)
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    check(value, extra, "\(path).\(key)", &errors)
                } else if let extra = schema["additionalProperties"] as? NSNumber, !extra.boolValue {
                    errors.append("\(path): unexpected property \(key)")
                }
            }
        }
    }
}
