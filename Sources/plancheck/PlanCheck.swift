import ArgumentParser

/// The `plancheck` command: checks district plans against city goals written as rules.
struct PlanCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plancheck",
        abstract: "Check a district development plan against the goals of the city above it.",
        subcommands: [Rules.self]
    )
}
