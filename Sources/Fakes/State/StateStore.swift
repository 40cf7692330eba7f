import Synchronization

/// The one place fake state lives: every read and write goes through here, under one lock.
///
/// Behaviours run their whole read-check-write inside `mutate`, so concurrent requests never see
/// half-applied changes. The closures are short and synchronous (no I/O, no awaits), and they
/// check everything before they write: a behaviour throws before its first change, never after,
/// which keeps writes in place (no copy of the state per request).
public final class StateStore: Sendable {
    private let state: Mutex<FakeState>

    public init(_ initial: FakeState) { state = Mutex(initial) }

    public func read<T: Sendable>(_ body: (borrowing FakeState) -> T) -> T {
        state.withLock { body($0) }
    }

    /// Runs a check-then-write change under the lock.
    public func mutate<T: Sendable>(_ body: (inout FakeState) throws(FakeError) -> T) throws(FakeError) -> T {
        try state.withLock { (current: inout FakeState) throws(FakeError) -> T in try body(&current) }
    }

    /// Swaps in a whole new state (reset, scenario switch).
    public func replace(with newState: FakeState) {
        state.withLock { $0 = newState }
    }
}
