// swift-tools-version:6.1
import PackageDescription

// The layers point one way:
//   Quantities ◄─┬─ DocumentModel (plan model + readers) ─┐
//                └─ RuleLanguage ─────────────────────────┴─► Alignment ─► Reports ─► plancheck (CLI)
let package = Package(
    name: "plancheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plancheck", targets: ["plancheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "Quantities"),
        .target(name: "DocumentModel", dependencies: ["Quantities"]),
        .target(name: "RuleLanguage", dependencies: ["Quantities"]),
        .target(name: "Alignment", dependencies: ["Quantities", "DocumentModel", "RuleLanguage"]),
        .target(name: "Reports", dependencies: ["Alignment"]),
        .executableTarget(
            name: "plancheck",
            dependencies: [
                "DocumentModel", "RuleLanguage", "Alignment", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The rule sets ship with the executable, so `plancheck check` works from any directory.
            resources: [.copy("../../Rules")]
        ),
        .testTarget(name: "QuantitiesTests", dependencies: ["Quantities"]),
        .testTarget(name: "DocumentModelTests", dependencies: ["DocumentModel"]),
        // Golden files are read through #filePath, not bundled.
        .testTarget(name: "RuleLanguageTests", dependencies: ["RuleLanguage"], exclude: ["Golden"]),
        .testTarget(name: "AlignmentTests", dependencies: ["Alignment", "DocumentModel", "RuleLanguage", "Quantities"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Alignment", "DocumentModel", "RuleLanguage"], exclude: ["Schemas"]),
        .testTarget(name: "CLITests", dependencies: ["plancheck"]),
    ],
    swiftLanguageModes: [.v6]
)
