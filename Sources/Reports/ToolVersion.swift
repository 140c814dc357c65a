/// plancheck's version: `plancheck --version` and the SARIF report's `tool.driver.version` say it. Bumped with an
/// entry in CHANGELOG.md (a test keeps the two the same).
public enum ToolVersion {
    public static let current = "0.1.0"
}
