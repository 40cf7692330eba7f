import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import NIOCore

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
