import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

/// Turns fake answers into HTTP responses: JSON bodies, files, and event streams.
public enum ResponseWriter {
    /// `style` says how a stream's events go out: what the endpoint promises (`stream:`), bent by
    /// `serve --mutate` where the plan says.
    static func render(_ response: FakeResponse, engine: FakeEngine?, style: StreamStyle = StreamStyle()) -> Response {
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        let status = HTTPResponse.Status(code: response.status)
        // 204, 304 and 1xx answers have no body (RFC 9110 §15): one written anyway would be read as
        // the start of the next answer on a kept-alive connection.
        if response.status == 204 || response.status == 304 || (100..<200).contains(response.status) {
            return Response(status: status, headers: fields)
        }
        switch response.body {
        case .json(let value):
            fields[.contentType] = "application/json; charset=utf-8"
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: response.encodedBody ?? ByteBuffer(bytes: value.encoded())))
        case .bytes(let bytes, let contentType):
            fields[.contentType] = contentType
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .empty:
            return Response(status: status, headers: fields)
        case .stream(let channel, let lastEventID):
            fields[.contentType] = "text/event-stream"
            fields[.cacheControl] = "no-cache"
            fields[.connection] = "keep-alive"
            guard let engine else { return Response(status: .internalServerError) }
            let subscription = engine.events.subscribe(channel: channel, after: style.replay ? lastEventID.flatMap { Int($0) } : nil)
            return Response(status: status, headers: fields, body: EventStreamBody.make(subscription, heartbeat: style.heartbeat ?? .seconds(15), style: style))
        }
    }

    /// The error envelope with its status (and `Retry-After`-style headers a refusal carries).
    /// A non-stream answer (JSON, bytes, empty) as a response, for routes outside the contracts
    /// (the admin API, the proxy's own routes).
    public static func render(_ response: FakeResponse) -> Response { render(response, engine: nil) }

    public static func error(_ error: FakeError, in envelope: EnvelopeConventions) -> Response {
        render(error.response(in: envelope), engine: nil)
    }
}
