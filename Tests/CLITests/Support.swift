import Foundation
import TestSupport

/// Runs the built `plancheck` executable and captures what it prints.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `plancheck` binary built beside the test bundle.
let plancheckBinary: URL = {
    let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for dir in [bundleDir, bundleDir.deletingLastPathComponent()] {
        let candidate = dir.appendingPathComponent("plancheck")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return bundleDir.appendingPathComponent("plancheck")
}()

func runPlancheck(_ arguments: [String], cwd: URL = repositoryRoot, environment: [String: String] = [:]) throws -> CLIRun {
    let p = Process()
    p.executableURL = plancheckBinary
    p.arguments = arguments
    p.currentDirectoryURL = cwd
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["SOURCE_DATE_EPOCH"] = nil
    // English unless a test asks otherwise, whatever the machine's locale and although the bundled rules
    // declare Chinese (`language zh`); a test that lets the rules or the locale choose passes PLANCHECK_LANG "".
    for name in ["LC_ALL", "LC_MESSAGES"] { env[name] = nil }
    env["PLANCHECK_LANG"] = "en"
    env["LANG"] = "C.UTF-8"
    env.merge(environment) { $1 }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read both pipes before waiting, and at once (stderr on another thread): read one after the other, a
    // child that fills the other pipe's buffer (64 KB of errors) would block, and the test with it.
    final class Box: @unchecked Sendable { var data = Data() }
    let e = Box(), group = DispatchGroup()
    DispatchQueue.global().async(group: group) { e.data = err.fileHandleForReading.readDataToEndOfFile() }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return CLIRun(status: p.terminationStatus,
                  stdout: String(decoding: o, as: UTF8.self),
                  stderr: String(decoding: e.data, as: UTF8.self))
}


/// A frozen rule set for tests that pin statuses (see Tests/Fixtures/README.md).
let fixtureRules = repositoryRoot.appendingPathComponent("Tests/Fixtures/Rules/zhuzhou/15th").path
