import Foundation
import Synchronization

/// Where durable state goes (`--state FILE`): SQLite today, PostgreSQL for shared replicas later.
///
/// Implementations apply change sets in the order given, each atomically; reads never come here
/// (the in-memory state answers them).
public protocol StatePersistence: Sendable {
    /// Applies one batch of change sets as a single transaction.
    func apply(_ batch: [StateChangeSet]) async throws
}
