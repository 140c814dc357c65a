import Foundation
import Localization
#if canImport(Glibc)
import Glibc
#endif

/// One run's folder inside a work folder (`<dir>/.plancheck-work/run-<pid>-<nonce>`), locked while the run
/// lives. The lock is flock(2) on the folder's own descriptor: no lock file, and the kernel drops it when
/// the process dies however it dies, which is how a later run tells a dead run's leftovers from a live one.
final class RunFolder: @unchecked Sendable {
    /// The work folder's name in a destination's directory.
    static let workName = ".plancheck-work"
    /// The file in a run folder that lists the names it will write in the directory, one a line.
    static let claimsName = ".claims"

    let path: String
    private let work: String
    private var fd: Int32
    private let lock = NSLock()

    private init(path: String, work: String, fd: Int32) {
        self.path = path
        self.work = work
        self.fd = fd
    }

    /// Makes this run's folder in `dir`'s work folder after removing dead runs' folders there. Throws when
    /// a live run claims one of `names` (file names in `dir`; `shown` spells each as the user gave it), or
    /// when the folder cannot be written.
    static func open(in dir: String, workName: String, claiming names: [String], shown: [String] = []) throws(AtomicWriteError) -> RunFolder {
        let work = (dir as NSString).appendingPathComponent(workName)
        let shownPath = shown.first ?? dir
        let workLock = try lockWorkFolder(work, shownPath: shownPath)
        defer { Glibc.close(workLock) }
        // Under the work folder's lock: no other run sweeps, makes or removes a run folder meanwhile.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: work)) ?? [] where entry.hasPrefix("run-") {
            let other = (work as NSString).appendingPathComponent(entry)
            let ofd = Glibc.open(other, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if ofd < 0 { continue }
            defer { Glibc.close(ofd) }
            if flock(ofd, LOCK_EX | LOCK_NB) == 0 {
                try? FileManager.default.removeItem(atPath: other)   // its run is dead: flock was free
                continue
            }
            let claims = (try? String(contentsOfFile: (other as NSString).appendingPathComponent(claimsName), encoding: .utf8)) ?? ""
            let taken = Set(claims.split(separator: "\n").map(String.init))
            if let i = names.firstIndex(where: taken.contains) {
                let process = entry.split(separator: "-").dropFirst().first
                let pid = process.map { " (process \($0))" } ?? ""
                throw AtomicWriteError(path: i < shown.count ? shown[i] : (dir as NSString).appendingPathComponent(names[i]),
                                       reason: LocalizedText(
                                           en: "is being written by another plancheck run\(pid); wait for it to finish, or write elsewhere",
                                           zh: "正被另一次运行写入\(process.map { "（进程 \($0)）" } ?? "")；请等它结束，或写到别处"))
            }
        }
        let nonce = String(UInt64.random(in: 0 ... .max), radix: 16)
        let path = (work as NSString).appendingPathComponent("run-\(getpid())-\(nonce)")
        guard mkdir(path, 0o700) == 0 else { throw AtomicWriteError(path: shownPath, reason: cannotWrite(in: dir, errno)) }
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw AtomicWriteError(path: shownPath, reason: LocalizedText(en: "cannot lock \(path)", zh: "无法锁定 \(path)"))
        }
        let run = RunFolder(path: path, work: work, fd: fd)
        if !names.isEmpty {
            let failure = writeFile((path as NSString).appendingPathComponent(claimsName), Data(names.joined(separator: "\n").utf8))
            if failure != 0 {
                run.close()
                throw AtomicWriteError(path: shownPath, reason: cannotWrite(in: dir, failure))
            }
        }
        return run
    }

    /// Removes the folder and what is in it, then the work folder if no other run is left in it.
    func close() {
        lock.lock(); defer { lock.unlock() }
        guard fd >= 0 else { return }
        let workLock = try? RunFolder.lockWorkFolder(work, shownPath: work)
        try? FileManager.default.removeItem(atPath: path)
        Glibc.close(fd)
        fd = -1
        if let workLock {
            rmdir(work)   // fails, as it should, while another run's folder is in it
            Glibc.close(workLock)
        }
    }

    /// Writes `data` to a new file at `path` (truncating one that is there); returns 0 or the errno.
    /// Not `FileManager.createFile`, which writes through a `.dat.nosync…` file of its own.
    static func writeFile(_ path: String, _ data: Data) -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return errno }
        defer { Glibc.close(fd) }
        return data.withUnsafeBytes { b -> Int32 in
            var done = 0
            while done < b.count {
                let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 { if errno == EINTR { continue }; return errno }
                done += n
            }
            return 0
        }
    }

    /// Why nothing can be written in `dir`: the system's reason for `errno` value `code`.
    private static func cannotWrite(in dir: String, _ code: Int32) -> LocalizedText {
        LocalizedText(en: "cannot write in \(dir): ", zh: "无法在 \(dir) 中写入：") + AtomicWriteError.system(code)
    }

    /// Makes (if needed) and locks the work folder; returns its descriptor, to be closed to unlock.
    private static func lockWorkFolder(_ work: String, shownPath: String) throws(AtomicWriteError) -> Int32 {
        // The folder can be removed by the run that leaves it last between our mkdir and our lock: then the
        // descriptor names a removed folder, and we try again.
        for _ in 0 ..< 100 {
            if mkdir(work, 0o755) != 0 && errno != EEXIST {
                throw AtomicWriteError(path: shownPath, reason: cannotWrite(in: (work as NSString).deletingLastPathComponent, errno))
            }
            let fd = Glibc.open(work, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd < 0 { continue }
            if flock(fd, LOCK_EX) != 0 {
                Glibc.close(fd)
                throw AtomicWriteError(path: shownPath, reason: LocalizedText(en: "cannot lock \(work): ", zh: "无法锁定 \(work)：") + AtomicWriteError.system(errno))
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(work, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                return fd
            }
            Glibc.close(fd)
        }
        throw AtomicWriteError(path: shownPath, reason: LocalizedText(en: "cannot lock \(work)", zh: "无法锁定 \(work)"))
    }
}
