import Foundation
import JSON
import Synchronization

/// The request log as it happens, for the dashboard (`GET /__understudy/requests/feed`, SSE).
///
/// Off the request's way: a request hands its entry to each subscriber's bounded buffer and goes
/// on (an entry that does not fit is dropped and counted); the JSON is written by the
/// subscriber's own stream. With no subscriber, a request pays one atomic load.
final class RequestFeed: Sendable {
    enum Item: Sendable {
        case entry(RequestLog.Entry)
        /// Every few seconds: how many entries were dropped so far (and a way to notice a
        /// subscriber that has gone).
        case tick(dropped: Int)
    }

    private let subscribers = Mutex<[UUID: AsyncStream<Item>.Continuation]>([:])
    private let watched = Atomic<Int>(0)
    private let droppedCount = Atomic<Int>(0)
    let buffer: Int

    init(buffer: Int = 256) { self.buffer = buffer }

    var isWatched: Bool { watched.load(ordering: .relaxed) > 0 }
    var dropped: Int { droppedCount.load(ordering: .relaxed) }
    var subscriberCount: Int { watched.load(ordering: .relaxed) }

    func publish(_ entry: RequestLog.Entry) {
        let targets = subscribers.withLock { Array($0.values) }
        for continuation in targets {
            if case .dropped = continuation.yield(.entry(entry)) { droppedCount.add(1, ordering: .relaxed) }
        }
    }

    /// A subscription that ends when the stream is dropped.
    func subscribe(tick: Duration = .seconds(5)) -> AsyncStream<Item> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingNewest(buffer))
        let ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                continuation.yield(.tick(dropped: self?.dropped ?? 0))
            }
        }
        continuation.onTermination = { [weak self] _ in
            ticker.cancel()
            guard let self else { return }
            self.subscribers.withLock { _ = $0.removeValue(forKey: id) }
            self.watched.subtract(1, ordering: .relaxed)
        }
        subscribers.withLock { $0[id] = continuation }
        watched.add(1, ordering: .relaxed)
        return stream
    }
}
