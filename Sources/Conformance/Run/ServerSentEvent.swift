/// One server-sent event as a client sees it.
public struct ServerSentEvent: Sendable, Equatable {
    public var id: String?
    /// `message` when the server sent no `event:` line, as EventSource does.
    public var name: String
    public var data: String

    public init(id: String? = nil, name: String = "message", data: String) {
        self.id = id
        self.name = name
        self.data = data
    }
}
