import Contracts
import JSON

/// A request that passed routing, auth and validation: what a fake behaviour works from.
public struct FakeRequest: Sendable {
    public var endpoint: Endpoint
    public var pathParameters: [String: String]
    /// Query parameters, converted to the declared types, defaults applied.
    public var query: [String: JSONValue]
    /// Header values by lower-cased name.
    public var headers: [String: String]
    public var body: JSONValue?
    public var caller: Caller?

    public init(
        endpoint: Endpoint, pathParameters: [String: String] = [:], query: [String: JSONValue] = [:],
        headers: [String: String] = [:], body: JSONValue? = nil, caller: Caller? = nil
    ) {
        self.endpoint = endpoint
        self.pathParameters = pathParameters
        self.query = query
        self.headers = headers
        self.body = body
        self.caller = caller
    }
}
