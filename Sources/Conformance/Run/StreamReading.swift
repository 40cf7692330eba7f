import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What a stream sent while it was read: its events, and the heartbeat comments that came after its head.
public struct StreamReading: Sendable {
    public var events: [ServerSentEvent] = []
    public var heartbeats = 0
    public init(events: [ServerSentEvent] = [], heartbeats: Int = 0) {
        self.events = events
        self.heartbeats = heartbeats
    }
}
