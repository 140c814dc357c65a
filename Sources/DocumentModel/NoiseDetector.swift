import Foundation
import Quantities

/// A line (or the start of one) found to be noise, before blocks are formed.
struct NoiseMark: Sendable, Equatable {
    var reason: NoiseReason
    var detail: String
    /// Normalized range when only part of the line is noise (a page marker before body text).
    var partial: Range<Int>?
}

/// Finds the text that newspapers, PDFs and web pages put around and inside a plan.
enum NoiseDetector {
    static let headerMarkers = ["发表于", "发布日期", "发布时间", "信息来源", "来源：", "来源:", "浏览次数", "阅读次数",
                                "点击数", "字号", "收藏", "详情", "【重点关注】", "当前位置", "首页 >", "打印本页", "分享到"]
    static let shortHeaderMarkers: Set<String> = ["收藏", "详情", "字号", "分享到", "打印本页"]
    static let footerMarkers = ["温馨提示", "下载附件", "【下载", "版权所有", "Copyright", "上一篇", "下一篇", "打印本页",
                                "关闭窗口", "分享到", "扫一扫", "网站地图", "ICP备", "主办单位", "返回顶部", "相关阅读", "相关文章"]
    static let editorialMarkers = ["责任编辑", "美术编辑", "校对:", "校对：", "编辑:", "编辑：", "电话:", "电话：", "热线",
                                   "邮箱", "通讯员", "本版制图", "制图/", "制图:", "摄影"]
    static let noticeMarkers = ["疫情", "防控", "温馨提示", "公告", "通知", "启事", "广告", "招聘", "声明", "征集", "提醒"]

    /// Marks every line; `headings[i]` says whether line i looks like a structural heading.
    static func detect(_ text: NormalizedText, headings: [HeadingCandidate?]) -> [NoiseMark?] {
        text.scalars.withUnsafeBufferPointer { all in detect(text, all, headings: headings) }
    }

    /// `detect`, with the text's scalars at `all`.
    private static func detect(_ text: NormalizedText, _ all: UnsafeBufferPointer<Unicode.Scalar>,
                               headings: [HeadingCandidate?]) -> [NoiseMark?] {
        let n = text.count
        var marks = [NoiseMark?](repeating: nil, count: n)
        // Each line read in place, indexed from 0 (a copy per line would cost more than the checks).
        func line(_ i: Int) -> UnsafeBufferPointer<Unicode.Scalar> { UnsafeBufferPointer(rebasing: all[text.range(i)]) }
        func len(_ i: Int) -> Int { text.count(i) }
        func isBlank(_ i: Int) -> Bool { text.isEmpty(i) }
        func structural(_ i: Int) -> Bool {
            guard let h = headings[i] else { return false }
            return h.kind.rank <= 3 || h.kind == .numberedPart
        }

        // Web page header: boilerplate lines before the first heading or paragraph of the document.
        var lastHeader: Int?
        var found: [String] = []
        for i in 0..<min(n, 40) {
            if isBlank(i) { continue }
            if headings[i] != nil || len(i) > 150 { break }
            let t = line(i)
            for (m, w) in zip(headerMarkers, Marker.header) where t.contains(w) {
                if shortHeaderMarkers.contains(m) && len(i) > 40 { continue }
                lastHeader = i
                if !found.contains(m) { found.append(m) }
            }
        }
        if let h = lastHeader {
            for i in 0...h { marks[i] = NoiseMark(reason: .webHeader, detail: found.joined(separator: ", "), partial: nil) }
        }

        // Unrelated trailing notice and web page footer: from the first marker line in the last part of the
        // document to the end, provided nothing after it looks like the plan's own prose or structure.
        // Suffix facts, so each candidate is judged in constant time (no quadratic rescans of the tail).
        var structuralAfter = [Bool](repeating: false, count: n + 1)
        var longestAfter = [Int](repeating: 0, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            structuralAfter[i] = structuralAfter[i + 1] || structural(i)
            longestAfter[i] = max(longestAfter[i + 1], len(i))
        }
        func tailRegion(from start: Int, matching markers: [String], shortLine: Bool) -> (Int, String)? {
            let words = markers.map { Array($0.unicodeScalars) }
            for i in max(start, 0)..<n {
                if isBlank(i) || structural(i) || marks[i] != nil { continue }
                if shortLine && len(i) > 40 { continue }
                if structuralAfter[i + 1] || longestAfter[i + 1] > (shortLine ? 120 : 200) { continue }
                guard let k = words.firstIndex(where: { line(i).contains($0) }) else { continue }
                return (i, markers[k])
            }
            return nil
        }
        let tailStart = n / 2
        if let (f, m) = tailRegion(from: tailStart, matching: footerMarkers, shortLine: false) {
            for i in f..<n { marks[i] = NoiseMark(reason: .webFooter, detail: m, partial: nil) }
        }
        if let (t, m) = tailRegion(from: n / 3, matching: noticeMarkers, shortLine: true) {
            for i in t..<n where marks[i] == nil { marks[i] = NoiseMark(reason: .trailingNotice, detail: m, partial: nil) }
        }

        // Line by line: page markers, editors' lines, captions, repetitions.
        // Lines seen so far, by a 64-bit FNV-1a hash of their length and their first and last 16 scalars:
        // equal lines are then compared whole, so the key need not cover the middle, and hashing every
        // scalar of the plan costs more than the rest of the detector.
        var seen: [UInt64: [Int]] = [:]
        func fnv(_ s: UnsafeBufferPointer<Unicode.Scalar>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(s.count)
            func mix(_ c: Unicode.Scalar) { h = (h ^ UInt64(c.value)) &* 0x0000_0100_0000_01B3 }
            if s.count <= 32 {
                for c in s { mix(c) }
            } else {
                for c in s[..<16] { mix(c) }
                for c in s[(s.count - 16)...] { mix(c) }
            }
            return h
        }
        var previous: Int?    // the last non-blank line that is not noise
        for i in 0..<n where !isBlank(i) && marks[i] == nil {
            let s = line(i)
            if let r = pageMarker(s) {
                marks[i] = NoiseMark(reason: .pageMarker, detail: String(scalars: s[r]),
                                     partial: r.upperBound < s.count ? r : nil)
                if r.upperBound >= s.count { continue }
            } else if headings[i] == nil, let m = editorial(s) {
                marks[i] = NoiseMark(reason: .editorial, detail: m, partial: nil)
                continue
            } else if headings[i] == nil, let m = caption(s) {
                marks[i] = NoiseMark(reason: .caption, detail: m, partial: nil)
                continue
            }
            if headings[i] == nil, s.count >= 12, marks[i] == nil {
                let key = fnv(s)
                if let first = seen[key]?.first(where: { same(line($0), s) }) {
                    marks[i] = NoiseMark(reason: .repeated, detail: "same as line \(first + 1)", partial: nil)
                    continue
                }
                if let p = previous, line(p).count > s.count, line(p).hasSuffix(s) || line(p).starts(with: s) {
                    marks[i] = NoiseMark(reason: .layoutDuplicate,
                                         detail: line(p).hasSuffix(s) ? "repeats the end of line \(p + 1)" : "repeats the start of line \(p + 1)",
                                         partial: nil)
                    continue
                }
                seen[key, default: []].append(i)
            }
            previous = i
        }

        // Graphic labels: a run of very short lines with no punctuation or digits (an infographic's words).
        var runStart: Int?
        var run: [Int] = []
        // Only at the tail of the page: a run of short names in the middle of a plan is more likely a list.
        var lastProse = -1
        for i in 0..<n where marks[i] == nil && len(i) > 40 { lastProse = i }
        func flush() {
            if run.count >= 4, let first = run.first, first > lastProse {
                for i in run { marks[i] = NoiseMark(reason: .caption, detail: "graphic labels", partial: nil) }
            }
            run = []
            runStart = nil
        }
        for i in 0..<n {
            if isBlank(i) { continue }
            if marks[i] == nil, headings[i] == nil, len(i) <= 10, line(i).allSatisfy(isLabelScalar) {
                if runStart == nil { runStart = i }
                run.append(i)
            } else {
                flush()
            }
        }
        flush()
        return marks
    }

    /// Whether two lines hold the same scalars (compared as bytes: a repeated paragraph is compared whole).
    static func same(_ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        return memcmp(pa, pb, a.count * MemoryLayout<Unicode.Scalar>.stride) == 0
    }

    /// `◀上接01版`, `▶下转03版`, `**上接A1版**`: the marker's normalized range at the start of the line.
    static func pageMarker(_ s: some ScalarLine) -> Range<Int>? {
        // Switches, not Sets: this runs on every line, and building or hashing a Set costs more than the scan.
        func lead(_ c: Unicode.Scalar) -> Bool {
            switch c { case "*", "◀", "▶", "►", "◄", "【", "[", "（", "(", " ": true; default: false }
        }
        func trail(_ c: Unicode.Scalar) -> Bool {
            switch c { case "*", "】", "]", "）", ")", " ": true; default: false }
        }
        var i = 0
        while i < s.count, lead(s[i]) { i += 1 }
        guard i + 2 < s.count else { return nil }
        switch (s[i], s[i + 1]) {
        case ("上", "接"), ("下", "转"), ("接", "上"), ("转", "下"): break
        default: return nil
        }
        i += 2
        if i < s.count, s[i] == "第" { i += 1 }
        let numStart = i
        if i < s.count, s[i].value >= 0x41, s[i].value <= 0x5A { i += 1 }   // A1版
        while i < s.count, i - numStart < 4, ChineseNumeral.digit(s[i]) != nil || ChineseNumeral.smallUnit(s[i]) != nil { i += 1 }
        guard i > numStart, i < s.count, s[i] == "版" else { return nil }
        i += 1
        while i < s.count, trail(s[i]) { i += 1 }
        return 0..<i
    }

    static func editorial(_ s: some ScalarLine) -> String? {
        guard s.count <= 80, !s.contains("。") else { return nil }
        if let k = Marker.editorial.firstIndex(where: { s.contains($0) }) { return editorialMarkers[k] }
        if s.count <= 30, s.contains(Marker.reporter) { return "记者" }
        return nil
    }

    static let captionPrefixes = ["图为", "图:", "图：", "▲", "△"]

    static func caption(_ s: some ScalarLine) -> String? {
        guard s.count <= 40 else { return nil }
        if let k = Marker.caption.firstIndex(where: { s.starts(with: $0) }) { return captionPrefixes[k] }
        if s.count <= 30, s.last == "摄", !s.contains("。") { return "摄" }
        return nil
    }

    /// The marker words as scalars, converted once.
    enum Marker {
        static let header = headerMarkers.map { Array($0.unicodeScalars) }
        static let editorial = editorialMarkers.map { Array($0.unicodeScalars) }
        static let caption = captionPrefixes.map { Array($0.unicodeScalars) }
        static let reporter = Array("记者".unicodeScalars)
    }

    private static func isLabelScalar(_ s: Unicode.Scalar) -> Bool {
        // CJK ideographs and ASCII letters only: punctuation, digits or marks mean real text or data.
        (s.value >= 0x4E00 && s.value <= 0x9FFF) || s.isASCII && s.properties.isAlphabetic
    }
}

extension RandomAccessCollection where Element == Unicode.Scalar, Index == Int {
    /// Whether `word` occurs in the scalars (plain search: the words are short). Inlinable, so other
    /// modules get a copy specialized for their collection instead of a generic call per character.
    @inlinable
    public func contains(_ word: [Unicode.Scalar]) -> Bool {
        word.isEmpty || firstOffset(of: word) != nil
    }
}

extension ScalarLine {
    /// Whether the scalars end with `tail`.
    func hasSuffix(_ tail: some ScalarLine) -> Bool {
        tail.count <= count && self[(count - tail.count)...].elementsEqual(tail)
    }
}
