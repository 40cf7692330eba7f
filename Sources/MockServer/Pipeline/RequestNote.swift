import Synchronization

/// What the request log shows beside status and time: the endpoint the request reached, the
/// field errors it was refused with, the closest route of a miss — and, only while a dashboard
/// watches the feed, the request body. Written by the inner stages, read once by the log.
final class RequestNote: Sendable {
    struct Content: Sendable {
        var endpointID: String?
        var fieldErrors: [String: String] = [:]
        var closest: String?
        var body: [UInt8]?
    }

    private let content = Mutex(Content())
    /// Set by the log stage when the feed has a subscriber: the stages keep the body then.
    private let capturing = Atomic<Bool>(false)

    var current: Content { content.withLock { $0 } }

    var isCapturing: Bool { capturing.load(ordering: .relaxed) }

    func capture() { capturing.store(true, ordering: .relaxed) }

    func reached(_ endpointID: String) { content.withLock { $0.endpointID = endpointID } }

    func refused(_ fieldErrors: [String: String]) {
        guard !fieldErrors.isEmpty else { return }
        content.withLock { $0.fieldErrors = fieldErrors }
    }

    func missed(closest: String?) {
        guard let closest else { return }
        content.withLock { $0.closest = closest }
    }

    func read(body: [UInt8]) { content.withLock { $0.body = body } }
}
