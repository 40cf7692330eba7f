import Foundation
import JSON
import Synchronization

/// Fans events out to the streams subscribed to a channel, keeping a bounded replay buffer per
/// channel for reconnects. Publishing never waits for a subscriber: a slow reader loses its
/// oldest undelivered events rather than stalling writers.
public final class EventHub: Sendable {
    public struct Subscription: Sendable {
        /// Events after the requested `Last-Event-ID` still in the buffer, oldest first.
        public var replay: [PublishedEvent]
        public var events: AsyncStream<PublishedEvent>
    }

    private struct State {
        var nextID = 1
        var buffers: [String: [PublishedEvent]] = [:]
        var subscribers: [String: [UUID: AsyncStream<PublishedEvent>.Continuation]] = [:]
    }

    private let state = Mutex(State())
    public let replayLimit: Int
    public let subscriberBuffer: Int

    public init(replayLimit: Int = 256, subscriberBuffer: Int = 1024) {
        self.replayLimit = replayLimit
        self.subscriberBuffer = subscriberBuffer
    }

    /// Publishes an event on each channel (for example `goal:<id>` and `tenant:<id>`).
    @discardableResult
    public func publish(name: String, data: JSONValue, channels: [String]) -> Int {
        state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            for channel in channels {
                let event = PublishedEvent(id: id, name: name, channel: channel, data: data)
                state.buffers[channel, default: []].append(event)
                if state.buffers[channel]!.count > replayLimit { state.buffers[channel]!.removeFirst() }
                for continuation in state.subscribers[channel, default: [:]].values { continuation.yield(event) }
            }
            return id
        }
    }

    /// Subscribes to a channel; the stream ends when the consumer stops iterating or `close` runs.
    public func subscribe(channel: String, after lastEventID: Int?) -> Subscription {
        let (stream, continuation) = AsyncStream<PublishedEvent>.makeStream(bufferingPolicy: .bufferingNewest(subscriberBuffer))
        let token = UUID()
        let replay = state.withLock { state -> [PublishedEvent] in
            state.subscribers[channel, default: [:]][token] = continuation
            guard let lastEventID else { return [] }
            return state.buffers[channel, default: []].filter { $0.id > lastEventID }
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.subscribers[channel]?[token] = nil
                if state.subscribers[channel]?.isEmpty == true { state.subscribers[channel] = nil }
            }
        }
        return Subscription(replay: replay, events: stream)
    }

    /// Every channel with events or subscribers: its subscriber count and its newest events
    /// (at most `limit`), newest last — what the dashboard's Streams view shows.
    public func channels(recent limit: Int = 10) -> [(channel: String, subscribers: Int, recent: [PublishedEvent])] {
        state.withLock { state in
            Set(state.buffers.keys).union(state.subscribers.keys).sorted().map { channel in
                (channel, state.subscribers[channel]?.count ?? 0, Array((state.buffers[channel] ?? []).suffix(limit)))
            }
        }
    }

    public var subscriberCount: Int { state.withLock { $0.subscribers.values.reduce(0) { $0 + $1.count } } }

    /// Ends every stream (shutdown, scenario switch) and forgets the buffers.
    public func reset() {
        let continuations = state.withLock { state -> [AsyncStream<PublishedEvent>.Continuation] in
            let all = state.subscribers.values.flatMap(\.values)
            state.subscribers = [:]
            state.buffers = [:]
            return all
        }
        continuations.forEach { $0.finish() }
    }
}
