/// A place in a contract or fixture file, for messages a person can jump to.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file path as given to the loader (relative paths stay relative, for short messages).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the contracts or fixtures, rendered as `path:line:col: error: message`.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.message) < (b.location, b.message)
    }
}

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
