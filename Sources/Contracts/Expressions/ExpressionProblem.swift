import JSON

/// Why an expression did not parse or check, and where in its text (a character offset).
public struct ExpressionProblem: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }
}
