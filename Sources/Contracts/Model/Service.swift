/// One of the backend services the frontend talks to: where it listens locally and behind a gateway.
public struct Service: Sendable, Hashable {
    public var name: String
    public var title: String
    /// The frontend's localhost default port.
    public var port: Int
    /// The gateway prefix (`/traction/api/v1`); endpoint paths are relative to it.
    public var prefix: String
    public var location: SourceLocation
}
