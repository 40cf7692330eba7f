import Contracts
import Foundation
import JSON
import Synchronization

/// Every secret seen in a run (passwords, tokens, captured tokens), shared by all sessions, for redaction.
public final class SecretBook: Sendable {
    private let values = Mutex<Set<String>>([])
    public init() {}
    public func insert(_ secret: String) { values.withLock { _ = $0.insert(secret) } }
    public var all: Set<String> { values.withLock { $0 } }
}
