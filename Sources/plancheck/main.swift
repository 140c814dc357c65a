import ArgumentParser
import Foundation
import Localization
import Reports
#if canImport(Glibc)
import Glibc

// A check reads plan after plan, each into arrays of several megabytes. glibc maps blocks that large
// afresh and unmaps them when freed, so every plan faults its pages in again (up to 5% of a run, more or
// less depending on the kernel's huge pages). Kept on the heap, the next plan reuses them; the peak is
// still set by the largest plan. `mallopt` is not in the Glibc module (malloc.h), hence dlsym.
if let f = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {   // RTLD_DEFAULT
    let mallopt = unsafeBitCast(f, to: (@convention(c) (Int32, Int32) -> Int32).self)
    _ = mallopt(-3, 32 << 20)   // M_MMAP_THRESHOLD: the largest glibc allows
    _ = mallopt(-1, 64 << 20)   // M_TRIM_THRESHOLD: keep freed memory for the next plan
}
#endif

// A run stopped by Ctrl-C or a kill removes its staged reports before it goes, and the reports it was
// replacing stay as they were. (kill -9 cannot be caught: the next run in that folder removes them.)
let signalSources = [SIGINT, SIGTERM, SIGHUP].map { sig -> DispatchSourceSignal in
    signal(sig, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
    source.setEventHandler {
        OutputSet.abandonAll()
        _exit(128 + sig)
    }
    source.resume()
    return source
}

// Exit codes are part of the interface: 0 clean, 1 findings or warnings, 2 bad usage or bad input.
// ArgumentParser's own usage errors would exit 64; plancheck promises 2.
// An input error is printed in the run's language: the one it was made in when known, else what the command
// line, the environment and the rules loaded so far say (`errorLanguage`).
var parsed: (any ParsableCommand)?
do {
    var command = try PlanCheck.parseAsRoot()
    parsed = command
    try command.run()
} catch let e as InputError {
    let language = e.language ?? errorLanguage(asked: (parsed as? any AsksLanguage)?.lang)
    FileHandle.standardError.write(Data("plancheck: \(language.pick("error: ", "错误："))\(e.text.text(language))\n".utf8))
    exit(2)
} catch let e as ExitCode {
    exit(e.rawValue)
} catch {
    let code = PlanCheck.exitCode(for: error)
    if code == .success {
        print(localizedHelp(PlanCheck.fullMessage(for: error)))
        exit(0)
    }
    FileHandle.standardError.write(Data((localizedHelp(PlanCheck.fullMessage(for: error)) + "\n").utf8))
    exit(2)
}
