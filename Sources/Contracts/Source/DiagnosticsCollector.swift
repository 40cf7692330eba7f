/// Gathers every problem of a load instead of stopping at the first, as `lint` promises.
public final class DiagnosticsCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, at: location, message))
    }

    public func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Takes over problems gathered elsewhere (a file parsed on another thread).
    public func append(contentsOf others: [Diagnostic]) {
        diagnostics.append(contentsOf: others)
    }

    /// Sorted by file, line and column, duplicates removed.
    public var sorted: [Diagnostic] { Array(Set(diagnostics)).sorted() }
}
