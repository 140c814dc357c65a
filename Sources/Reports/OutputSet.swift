import Foundation
import Localization
#if canImport(Glibc)
import Glibc
#endif

/// The one way plancheck writes files (reports, formatted rules, drafts), so that a failed run never
/// leaves a half-written file over a good one: staged beside their destinations and put in place together
/// at the end. A destination that is a symbolic link has the file it points to replaced, not the link.
///
/// Each folder that receives a file gets a hidden work folder, `.plancheck-work`, and in it one folder per
/// run, `run-<pid>-<nonce>`, locked (flock) for as long as the run lives. The lock ends with the process,
/// even on `kill -9`, so the next run in that folder knows a dead run's files from a live one's and removes
/// them. A live run's folder lists the files it will write: a second run that names one of them is told the
/// file is in use instead of racing for it. Nothing is renamed into place until every file is staged, and
/// the work folder is removed when its last run ends.
public final class OutputSet {
    /// Where each destination is staged: the run folder of its directory, and the file's name in it.
    private var staged: [String: (run: RunFolder, name: String)] = [:]
    private var order: [String] = []
    private var runs: [RunFolder] = []
    private var scratch: RunFolder?
    private var finished = false

    /// Claims `destinations` (files, not standard output) for this run and makes their staging folders,
    /// removing what dead runs left there. Throws, naming the file, when one is a folder, cannot be
    /// written, is named twice, or is being written by another live run.
    public init(destinations: [String]) throws(AtomicWriteError) {
        var byFolder: [String: [(name: String, shown: String)]] = [:]
        var folders: [(dir: String, shown: String)] = []
        for path in destinations {
            let full = OutputSet.absolute(path)
            if order.contains(full) { throw AtomicWriteError(path: path, reason: LocalizedText(en: "is named twice for this run", zh: "在本次运行中被指定了两次")) }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), isDir.boolValue {
                throw AtomicWriteError(path: path, reason: LocalizedText(en: "is a folder", zh: "是文件夹"))
            }
            let dir = (full as NSString).deletingLastPathComponent
            if byFolder[dir] == nil { folders.append((dir, path)) }
            byFolder[dir, default: []].append(((full as NSString).lastPathComponent, path))
            order.append(full)
        }
        do throws(AtomicWriteError) {
            for (dir, shown) in folders {
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw AtomicWriteError(path: shown, reason: LocalizedText(en: "cannot create the folder \(dir)", zh: "无法创建文件夹 \(dir)"))
                }
                let names = byFolder[dir]!
                let run = try RunFolder.open(in: dir, workName: RunFolder.workName, claiming: names.map(\.name), shown: names.map(\.shown))
                runs.append(run)
                for n in names { staged[(dir as NSString).appendingPathComponent(n.name)] = (run, n.name) }
            }
        } catch {
            discard()
            throw error
        }
        OutputSet.registry.add(self)
    }

    deinit { discard() }

    /// Writes one file the same way: staged beside `path`, then renamed over it. Creates the folder when
    /// missing; throws a message naming the path when it cannot, or when another run is writing it.
    public static func write(_ data: Data, to path: String) throws(AtomicWriteError) {
        let set = try OutputSet(destinations: [path])
        defer { set.discard() }
        try set.write(data, to: path)
        try set.commit()
    }

    /// The file to write `destination`'s content to; it replaces `destination` at `commit`.
    public func stagedPath(for destination: String) -> String {
        let s = staged[OutputSet.absolute(destination)]!
        // Prefixed, so that no report's name can be the run folder's own `.claims` or a scratch file's.
        return (s.run.path as NSString).appendingPathComponent("staged-" + s.name)
    }

    /// A file for this run's own use, removed when the run ends: beside the first destination, or in
    /// the system's temporary folder when there is none.
    public func scratchPath(_ name: String) throws(AtomicWriteError) -> String {
        if let first = runs.first { return (first.path as NSString).appendingPathComponent(".scratch-" + name) }
        if scratch == nil {
            let tmp = (NSTemporaryDirectory() as NSString).standardizingPath
            scratch = try RunFolder.open(in: tmp, workName: "plancheck-work-\(getuid())", claiming: [])
            OutputSet.registry.add(self)
        }
        return (scratch!.path as NSString).appendingPathComponent(name)
    }

    /// Stages `data` for `destination`.
    public func write(_ data: Data, to destination: String) throws(AtomicWriteError) {
        let failure = RunFolder.writeFile(stagedPath(for: destination), data)
        if failure != 0 { throw AtomicWriteError(path: destination, reason: AtomicWriteError.system(failure)) }
    }

    /// Puts every staged file in place, in the order the destinations were given, then removes the staging
    /// folders. Each destination must have been staged. A destination that exists keeps its permissions.
    public func commit() throws(AtomicWriteError) {
        try OutputSet.registry.whileHeld { () throws(AtomicWriteError) in
            // Everything that can fail is looked at before the first rename, so a set is not left half replaced.
            for dest in order {
                let from = stagedPath(for: dest)
                guard access(from, F_OK) == 0 else { throw AtomicWriteError(path: dest, reason: LocalizedText(en: "was not written", zh: "未写入")) }
                var st = stat()
                if stat(dest, &st) == 0 {
                    if (st.st_mode & S_IFMT) == S_IFDIR { throw AtomicWriteError(path: dest, reason: LocalizedText(en: "is a folder", zh: "是文件夹")) }
                    _ = chmod(from, st.st_mode & 0o7777)
                }
            }
            for dest in order where rename(stagedPath(for: dest), dest) != 0 {
                throw AtomicWriteError(path: dest, reason: AtomicWriteError.system(errno))
            }
        }
        discard()
    }

    /// Removes this run's staged and scratch files and its claims; nothing is put in place.
    public func discard() {
        guard !finished else { return }
        finished = true
        OutputSet.registry.remove(self)
        for run in runs + (scratch.map { [$0] } ?? []) { run.close() }
        runs = []
        scratch = nil
    }

    /// Removes the staging folders of every set still open, as a signal handler does before the process
    /// exits; a commit under way finishes first.
    public static func abandonAll() {
        registry.abandonAll()
    }

    /// `path` made absolute against the working directory, with `.`, `..` and symbolic links resolved.
    static func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: (p as NSString).standardizingPath).resolvingSymlinksInPath().path
    }

    /// The folders of the sets still open, for `abandonAll`; a lock keeps a commit and a signal apart.
    private final class Registry: @unchecked Sendable {
        private let lock = NSRecursiveLock()
        private var folders: [ObjectIdentifier: [RunFolder]] = [:]
        private var abandoned = false

        func add(_ set: OutputSet) {
            lock.lock(); defer { lock.unlock() }
            folders[ObjectIdentifier(set)] = set.runs + (set.scratch.map { [$0] } ?? [])
        }
        func remove(_ set: OutputSet) {
            lock.lock(); defer { lock.unlock() }
            folders[ObjectIdentifier(set)] = nil
        }
        func whileHeld(_ body: () throws(AtomicWriteError) -> Void) throws(AtomicWriteError) {
            lock.lock(); defer { lock.unlock() }
            if abandoned { throw AtomicWriteError(path: "reports", reason: LocalizedText(en: "the run was interrupted", zh: "运行被中断")) }
            try body()
        }
        func abandonAll() {
            lock.lock(); defer { lock.unlock() }
            abandoned = true
            for runs in folders.values { for run in runs { run.close() } }
            folders = [:]
        }
    }
    private static let registry = Registry()
}

/// A file that could not be written: which, and why, in every language.
public struct AtomicWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    /// Why, in every language.
    public let why: LocalizedText

    init(path: String, reason: LocalizedText) {
        self.path = path
        self.why = reason
    }

    /// Why, in English.
    public var reason: String { why.en }

    public var description: String { description(in: .en) }

    /// The message in `language`.
    public func description(in language: Language) -> String {
        language.pick("cannot write \(path): \(why.en)", "无法写入 \(path)：\(why.zh)")
    }

    /// The system's own reason (`strerror`, an error's text): English, quoted in Chinese.
    static func system(_ reason: String) -> LocalizedText { LocalizedText(en: reason, zh: "“\(reason)”") }

    /// The system's reason for `errno` value `code`.
    static func system(_ code: Int32) -> LocalizedText { system(String(cString: strerror(code))) }
}
