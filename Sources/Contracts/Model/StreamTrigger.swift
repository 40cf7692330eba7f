import JSON
import JSONSchema

/// The request that makes a stream publish `event`: `verify` opens the stream, sends it, and expects
/// the event. Path values are templates over the stream's own (`{{path.goalId}}`); those not given
/// come from the fixtures, and the body defaults to the called endpoint's example.
public struct StreamTrigger: Sendable {
    public var call: String
    public var path: [String: String]
    public var body: JSONValue?
    public var event: String
}
