import Contracts
import JSON

/// One HTTP request as planned: path already expanded, values already templated.
public struct PlannedRequest: Sendable {
    public var method: HTTPMethod
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: JSONValue?
    public var identity: Identity

    public init(
        method: HTTPMethod, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: JSONValue? = nil, identity: Identity = .primary
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.identity = identity
    }
}
