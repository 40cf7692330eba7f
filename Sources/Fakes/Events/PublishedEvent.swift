import Foundation
import JSON
import Synchronization

/// One event a behaviour published, as an SSE stream sends it.
public struct PublishedEvent: Sendable, Equatable {
    /// Increasing across the hub, so `Last-Event-ID` orders replay on every channel.
    public var id: Int
    public var name: String
    public var channel: String
    public var data: JSONValue
}
