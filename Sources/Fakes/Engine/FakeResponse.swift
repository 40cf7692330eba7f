import Contracts
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

    /// A success answer around `value` (nil: no data) in the declared envelope.
    public static func data(_ value: JSONValue?, status: Int = 200, in envelope: EnvelopeConventions) -> FakeResponse {
        .json(envelope.success(value), status: status)
    }

    public var jsonBody: JSONValue? { if case .json(let value) = body { value } else { nil } }
}
