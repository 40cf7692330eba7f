import Foundation
import Synchronization

/// Hands change sets to the persistence in order, batching whatever queued up while a write
/// was in flight (group commit), and lets requests wait until theirs is committed.
final class PersistenceQueue: Sendable {
    private struct State {
        var pending: [StateChangeSet] = []
        var enqueued = 0
        var committed = 0
        var writing = false
        var waiters: [(upTo: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var failure: (any Error)?
    }

    private let state = Mutex(State())
    private let backend: any StatePersistence

    init(_ backend: any StatePersistence) { self.backend = backend }

    /// Called under the store's lock, so the order of change sets is the order of writes.
    func enqueue(_ changes: StateChangeSet) {
        let start = state.withLock { state -> Bool in
            state.pending.append(changes)
            state.enqueued += 1
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        if start { Task { await self.drain() } }
    }

    func flush() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            state.withLock { state in
                if let failure = state.failure {
                    continuation.resume(throwing: failure)
                } else if state.committed >= state.enqueued {
                    continuation.resume()
                } else {
                    state.waiters.append((state.enqueued, continuation))
                }
            }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [StateChangeSet] in
                let batch = state.pending
                state.pending.removeAll()
                if batch.isEmpty { state.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            var failure: (any Error)?
            do { try await backend.apply(batch) } catch { failure = error }
            let ready = state.withLock { state -> [(CheckedContinuation<Void, any Error>, (any Error)?)] in
                state.committed += batch.count
                if let failure { state.failure = failure }
                let done = state.waiters.filter { $0.upTo <= state.committed || state.failure != nil }
                state.waiters.removeAll { $0.upTo <= state.committed || state.failure != nil }
                return done.map { ($0.continuation, state.failure) }
            }
            for (continuation, error) in ready {
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }
}
