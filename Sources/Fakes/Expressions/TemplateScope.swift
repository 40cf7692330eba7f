import Foundation
import JSON

/// The values a contract template may name: the request, the record a behaviour produced, the caller.
public struct TemplateScope: Sendable {
    public var path: [String: String] = [:]
    public var query: [String: JSONValue] = [:]
    public var headers: [String: String] = [:]
    public var body: JSONValue?
    public var record: JSONValue?
    public var tenantID: String?
    public var userID: String?
    public var userEmail: String?
    public var now: Date
    /// Names a builtin adds for its own templates (`scan.host`).
    public var extra: [String: JSONValue] = [:]

    public init(now: Date) { self.now = now }

    /// The scope of a request, before any record exists.
    public init(request: FakeRequest, now: Date) {
        self.now = now
        path = request.pathParameters
        query = request.query
        headers = request.headers
        body = request.body
        tenantID = request.caller?.tenantID
        userID = request.caller?.userID
        userEmail = request.caller?.email
    }
}
