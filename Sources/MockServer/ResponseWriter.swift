import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

/// Turns fake answers into HTTP responses: JSON bodies, files, and event streams.
enum ResponseWriter {
    /// `style` says how a stream's events go out: what the endpoint promises (`stream:`), bent by
    /// `serve --mutate` where the plan says.
    static func render(_ response: FakeResponse, engine: FakeEngine?, style: StreamStyle = StreamStyle()) -> Response {
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
            guard let engine else { return Response(status: .internalServerError) }
            let subscription = engine.events.subscribe(channel: channel, after: style.replay ? lastEventID.flatMap { Int($0) } : nil)
            return Response(status: status, headers: fields, body: EventStreamBody.make(subscription, heartbeat: style.heartbeat ?? .seconds(15), style: style))
        }
    }

    /// The error envelope with its status (and `Retry-After`-style headers a refusal carries).
    static func error(_ error: FakeError, in envelope: EnvelopeConventions) -> Response {
        render(error.response(in: envelope), engine: nil)
    }
}

/// How a stream's events go out: ids, replay and heartbeat as the endpoint promises; renamed or
/// stripped of ids by `serve --mutate`.
struct StreamStyle: Sendable {
    var ids = true
    var replay = true
    /// The interval between heartbeats; nil: 15 s.
    var heartbeat: Duration?
    /// `rename-event`: each event goes out as `NAME.renamed`.
    var renaming = false

    init(ids: Bool = true, replay: Bool = true, heartbeat: Duration? = nil, renaming: Bool = false) {
        self.ids = ids
        self.replay = replay
        self.heartbeat = heartbeat
        self.renaming = renaming
    }

    /// As the endpoint promises. A promised heartbeat interval is an upper bound: the mock beats at
    /// a third of it, so no client ever waits it out; `serve --heartbeat` overrides it.
    init(promise: StreamPromise?, serverHeartbeat: Duration?) {
        self.init(ids: promise?.ids ?? true, replay: promise?.replay ?? true,
                  heartbeat: serverHeartbeat ?? promise?.heartbeat.map { .seconds(max(1, $0 / 3)) })
    }
}

/// A server-sent-event body: replayed events first, then live ones, with comment heartbeats.
/// It ends when the client goes away (a write fails) or the hub closes the subscription.
enum EventStreamBody {
    static func make(_ subscription: EventHub.Subscription, heartbeat: Duration, style: StreamStyle = StreamStyle()) -> ResponseBody {
        ResponseBody { writer in
            let (output, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(1024))
            continuation.yield(ByteBuffer(string: ": connected\nretry: 3000\n\n"))
            for event in subscription.replay { continuation.yield(encode(event, style: style)) }
            let forward = Task {
                for await event in subscription.events { continuation.yield(encode(event, style: style)) }
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

    static func encode(_ event: PublishedEvent, style: StreamStyle = StreamStyle()) -> ByteBuffer {
        ByteBuffer(string: "\(style.ids ? "id: \(event.id)\n" : "")event: \(event.name)\(style.renaming ? ".renamed" : "")\ndata: \(event.data.jsonString())\n\n")
    }
}
