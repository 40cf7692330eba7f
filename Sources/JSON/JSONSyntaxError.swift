import OrderedCollections

/// Why a JSON text could not be parsed, and where: what a 400 answer and a divergence report say.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Zero-based byte offset of the problem.
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { "\(message) at line \(line), column \(column) (byte \(offset))" }
}
