import Contracts
import JSON

/// What a step (or a single-request case) must see.
public struct StepExpectation: Sendable {
    /// Any of these statuses is right; the first is the one reports name.
    public var statuses: [Int]
    /// JSON pointer → expected value (templated with the script's captures).
    public var body: [(pointer: JSONPointer, value: JSONValue)]
    /// Templates whose values must appear nowhere in the answer (another tenant's id, a marker).
    public var absent: [JSONValue]

    public init(statuses: [Int], body: [(pointer: JSONPointer, value: JSONValue)] = [], absent: [JSONValue] = []) {
        self.statuses = statuses
        self.body = body
        self.absent = absent
    }
}
