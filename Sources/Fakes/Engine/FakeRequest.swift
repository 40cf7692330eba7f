import Contracts
import JSON

/// Who is calling: established from the access token before a behaviour runs.
public struct Caller: Sendable, Equatable {
    public var userID: String
    public var tenantID: String
    public var email: String
    public var roles: [String]
    public var sessionID: String

    public init(userID: String, tenantID: String, email: String, roles: [String], sessionID: String) {
        self.userID = userID
        self.tenantID = tenantID
        self.email = email
        self.roles = roles
        self.sessionID = sessionID
    }
}

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
