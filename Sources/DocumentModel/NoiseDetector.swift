import Foundation
import Quantities

/// A line (or the start of one) found to be noise, before blocks are formed.
struct NoiseMark: Sendable, Equatable {
    var reason: NoiseReason
    var detail: String
    /// Normalized range when only part of the line is noise (a page marker before body text).
    var partial: Range<Int>?
    /// `detail` in Chinese, where the reader wrote the detail itself; nil when it is the text's own words.
    var chineseDetail: String? = nil
}

/// Finds the text that newspapers, PDFs and web pages put around and inside a plan.
enum NoiseDetector {
    /// Words of a web page's header (dates, sources, page tools).
    static let headerMarkers = ["发表于", "发布日期", "发布时间", "信息来源", "来源：", "来源:", "浏览次数", "阅读次数",
                                "点击数", "字号", "收藏", "详情", "【重点关注】", "当前位置", "首页 >", "打印本页", "分享到"]
    /// Header words that are also ordinary words: they count only on a short line.
    static let shortHeaderMarkers: Set<String> = ["收藏", "详情", "字号", "分享到", "打印本页"]
    /// Words of a web page's footer.
    static let footerMarkers = ["温馨提示", "下载附件", "【下载", "版权所有", "Copyright", "上一篇", "下一篇", "打印本页",
                                "关闭窗口", "分享到", "扫一扫", "网站地图", "ICP备", "主办单位", "返回顶部", "相关阅读", "相关文章"]
    /// Words of a newspaper's editorial lines (editors, contacts, credits).
    static let editorialMarkers = ["责任编辑", "美术编辑", "校对:", "校对：", "编辑:", "编辑：", "电话:", "电话：", "热线",
                                   "邮箱", "通讯员", "本版制图", "制图/", "制图:", "摄影"]
    /// Words of an unrelated notice appended after the plan.
    static let noticeMarkers = ["疫情", "防控", "温馨提示", "公告", "通知", "启事", "广告", "招聘", "声明", "征集", "提醒"]

    /// The detail of a caption mark on an infographic's words: the builder merges a run of them into one block.
    static let graphicLabels = "graphic labels"

    // Thresholds, in scalars of normalized text unless said otherwise.

    /// A web page's header is in its first lines (this many): markers further down are the plan's own words.
    static let headerSearchLines = 40
    /// A header line is short: a longer line is the document's prose, and the header ends before it.
    static let longestHeaderLine = 150
    /// `收藏`, `详情`, `字号`… are header words only on a short line; in a longer one they are prose.
    static let longestShortMarkerLine = 40
    /// After a footer marker, lines up to this long are still the footer (addresses, copyright, links).
    static let longestLineAfterFooter = 200
    /// A trailing notice starts on a short line of its own (`疫情防控温馨提示`), not in a sentence.
    static let longestNoticeLine = 40
    /// A notice's own lines are shorter than a footer's: a longer one after it is the plan going on.
    static let longestLineAfterNotice = 120
    /// Shorter lines repeat by chance (`一、总体要求`, short list items): they are not marked as repeated.
    static let shortestRepeatedLine = 12
    /// A long line is keyed by this many scalars at each end: equal lines are compared whole anyway.
    static let hashedEnd = 16
    /// An infographic's words are at most this long: a longer line is a sentence or a title.
    static let longestGraphicLabel = 10
    /// A run of fewer label-like lines (this many) is as likely a short list of names.
    static let fewestGraphicLabels = 4
    /// A line longer than this is prose: graphic labels are looked for only after the last of them.
    static let longestNonProse = 40
    /// Editors' lines are short and are not sentences (no `。`).
    static let longestEditorialLine = 80
    /// A credit (`记者 王某`, `王某 摄`) is a short line of its own.
    static let longestCredit = 30
    /// A caption is a short line starting with `图为`, `▲`…
    static let longestCaption = 40

    /// The footer is looked for in the last half of the document: earlier, its words are the plan's.
    static func footerSearchStart(lineCount n: Int) -> Int { n / 2 }
    /// A trailing notice in the last two thirds: an appended notice can be longer than a footer.
    static func noticeSearchStart(lineCount n: Int) -> Int { n / 3 }

    /// Marks every line; `headings[i]` says whether line i looks like a structural heading.
    static func detect(_ text: NormalizedText, headings: [HeadingCandidate?]) -> [NoiseMark?] {
        text.scalars.withUnsafeBufferPointer { all in detect(text, all, headings: headings) }
    }

    /// `detect`, with the text's scalars at `all`: the heuristics in turn, each seeing the marks of those
    /// before it.
    private static func detect(_ text: NormalizedText, _ all: UnsafeBufferPointer<Unicode.Scalar>,
                               headings: [HeadingCandidate?]) -> [NoiseMark?] {
        var pass = Pass(text: text, all: all, headings: headings)
        pass.markWebHeader()
        pass.markTrailingRegions()
        pass.markLines()
        pass.markGraphicLabels()
        return pass.marks
    }

    /// One detection: the lines, and the marks made so far.
    private struct Pass {
        let text: NormalizedText
        let all: UnsafeBufferPointer<Unicode.Scalar>
        let headings: [HeadingCandidate?]
        let n: Int
        var marks: [NoiseMark?]

        init(text: NormalizedText, all: UnsafeBufferPointer<Unicode.Scalar>, headings: [HeadingCandidate?]) {
            self.text = text
            self.all = all
            self.headings = headings
            n = text.count
            marks = [NoiseMark?](repeating: nil, count: n)
        }

        /// Line `i`, read in place, indexed from 0 (a copy per line would cost more than the checks).
        func line(_ i: Int) -> UnsafeBufferPointer<Unicode.Scalar> { UnsafeBufferPointer(rebasing: all[text.range(i)]) }
        func len(_ i: Int) -> Int { text.count(i) }
        func isBlank(_ i: Int) -> Bool { text.isEmpty(i) }
        /// Whether line `i` looks like a heading of the plan's structure: a part, chapter or section or its
        /// like (`第一章`, a glossary), or `一、`.
        func structural(_ i: Int) -> Bool {
            guard let h = headings[i] else { return false }
            return h.kind.rank <= SectionKind.section.rank || h.kind == .numberedPart
        }

        /// Web page header: boilerplate lines before the first heading or paragraph of the document.
        mutating func markWebHeader() {
            var lastHeader: Int?
            var found: [String] = []
            for i in 0..<min(n, NoiseDetector.headerSearchLines) {
                if isBlank(i) { continue }
                if headings[i] != nil || len(i) > NoiseDetector.longestHeaderLine { break }
                let t = line(i)
                for (m, w) in zip(headerMarkers, Marker.header) where t.contains(w) {
                    if shortHeaderMarkers.contains(m) && len(i) > NoiseDetector.longestShortMarkerLine { continue }
                    lastHeader = i
                    if !found.contains(m) { found.append(m) }
                }
            }
            if let h = lastHeader {
                for i in 0...h { marks[i] = NoiseMark(reason: .webHeader, detail: found.joined(separator: ", "), partial: nil) }
            }
        }

        /// Unrelated trailing notice and web page footer: from the first marker line in the last part of the
        /// document to the end, provided nothing after it looks like the plan's own prose or structure.
        mutating func markTrailingRegions() {
            // Suffix facts, so each candidate is judged in constant time (no quadratic rescans of the tail).
            var structuralAfter = [Bool](repeating: false, count: n + 1)
            var longestAfter = [Int](repeating: 0, count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                structuralAfter[i] = structuralAfter[i + 1] || structural(i)
                longestAfter[i] = max(longestAfter[i + 1], len(i))
            }
            if let (f, m) = tailRegion(from: NoiseDetector.footerSearchStart(lineCount: n), matching: footerMarkers,
                                       shortLine: false, structuralAfter, longestAfter) {
                for i in f..<n { marks[i] = NoiseMark(reason: .webFooter, detail: m, partial: nil) }
            }
            if let (t, m) = tailRegion(from: NoiseDetector.noticeSearchStart(lineCount: n), matching: noticeMarkers,
                                       shortLine: true, structuralAfter, longestAfter) {
                for i in t..<n where marks[i] == nil { marks[i] = NoiseMark(reason: .trailingNotice, detail: m, partial: nil) }
            }
        }

        /// The first unmarked line from `start` on holding one of `markers`, with only short, unstructured lines
        /// after it (`structuralAfter[i]`, `longestAfter[i]`: of the lines from `i` on), and the marker.
        func tailRegion(from start: Int, matching markers: [String], shortLine: Bool, _ structuralAfter: [Bool],
                        _ longestAfter: [Int]) -> (Int, String)? {
            let words = markers.map { Array($0.unicodeScalars) }
            let longestAfterIt = shortLine ? NoiseDetector.longestLineAfterNotice : NoiseDetector.longestLineAfterFooter
            for i in max(start, 0)..<n {
                if isBlank(i) || structural(i) || marks[i] != nil { continue }
                if shortLine && len(i) > NoiseDetector.longestNoticeLine { continue }
                if structuralAfter[i + 1] || longestAfter[i + 1] > longestAfterIt { continue }
                guard let k = words.firstIndex(where: { line(i).contains($0) }) else { continue }
                return (i, markers[k])
            }
            return nil
        }

        /// Line by line: page markers, editors' lines, captions, repetitions.
        mutating func markLines() {
            // Lines seen so far, by `lineKey`.
            var seen: [UInt64: [Int]] = [:]
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
                if headings[i] == nil, s.count >= NoiseDetector.shortestRepeatedLine, marks[i] == nil {
                    let key = NoiseDetector.lineKey(s)
                    if let first = seen[key]?.first(where: { same(line($0), s) }) {
                        marks[i] = NoiseMark(reason: .repeated, detail: "same as line \(first + 1)", partial: nil,
                                             chineseDetail: "与第\(first + 1)行相同")
                        continue
                    }
                    if let p = previous, line(p).count > s.count, line(p).hasSuffix(s) || line(p).starts(with: s) {
                        let end = line(p).hasSuffix(s)
                        marks[i] = NoiseMark(reason: .layoutDuplicate,
                                             detail: end ? "repeats the end of line \(p + 1)" : "repeats the start of line \(p + 1)",
                                             partial: nil, chineseDetail: end ? "重复第\(p + 1)行的末尾" : "重复第\(p + 1)行的开头")
                        continue
                    }
                    seen[key, default: []].append(i)
                }
                previous = i
            }
        }

        /// Graphic labels: a run of very short lines with no punctuation or digits (an infographic's words).
        mutating func markGraphicLabels() {
            var run: [Int] = []
            // Only at the tail of the page: a run of short names in the middle of a plan is more likely a list.
            var lastProse = -1
            for i in 0..<n where marks[i] == nil && len(i) > NoiseDetector.longestNonProse { lastProse = i }
            for i in 0..<n {
                if isBlank(i) { continue }
                if marks[i] == nil, headings[i] == nil, len(i) <= NoiseDetector.longestGraphicLabel, line(i).allSatisfy(isLabelScalar) {
                    run.append(i)
                } else {
                    flushLabels(&run, after: lastProse)
                }
            }
            flushLabels(&run, after: lastProse)
        }

        /// Marks the lines of `run` as graphic labels if there are enough of them, all after `lastProse`; empties it.
        mutating func flushLabels(_ run: inout [Int], after lastProse: Int) {
            if run.count >= NoiseDetector.fewestGraphicLabels, let first = run.first, first > lastProse {
                for i in run { marks[i] = NoiseMark(reason: .caption, detail: NoiseDetector.graphicLabels, partial: nil, chineseDetail: "图中标签") }
            }
            run = []
        }
    }

    /// The key of a line among the lines seen: a 64-bit FNV-1a hash of its length and its first and last
    /// `hashedEnd` scalars. Equal keys are then compared whole, so the key need not cover the middle, and
    /// hashing every scalar of the plan costs more than the rest of the detector.
    static func lineKey(_ s: UnsafeBufferPointer<Unicode.Scalar>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(s.count)
        func mix(_ c: Unicode.Scalar) { h = (h ^ UInt64(c.value)) &* 0x0000_0100_0000_01B3 }
        if s.count <= 2 * hashedEnd {
            for c in s { mix(c) }
        } else {
            for c in s[..<hashedEnd] { mix(c) }
            for c in s[(s.count - hashedEnd)...] { mix(c) }
        }
        return h
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

    /// The editorial marker of an editors' line (`责任编辑`, `记者`), if it is one.
    static func editorial(_ s: some ScalarLine) -> String? {
        guard s.count <= longestEditorialLine, !s.contains("。") else { return nil }
        if let k = Marker.editorial.firstIndex(where: { s.contains($0) }) { return editorialMarkers[k] }
        if s.count <= longestCredit, s.contains(Marker.reporter) { return "记者" }
        return nil
    }

    static let captionPrefixes = ["图为", "图:", "图：", "▲", "△"]

    /// The marker of a photo caption or credit (`图为`, `摄`), if it is one.
    static func caption(_ s: some ScalarLine) -> String? {
        guard s.count <= longestCaption else { return nil }
        if let k = Marker.caption.firstIndex(where: { s.starts(with: $0) }) { return captionPrefixes[k] }
        if s.count <= longestCredit, s.last == "摄", !s.contains("。") { return "摄" }
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
