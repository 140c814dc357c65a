import Foundation

// libFuzzer entry for every fuzz target (fuzz/run.sh): PLANCHECK_FUZZ_TARGET picks which one runs.
// One executable, not one per target, so a plain `swift build` links one do-nothing binary, not ten.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
