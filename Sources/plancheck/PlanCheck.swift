import ArgumentParser

/// The `plancheck` command: checks district plans against city goals written as rules.
struct PlanCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plancheck",
        abstract: "Check a district development plan against the goals of the city above it.",
        discussion: """
        plancheck reads Chinese development plans (text in UTF-8, UTF-16 or GB18030) and checks them \
        against city goals written as rules. Start by looking at what it understands of a plan:

          plancheck outline Samples/hetang-14th-five-year-plan.txt

        and, to write goals as rules, check a rule file:

          plancheck rules lint Rules/examples/tour/tour.rules

        Exit codes: 0 clean, 1 findings or warnings at the level asked for, 2 bad usage or unreadable input.
        Run 'plancheck help <subcommand>' for each command's options and examples.
        """,
        subcommands: [CheckCommand.self, OutlineCommand.self, Rules.self, ExtractCommand.self]
    )
}
