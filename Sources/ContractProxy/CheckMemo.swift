import Conformance
import Contracts
import Foundation
import Synchronization

/// The verdicts already given, so an answer the proxy has checked before is not parsed and
/// validated again: a frontend polling `GET /goals` gets the same bytes a thousand times, and
/// checking them costs more than forwarding them.
///
/// The key holds everything `ResponseChecker` reads — endpoint, status, `Content-Type`,
/// `Location`, which of the documented required headers are present, and the body itself,
/// compared whole (not trusted to a hash) — so a remembered verdict is exactly the one a fresh
/// check would give. Bounded: bodies over `largestBody` are never kept, and the memo starts over
/// when it holds `capacity` verdicts or `byteBudget` bytes.
///
/// ```swift
/// let divergences = memo.verdict(for: answer, endpoint: endpoint) { check.answer(answer, endpoint: endpoint) }
/// ```
final class CheckMemo: Sendable {
    struct Key: Hashable {
        var endpoint: String
        var status: Int
        var contentType: String?
        var location: String?
        var requiredPresent: [Bool]
        var body: [UInt8]

        /// The body's length and its first and last 256 bytes: enough to tell answers apart in
        /// practice, and cheap for a large one (`Array`'s own hash feeds every byte, one at a time).
        /// Equality still compares every byte, so a collision costs a check, never a wrong verdict.
        func hash(into hasher: inout Hasher) {
            hasher.combine(endpoint)
            hasher.combine(status)
            hasher.combine(contentType)
            hasher.combine(location)
            hasher.combine(requiredPresent)
            hasher.combine(body.count)
            body.withUnsafeBytes { bytes in
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes.prefix(256)))
                if bytes.count > 256 { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes.suffix(256))) }
            }
        }

        static func == (a: Key, b: Key) -> Bool {
            a.status == b.status && a.endpoint == b.endpoint && a.contentType == b.contentType && a.location == b.location
                && a.requiredPresent == b.requiredPresent && a.body.count == b.body.count
                && (a.body.isEmpty || a.body.withUnsafeBytes { x in b.body.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } })
        }
    }

    private struct Store {
        var verdicts: [Key: [Divergence]] = [:]
        var bytes = 0
    }

    let capacity: Int
    let byteBudget: Int
    let largestBody: Int
    private let store = Mutex(Store())

    init(capacity: Int = 1024, byteBudget: Int = 8 << 20, largestBody: Int = 256 << 10) {
        self.capacity = capacity
        self.byteBudget = byteBudget
        self.largestBody = largestBody
    }

    /// The remembered verdict on `answer`, or `check()`'s, remembered.
    func verdict(for answer: HTTPAnswer, endpoint: Endpoint, check: () -> [Divergence]) -> [Divergence] {
        guard !answer.truncated, answer.body.count <= largestBody else { return check() }
        let required = endpoint.response(for: answer.status)?.headers.filter(\.required).map { answer.header($0.name) != nil } ?? []
        let key = Key(endpoint: endpoint.id, status: answer.status, contentType: answer.header("Content-Type"),
                      location: answer.header("Location"), requiredPresent: required, body: answer.body)
        if let known = store.withLock({ $0.verdicts[key] }) { return known }
        let verdict = check()
        store.withLock { store in
            if store.verdicts.count >= capacity || store.bytes + key.body.count > byteBudget { store = Store() }
            store.verdicts[key] = verdict
            store.bytes += key.body.count
        }
        return verdict
    }

    /// How many verdicts are remembered (for tests and the benchmark's notes).
    var count: Int { store.withLock { $0.verdicts.count } }
}
