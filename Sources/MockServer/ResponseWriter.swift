import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

/// Turns fake answers into HTTP responses: JSON bodies, files, and event streams.
enum ResponseWriter {
    /// `renamingEvents` is `serve --mutate`'s `rename-event`: each event goes out as `NAME.renamed`.
    static func render(_ response: FakeResponse, engine: FakeEngine, heartbeat: Duration, renamingEvents: Bool = false) -> Response {
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        let status = HTTPResponse.Status(code: response.status)
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
            let subscription = engine.events.subscribe(channel: channel, after: lastEventID.flatMap { Int($0) })
            return Response(status: status, headers: fields, body: EventStreamBody.make(subscription, heartbeat: heartbeat, renaming: renamingEvents))
        }
    }

    /// The error envelope with its status (and `Retry-After`-style headers a refusal carries).
    static func error(_ error: FakeError) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        for (name, value) in error.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: error.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: error.envelope.encoded())))
    }
}

/// A server-sent-event body: replayed events first, then live ones, with comment heartbeats.
/// It ends when the client goes away (a write fails) or the hub closes the subscription.
enum EventStreamBody {
    static func make(_ subscription: EventHub.Subscription, heartbeat: Duration, renaming: Bool = false) -> ResponseBody {
        ResponseBody { writer in
            let (output, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(1024))
            continuation.yield(ByteBuffer(string: ": connected\nretry: 3000\n\n"))
            for event in subscription.replay { continuation.yield(encode(event, renaming: renaming)) }
            let forward = Task {
                for await event in subscription.events { continuation.yield(encode(event, renaming: renaming)) }
                continuation.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: heartbeat)
                    continuation.yield(ByteBuffer(string: ": heartbeat\n\n"))
                }
            }
            defer {
                forward.cancel()
                beat.cancel()
            }
            do {
                for await chunk in output { try await writer.write(chunk) }
                try await writer.finish(nil)
            } catch {
                // The client went away: the deferred cancellation unsubscribes.
            }
        }
    }

    static func encode(_ event: PublishedEvent, renaming: Bool = false) -> ByteBuffer {
        ByteBuffer(string: "id: \(event.id)\nevent: \(event.name)\(renaming ? ".renamed" : "")\ndata: \(event.data.jsonString())\n\n")
    }
}
