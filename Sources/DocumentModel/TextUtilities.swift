extension String {
    /// The text cut to at most `n` characters, with `…` marking the cut: for quoting sentences in one line.
    public func clipped(_ n: Int) -> String { count <= n ? self : String(prefix(max(0, n - 1))) + "…" }
}
