import Foundation

// libFuzzer entry for every fuzz target (fuzz/run.sh): PLANCHECK_FUZZ_TARGET picks which one runs.
// One executable, not one per target, so a plain `swift build` links one do-nothing binary, not ten.

/// Chooses the target and makes what it needs once, so that no input is charged for it.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    selectedTarget.prepare()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
