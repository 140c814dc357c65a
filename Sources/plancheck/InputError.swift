/// A problem with what the user gave plancheck (a file, a flag's value): reported as `error: …`, exit 2.
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
