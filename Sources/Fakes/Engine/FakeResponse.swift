import JSON
import NIOCore

/// What a fake answers; the server turns it into HTTP.
public struct FakeResponse: Sendable {
    public enum Body: Sendable {
        case json(JSONValue)
        case bytes([UInt8], contentType: String)
        /// A server-sent-event stream of a channel, replaying after `lastEventID`.
        case stream(channel: String, lastEventID: String?)
        case empty
    }

    public var status: Int
    /// Changing the body drops `encodedBody`, so the two never disagree.
    public var body: Body { didSet { encodedBody = nil } }
    public var headers: [(String, String)]
    /// The JSON body already encoded (cached answers), so it is not encoded or copied again per
    /// request: a `ByteBuffer` is shared by every response that sends it.
    public var encodedBody: ByteBuffer?

    public init(status: Int = 200, body: Body, headers: [(String, String)] = []) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> FakeResponse {
        FakeResponse(status: status, body: .json(value))
    }

    /// `{success: true, data: …}`.
    public static func data(_ value: JSONValue, status: Int = 200) -> FakeResponse {
        .json(["success": true, "data": value], status: status)
    }

    /// `{success: true}`.
    public static let success = FakeResponse.json(["success": true])

    public var jsonBody: JSONValue? { if case .json(let value) = body { value } else { nil } }
}
