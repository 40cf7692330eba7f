import Synchronization

/// The one place fake state lives: every read and write goes through here, under one lock.
///
/// Behaviours run their whole read-check-write inside `mutate`, so concurrent requests never see
/// half-applied changes. The closures are short and synchronous (no I/O, no awaits), and they
/// check everything before they write: a behaviour throws before its first change, never after,
/// which keeps writes in place (no copy of the state per request).
///
/// With durable state, each write's changes are handed, in order, to a `PersistenceQueue`;
/// `flush()` waits until they are committed, so a client is answered only after its write is safe.
public final class StateStore: Sendable {
    private let state: Mutex<FakeState>
    let persistence: PersistenceQueue?

    public init(_ initial: FakeState, persistence: (any StatePersistence)? = nil) {
        var initial = initial
        initial.clearJournals()
        state = Mutex(initial)
        self.persistence = persistence.map(PersistenceQueue.init)
    }

    public func read<T: Sendable>(_ body: (borrowing FakeState) -> T) -> T {
        state.withLock { body($0) }
    }

    /// Runs a check-then-write change under the lock. Where `serve --mutate` bends the request
    /// (`EngineBends.keepsChanges` false), the change runs on a copy that is dropped.
    public func mutate<T: Sendable>(_ body: (inout FakeState) throws(FakeError) -> T) throws(FakeError) -> T {
        if !EngineBends.current.keepsChanges {
            return try state.withLock { (current: inout FakeState) throws(FakeError) -> T in
                var copy = current
                return try body(&copy)
            }
        }
        return try state.withLock { (current: inout FakeState) throws(FakeError) -> T in
            defer {
                if let persistence {
                    let changes = current.drainChanges()
                    if !changes.isEmpty { persistence.enqueue(changes) }
                } else {
                    current.clearJournals()
                }
            }
            return try body(&current)
        }
    }

    /// Swaps in a whole new state (reset, scenario switch); durable as one snapshot.
    public func replace(with newState: FakeState) {
        state.withLock {
            var fresh = newState
            fresh.clearJournals()
            $0 = fresh
            persistence?.enqueue(StateChangeSet(snapshot: fresh))
        }
    }

    /// Waits until every change made so far is durable (a no-op without durable state).
    public func flush() async throws {
        try await persistence?.flush()
    }
}
