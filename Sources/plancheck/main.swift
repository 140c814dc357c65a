import ArgumentParser
import Foundation

// Exit codes are part of the interface: 0 clean, 1 findings or warnings, 2 bad usage or bad input.
// ArgumentParser's own usage errors would exit 64; plancheck promises 2.
do {
    var command = try PlanCheck.parseAsRoot()
    try command.run()
} catch let e as InputError {
    FileHandle.standardError.write(Data("plancheck: error: \(e.message)\n".utf8))
    exit(2)
} catch let e as ExitCode {
    exit(e.rawValue)
} catch {
    let code = PlanCheck.exitCode(for: error)
    if code == .success {
        print(PlanCheck.fullMessage(for: error))
        exit(0)
    }
    FileHandle.standardError.write(Data((PlanCheck.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
