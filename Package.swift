// swift-tools-version:6.1
import PackageDescription

// The layers point one way (Localization, the languages and vocabulary, sits below every layer that speaks):
//   Quantities ◄─┬─ DocumentModel (plan model + readers) ─┐
//                └─ RuleLanguage ─────────────────────────┴─► Alignment ─► Reports ─► PlancheckKit ─► plancheck (CLI)
// PlancheckKit is the check as a value (`CheckRequest`, `CheckRunner`) that every front end builds: the CLI,
// and other Swift programs through the library product.
// DocumentModel alone reads XML, HTML and .docx: through CLibXML2 (the system's libxml2) and CLibArchive (the
// system's libarchive, for the .docx zip; docs/docx-container.md). ZIPFoundation only writes zips in tests.
let package = Package(
    name: "plancheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plancheck", targets: ["plancheck"]),
        .library(name: "PlancheckKit", targets: ["PlancheckKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // SHA-256 for report hashes, with the processor's SHA instructions.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The languages plancheck speaks (zh, en) and its vocabulary, below every layer that speaks to people.
        .target(name: "Localization"),
        .target(name: "Quantities", dependencies: ["Localization"]),
        // libxml2 from the system (Debian: libxml2-dev); .ci/run installs it when missing.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // libarchive from the system (Debian: libarchive-dev); .ci/run installs it when missing.
        .systemLibrary(name: "CLibArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .target(name: "DocumentModel", dependencies: ["Quantities", "Localization", "CLibXML2", "CLibArchive"]),
        .target(name: "RuleLanguage", dependencies: ["Quantities", "Localization"]),
        .target(name: "Alignment", dependencies: ["Quantities", "DocumentModel", "RuleLanguage", "Localization"]),
        .target(name: "Reports", dependencies: [
            "Alignment", "DocumentModel", "RuleLanguage", "Quantities", "Localization",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(
            name: "PlancheckKit",
            dependencies: ["DocumentModel", "RuleLanguage", "Alignment", "Reports", "Localization"],
            // The rule sets ship with the library, so a check works from any directory.
            resources: [.copy("../../Rules")]
        ),
        .executableTarget(
            name: "plancheck",
            dependencies: [
                "DocumentModel", "RuleLanguage", "Alignment", "Reports", "PlancheckKit", "Localization",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets, one per input surface, in one executable (fuzz/run.sh; a plain build links a
        // do-nothing binary). PLANCHECK_FUZZ_TARGET picks the target.
        .executableTarget(
            name: "plancheck-fuzz",
            dependencies: ["DocumentModel", "RuleLanguage", "Alignment", "Reports"],
            path: "fuzz/Sources/plancheck-fuzz"
        ),
        // What several test targets share: the repository's root, temporary folders, a seeded generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "QuantitiesTests", dependencies: ["Quantities", "Localization", "TestSupport"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization", "TestSupport"]),
        .testTarget(name: "DocumentModelTests", dependencies: [
            "DocumentModel", "Quantities", "Localization", "CLibXML2", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // Golden files are read through #filePath, not bundled.
        .testTarget(name: "RuleLanguageTests", dependencies: ["RuleLanguage", "Localization", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "AlignmentTests", dependencies: ["Alignment", "DocumentModel", "RuleLanguage", "Quantities", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Alignment", "DocumentModel", "RuleLanguage", "Localization", "TestSupport"],
                    exclude: ["Schemas"]),
        // The runner in process, beside CLITests' runs of the binary.
        .testTarget(name: "PlancheckKitTests", dependencies: ["PlancheckKit", "Reports", "RuleLanguage", "Localization", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: [
            "plancheck", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
