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

extension Date {
    /// RFC 3339 with seconds and `Z`, as the contracts' timestamps are written (`2025-10-17T16:00:00Z`).
    /// Computed by hand from the civil calendar: it stamps every created record and health answer.
    public var rfc3339: String {
        let seconds = timeIntervalSince1970
        guard seconds.isFinite else { return formatted(.iso8601) }
        let whole = Int(seconds.rounded(.down))
        let day = CalendarDay(ordinal: Int((Double(whole) / 86_400).rounded(.down)))
        let second = whole - day.ordinal * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(day.iso)T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }
}
