import Alignment
import Foundation
import Localization

/// The JSON report written as the check goes: each plan's findings are appended to a temporary file as soon
/// as the plan is checked, and `finish` puts the report together around them — the same bytes
/// `CheckReport.json()` gives, without holding every finding of the run in memory. The report replaces its
/// destination only when complete (rename), so a failed run never leaves half a report; its temporary files
/// live in the staging folder of an `OutputSet`, where a later run removes them if this one is killed.
public final class StreamedJSONReport: ReportStream {
    /// The report's file, or nil for standard output.
    public let destination: String?
    /// Where the report is staged until it is complete (see `OutputSet`).
    private let outputs: OutputSet
    private let spillPath: String
    private let spill: FileHandle
    private var count = 0
    /// The head the spill file begins with, or nil: it is known in advance unless a baseline summary comes
    /// before the findings.
    private let headWritten: [UInt8]?
    private var done = false
    /// The language of the findings' messages.
    private let language: Language

    /// Claims `destination` and prepares the temporary file beside it (in the temporary folder for
    /// standard output). `withBaseline`: the report will carry a baseline summary, which sorts before the
    /// findings.
    public init(destination: String?, withBaseline: Bool, language: Language = .en) throws(AtomicWriteError) {
        self.destination = destination
        self.language = language
        outputs = try OutputSet(destinations: destination.map { [$0] } ?? [])
        headWritten = withBaseline ? nil : Array("{\n  \"findings\" : [".utf8)
        if let destination, headWritten != nil {
            spillPath = outputs.stagedPath(for: destination)   // the spill file becomes the report itself
        } else {
            spillPath = try outputs.scratchPath("findings")
        }
        guard RunFolder.writeFile(spillPath, Data()) == 0, let handle = FileHandle(forWritingAtPath: spillPath) else {
            outputs.discard()
            throw AtomicWriteError(path: destination ?? "standard output", reason: LocalizedText(en: "cannot write \(spillPath)", zh: "无法写入 \(spillPath)"))
        }
        spill = handle
        if let head = headWritten { try write(head) }
    }

    deinit { discard() }

    /// Appends one plan's findings, as `ReportBuilder.add` returned them.
    public func append(_ findings: [Finding]) throws(AtomicWriteError) {
        var w = JSONWriter(depth: 2, capacity: findings.count * 2048)
        w.language = language
        for f in findings {
            w.item(f, first: count == 0)
            count += 1
        }
        try w.bytes.withUnsafeBytes { (b) throws(AtomicWriteError) in try write(b) }
    }

    /// Completes the report (`report` from `ReportBuilder.finish`: its summaries, not its findings, are
    /// used) and puts it in place, or copies it to standard output.
    public func finish(_ report: CheckReport) throws(AtomicWriteError) {
        let (head, tail) = ReportJSON.parts(report, findingCount: count)
        try write(tail + [0x0A])
        do { try spill.close() } catch { throw failure(AtomicWriteError.system("\(error)")) }
        let skip = headWritten?.count ?? 0
        if let destination {
            if headWritten != head {
                // The head was not known in advance: the complete report is the head, then the findings.
                try copy(from: spillPath, skipping: skip, to: outputs.stagedPath(for: destination), after: head)
            }
            try outputs.commit()
        } else {
            try copy(from: spillPath, skipping: skip, to: nil, after: head)
            outputs.discard()
        }
        done = true
    }

    /// Removes the temporary files of a run that did not finish; nothing once `finish` has succeeded.
    public func discard() {
        guard !done else { return }
        done = true
        try? spill.close()
        outputs.discard()
    }

    private func write(_ bytes: [UInt8]) throws(AtomicWriteError) {
        var failed: AtomicWriteError?
        bytes.withUnsafeBytes { b in
            do throws(AtomicWriteError) { try write(b) } catch { failed = error }
        }
        if let failed { throw failed }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(AtomicWriteError) {
        // Straight to the descriptor: a report of many plans is hundreds of megabytes, and wrapping each
        // plan's bytes in `Data` for `FileHandle` copies them once more.
        let fd = spill.fileDescriptor
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(AtomicWriteError.system(errno))
            }
            done += n
        }
    }

    private func failure(_ reason: LocalizedText) -> AtomicWriteError {
        AtomicWriteError(path: destination ?? "standard output", reason: reason)
    }

    /// Copies `source` from byte `skip` on, in pieces, after `prefix`, to `target` (nil: standard output).
    private func copy(from source: String, skipping skip: Int, to target: String?, after prefix: [UInt8]) throws(AtomicWriteError) {
        guard let input = FileHandle(forReadingAtPath: source) else { throw failure(LocalizedText(en: "cannot read \(source)", zh: "无法读取 \(source)")) }
        defer { try? input.close() }
        let output: FileHandle
        if let target {
            guard RunFolder.writeFile(target, Data()) == 0, let h = FileHandle(forWritingAtPath: target) else {
                throw failure(LocalizedText(en: "cannot write \(target)", zh: "无法写入 \(target)"))
            }
            output = h
        } else {
            output = FileHandle.standardOutput
        }
        defer { if target != nil { try? output.close() } }
        do {
            try input.seek(toOffset: UInt64(skip))
            try output.write(contentsOf: Data(prefix))
            while let chunk = try input.read(upToCount: 1 << 22), !chunk.isEmpty { try output.write(contentsOf: chunk) }
        } catch {
            throw failure(AtomicWriteError.system("\(error)"))
        }
    }
}
