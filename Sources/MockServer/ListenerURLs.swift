import Synchronization

/// Where each listener answers once bound (port 0 picks a free one): what the dashboard's "Send"
/// calls. Empty until `MockServer.run` has bound them (tests driving an application in-process).
final class ListenerURLs: Sendable {
    struct Bound: Sendable {
        var name: String
        var url: String
        var service: String?
    }

    private let bound = Mutex<[Bound]>([])

    var all: [Bound] { bound.withLock { $0 } }

    func set(_ urls: [Bound]) { bound.withLock { $0 = urls } }
}
