import Alignment
import Foundation
import Localization

/// Writes a `CheckReport` as JSON straight into bytes, in exactly `JSONEncoder`'s layout (pretty-printed,
/// sorted keys, slashes unescaped) — several times faster, which matters when a report holds the findings
/// of many plans. A test holds it byte for byte to `JSONEncoder`'s output, so the two cannot drift.
enum ReportJSON {
    /// `language`: the language of the findings' messages.
    static func encode(_ r: CheckReport, language: Language = .en) -> Data {
        let (head, tail) = parts(r, findingCount: r.findings.count)
        var bytes = head
        var w = JSONWriter(depth: 2)
        w.language = language
        for (i, f) in r.findings.enumerated() { w.item(f, first: i == 0) }
        bytes += w.bytes.array
        bytes += tail
        return Data(bytes)
    }

    /// The report's bytes before and after the members of its `findings` array, which a streaming writer
    /// puts between them (`JSONWriter.item`); `r.findings` itself is not written.
    static func parts(_ r: CheckReport, findingCount: Int) -> (head: [UInt8], tail: [UInt8]) {
        var w = JSONWriter()
        var at = 0
        w.object { o in
            if let b = r.baseline { o.key("baseline") { $0.baseline(b) } }
            o.key("findings") { w in
                at = w.bytes.count
                w.array([Finding]()) { $0.finding($1) }
            }
            o.key("matrix") { $0.matrix(r.matrix) }
            o.key("planSummaries") { w in
                w.object { o in for k in r.planSummaries.keys.sorted() { o.key(named: k) { $0.summary(r.planSummaries[k]!) } } }
            }
            o.key("plans") { $0.array(r.plans) { $0.plan($1) } }
            o.key("rules") { w in
                w.object { o in
                    o.key("hash") { $0.string(r.rules.hash) }
                    o.key("path") { $0.string(r.rules.path) }
                    if let p = r.rules.period { o.key("period") { $0.string(p) } }
                    if let t = r.rules.title { o.key("title") { $0.string(t) } }
                }
            }
            o.key("summary") { $0.summary(r.summary) }
            o.key("version") { $0.int(r.version) }
            if let wv = r.waivers { o.key("waivers") { $0.waivers(wv) } }
        }
        // An empty array is written `[`, a blank line, then `]` at the key's indent; a filled one has its
        // items, each on a line of its own, before the same closing line.
        let empty = Array("[\n\n  ]".utf8)
        let all = w.bytes.array
        precondition(Array(all[at..<(at + empty.count)]) == empty, "unexpected layout of the findings array")
        let head = Array(all[..<(at + 1)])
        let tail = (findingCount == 0 ? [0x0A] : []) + Array(all[(at + 2)...])
        return (head, tail)
    }
}

/// A growing run of bytes, appended to through a pointer: an array checks that it is not shared and calls
/// out for every append, and a report is written token by token, tens of millions of them.
struct ByteSink: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>?
    private(set) var count = 0
    private var capacity: Int

    /// Room for `capacity` bytes; none is allocated for 0 (a nested writer's sink is swapped out at once).
    init(capacity: Int = 0) {
        self.capacity = capacity
        base = capacity > 0 ? .allocate(capacity: capacity) : nil
    }

    deinit { base?.deallocate() }

    @inline(__always) mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        if count + n > capacity { grow(to: count + n) }
        let to = base! + count
        if n <= 16 {
            // Keys, separators and indents: a call to memmove costs more than copying them.
            for k in 0..<n { to[k] = from[k] }
        } else {
            to.update(from: from, count: n)
        }
        count += n
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base![count] = byte
        count += 1
    }

    /// Appends the UTF-8 of `s`.
    mutating func append(utf8 s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    private mutating func grow(to needed: Int) {
        let size = max(needed, capacity * 2, 256)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        if let base {
            bigger.update(from: base, count: count)
            base.deallocate()
        }
        base = bigger
        capacity = size
    }

    /// The bytes, copied into an array.
    var array: [UInt8] { withUnsafeBytes { Array($0) } }

    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }
}

/// Appends JSON tokens with `JSONEncoder`'s pretty-printing: two-space indents, `"key" : value`.
struct JSONWriter: ~Copyable {
    var bytes: ByteSink
    var depth = 0
    /// The language findings' messages are written in.
    var language = Language.en

    init() { bytes = ByteSink(capacity: 1 << 16) }

    init(depth: Int, capacity: Int = 0) {
        bytes = ByteSink(capacity: capacity)
        self.depth = depth
    }

    mutating func raw(_ s: StaticString) { s.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    /// A line break and the indentation of up to 32 levels, appended as one run (a literal: a static array
    /// would be checked for its lazy initialization on every line).
    private static var indentation: StaticString {
        "\n                                                                "
    }

    mutating func newline() {
        let width = 1 + 2 * depth
        if width <= JSONWriter.indentation.utf8CodeUnitCount {
            JSONWriter.indentation.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<width])) }
        } else {
            bytes.append(0x0A)
            for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
        }
    }

    /// Whether any of the eight bytes in `w` must be escaped in a JSON string: a quote, a backslash or a
    /// control character (the bit tricks of "Bit Twiddling Hacks": a byte below n sets its high bit in
    /// `(w - n·0x01…) & ~w & 0x80…`).
    @inline(__always) static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func anyBelow(_ x: UInt64, _ n: UInt64) -> Bool { (x &- ones &* n) & ~x & highs != 0 }
        return anyBelow(w, 0x20) || anyBelow(w ^ (ones &* 0x22), 1) || anyBelow(w ^ (ones &* 0x5C), 1)
    }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            // Runs that need no escape (nearly all of a report) are copied whole; they are found eight
            // bytes at a time.
            guard let base = UnsafeRawPointer(utf8.baseAddress) else { return }
            let n = utf8.count
            var run = 0
            var i = 0
            while i < n {
                if i &+ 8 <= n, !JSONWriter.needsEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i &+= 8
                    continue
                }
                let u = utf8[i]
                i &+= 1
                if u >= 0x20 && u != 0x22 && u != 0x5C { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<(i - 1)]))
                run = i
                switch u {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    raw("\\u00")
                    bytes.append(hex[Int(u >> 4)])
                    bytes.append(hex[Int(u & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(0x22)
    }

    mutating func int(_ v: Int) {
        if v >= 0 && v < 10 { bytes.append(UInt8(truncatingIfNeeded: 0x30 + v)); return }
        bytes.append(utf8: String(v))
    }

    /// Integral values print as integers, others in their shortest exact form, as `JSONEncoder` does.
    mutating func double(_ v: Double) {
        if v == v.rounded(), abs(v) < 1e15 { int(Int(v)) } else { bytes.append(utf8: v.description) }
    }

    mutating func bool(_ v: Bool) { if v { raw("true") } else { raw("false") } }

    mutating func object(_ body: (inout ObjectWriter) -> Void) {
        raw("{")
        depth += 1
        // The bytes move into the member writer and back, never copied: a shared buffer would be copied
        // whole on the first append.
        var o = ObjectWriter(writer: JSONWriter(depth: depth))
        swap(&bytes, &o.writer.bytes)
        body(&o)
        swap(&bytes, &o.writer.bytes)
        depth -= 1
        if !o.first { newline() } else { bytes.append(0x0A); newline() }
        raw("}")
    }

    mutating func array<T>(_ items: [T], _ each: (inout JSONWriter, T) -> Void) {
        raw("[")
        depth += 1
        for (i, x) in items.enumerated() {
            if i > 0 { raw(",") }
            newline()
            each(&self, x)
        }
        depth -= 1
        if items.isEmpty { bytes.append(0x0A) }
        newline()
        raw("]")
    }

    mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }
}

/// Writes one object's members; keys must be given in sorted order.
struct ObjectWriter: ~Copyable {
    var writer: JSONWriter
    var first = true

    /// A member whose key is written as it stands: the literal keys of the report, which need no escape.
    mutating func key(_ k: StaticString, _ value: (inout JSONWriter) -> Void) {
        if !first { writer.raw(",") }
        first = false
        writer.newline()
        writer.raw("\"")
        writer.raw(k)
        writer.raw("\" : ")
        value(&writer)
    }

    /// A member whose key comes from the data (an area, a plan), escaped like any string.
    mutating func key(named k: String, _ value: (inout JSONWriter) -> Void) {
        if !first { writer.raw(",") }
        first = false
        writer.newline()
        writer.string(k)
        writer.raw(" : ")
        value(&writer)
    }
}

extension JSONWriter {
    /// One member of the report's `findings` array, with the comma before it unless it is the first
    /// (the writer is at the array's depth, 2).
    mutating func item(_ f: Finding, first: Bool) {
        if !first { raw(",") }
        newline()
        finding(f)
    }

    mutating func finding(_ f: Finding) {
        let message = f.message(in: language)   // read before `object` holds the writer
        object { o in
            if let a = f.area { o.key("area") { $0.string(a) } }
            if let b = f.baseline { o.key("baseline") { $0.string(b) } }
            if let c = f.citation {
                o.key("citation") { w in
                    w.object { o in
                        o.key("document") { $0.string(c.document) }
                        if let i = c.item { o.key("item") { $0.string(i) } }
                        if let q = c.quote { o.key("quote") { $0.string(q) } }
                        if let s = c.short { o.key("short") { $0.string(s) } }
                    }
                }
            }
            o.key("evidence") { $0.array(f.evidence) { $0.evidence($1) } }
            if let fp = f.fingerprint { o.key("fingerprint") { $0.string(fp) } }
            o.key("goal") { $0.string(f.goal) }
            o.key("kind") { $0.string(f.kind.rawValue) }
            o.key("message") { $0.string(message) }
            o.key("plan") { $0.string(f.plan) }
            o.key("rule") { w in
                w.object { o in
                    o.key("column") { $0.int(f.rule.column) }
                    o.key("file") { $0.string(f.rule.file) }
                    o.key("line") { $0.int(f.rule.line) }
                }
            }
            o.key("severity") { $0.string(f.severity.rawValue) }
            o.key("status") { $0.string(f.status.rawValue) }
            o.key("suggestions") { $0.array(f.suggestions) { $0.evidence($1) } }
            o.key("tags") { $0.strings(f.tags) }
            o.key("title") { $0.string(f.title) }
            if let wv = f.waiver {
                o.key("waiver") { w in
                    w.object { o in
                        if let e = wv.expires { o.key("expires") { $0.string(e) } }
                        o.key("reason") { $0.string(wv.reason) }
                        o.key("source") { $0.string(wv.source) }
                    }
                }
            }
            o.key("weight") { $0.double(f.weight) }
        }
    }

    mutating func evidence(_ e: Evidence) {
        object { o in
            o.key("column") { $0.int(e.column) }
            if let c = e.commitment { o.key("commitment") { $0.string(c) } }
            o.key("file") { $0.string(e.file) }
            o.key("line") { $0.int(e.line) }
            if let m = e.match { o.key("match") { $0.string(m) } }
            if let m = e.matchEnd { o.key("matchEnd") { $0.int(m) } }
            if let m = e.matchStart { o.key("matchStart") { $0.int(m) } }
            o.key("path") { $0.strings(e.path) }
            o.key("quantities") { $0.strings(e.quantities) }
            if let s = e.score { o.key("score") { $0.double(s) } }
            o.key("text") { $0.string(e.text) }
            if let x = e.xpath { o.key("xpath") { $0.string(x) } }
        }
    }

    mutating func counts(_ d: [String: Int]) {
        object { o in for k in d.keys.sorted() { o.key(named: k) { $0.int(d[k]!) } } }
    }

    mutating func summary(_ s: Summary) {
        object { o in
            o.key("counts") { $0.counts(s.counts) }
            o.key("coverage") { $0.double(s.coverage) }
            o.key("coverageByArea") { w in
                w.object { o in for k in s.coverageByArea.keys.sorted() { o.key(named: k) { $0.double(s.coverageByArea[k]!) } } }
            }
            o.key("goals") { $0.int(s.goals) }
            o.key("openGaps") { $0.counts(s.openGaps) }
            o.key("waived") { $0.int(s.waived) }
        }
    }

    mutating func matrix(_ m: CheckReport.Matrix) {
        object { o in
            o.key("plans") { $0.strings(m.plans) }
            o.key("rows") { w in
                w.array(m.rows) { w, r in
                    w.object { o in
                        if let a = r.area { o.key("area") { $0.string(a) } }
                        o.key("coverage") { $0.double(r.coverage) }
                        o.key("goal") { $0.string(r.goal) }
                        o.key("statuses") { $0.strings(r.statuses) }
                        o.key("title") { $0.string(r.title) }
                    }
                }
            }
        }
    }

    mutating func plan(_ p: CheckReport.PlanInfo) {
        object { o in
            if let d = p.district { o.key("district") { $0.string(d) } }
            o.key("encoding") { $0.string(p.encoding) }
            o.key("file") { $0.string(p.file) }
            o.key("hash") { $0.string(p.hash) }
            o.key("sentences") { $0.int(p.sentences) }
            if let t = p.title { o.key("title") { $0.string(t) } }
        }
    }

    mutating func waiver(_ w: Waiver) {
        object { o in
            o.key("goal") { $0.string(w.goal) }
            if let p = w.plan { o.key("plan") { $0.string(p) } }
            o.key("reason") { $0.string(w.reason) }
            o.key("source") { $0.string(w.source) }
            if let u = w.until { o.key("until") { $0.string(u) } }
        }
    }

    mutating func waivers(_ s: WaiverSummary) {
        object { o in
            o.key("expired") { $0.array(s.expired) { $0.waiver($1) } }
            o.key("unused") { $0.array(s.unused) { $0.waiver($1) } }
            o.key("waived") { $0.int(s.waived) }
        }
    }

    mutating func baseline(_ b: CheckReport.BaselineSummary) {
        object { o in
            o.key("fixed") { w in
                w.array(b.fixed) { w, x in
                    w.object { o in
                        o.key("goal") { $0.string(x.goal) }
                        o.key("message") { $0.string(x.message) }
                        o.key("plan") { $0.string(x.plan) }
                        o.key("status") { $0.string(x.status) }
                        o.key("title") { $0.string(x.title) }
                    }
                }
            }
            o.key("new") { $0.int(b.new) }
            o.key("path") { $0.string(b.path) }
            o.key("unchanged") { $0.int(b.unchanged) }
        }
    }
}
