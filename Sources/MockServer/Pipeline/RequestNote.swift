import Synchronization

/// What the request log shows beside status and time: the endpoint the request reached and the
/// field errors it was refused with. Written by the inner stages, read once by the log.
final class RequestNote: Sendable {
    struct Content: Sendable {
        var endpointID: String?
        var fieldErrors: [String: String] = [:]
    }

    private let content = Mutex(Content())

    var current: Content { content.withLock { $0 } }

    func reached(_ endpointID: String) { content.withLock { $0.endpointID = endpointID } }

    func refused(_ fieldErrors: [String: String]) {
        guard !fieldErrors.isEmpty else { return }
        content.withLock { $0.fieldErrors = fieldErrors }
    }
}
