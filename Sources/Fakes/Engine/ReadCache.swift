import Foundation
import JSON
import NIOCore
import Synchronization

/// Answers of read-only builtins that depend only on the caller's tenant, the request and the day,
/// kept while the tenant's revision holds: a list of twenty goal views is built and encoded once
/// per change instead of once per request. One entry per request shape; bounded, emptied when full.
final class ReadCache: Sendable {
    struct Key: Hashable {
        var builtin: String
        var tenant: String
        var path: [String: String]
        var query: [String: JSONValue]
        /// The answers read the calendar (KPI periods), never the clock's smaller units.
        var day: Int
    }

    private struct Entry {
        var revision: Int
        var response: FakeResponse
    }

    private let entries = Mutex<[Key: Entry]>([:])
    static let limit = 2_000

    /// The stored answer when it was computed from this revision of the tenant.
    func response(for key: Key, revision: Int) -> FakeResponse? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.revision == revision else { return nil }
            return entry.response
        }
    }

    /// Keeps an answer, with its JSON already encoded, computed from `revision` (read before computing).
    func store(_ response: FakeResponse, for key: Key, revision: Int) -> FakeResponse {
        var kept = response
        if case .json(let value) = response.body { kept.encodedBody = ByteBuffer(bytes: value.encoded()) }
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(revision: revision, response: kept)
        }
        return kept
    }
}
