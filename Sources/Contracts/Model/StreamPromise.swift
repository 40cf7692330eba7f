import JSON

/// What a `text/event-stream` endpoint promises its clients (`stream:` in the contract); `serve`
/// keeps the promise and `verify` checks it.
///
/// ```yaml
/// stream: { ids: true, replay: true, heartbeat: 15 }
/// ```
public struct StreamPromise: Sendable, Equatable {
    /// Every event carries an `id:`, increasing within a stream.
    public var ids: Bool
    /// After a reconnect with `Last-Event-ID`, the retained events after that id are sent first.
    public var replay: Bool
    /// Seconds between heartbeat comments at the most; nil when none are promised.
    public var heartbeat: Int?

    public init(ids: Bool = true, replay: Bool = false, heartbeat: Int? = nil) {
        self.ids = ids
        self.replay = replay
        self.heartbeat = heartbeat
    }
}
