import Foundation
import JSON
import Synchronization

/// The recent requests, for `GET /__understudy/requests` and the one-line log per request.
final class RequestLog: Sendable {
    struct Entry: Sendable {
        var time: Date
        var method: String
        var path: String
        var status: Int
        var endpointID: String?
        var milliseconds: Double
        var errors: [String: String]
    }

    /// A ring: once full, each entry overwrites the oldest (no shifting of 500 entries per request).
    private struct Ring {
        var items: [Entry] = []
        var next = 0

        /// Oldest first.
        var ordered: [Entry] { Array(items[next...] + items[..<next]) }
    }

    private let entries = Mutex(Ring())
    let capacity: Int
    let quiet: Bool

    init(capacity: Int = 500, quiet: Bool) {
        self.capacity = capacity
        self.quiet = quiet
    }

    func record(_ entry: Entry) {
        entries.withLock { ring in
            if ring.items.count < capacity {
                ring.items.append(entry)
            } else {
                ring.items[ring.next] = entry
                ring.next = (ring.next + 1) % capacity
            }
        }
        guard !quiet else { return }
        let id = entry.endpointID ?? "-"
        let line = "\(entry.method) \(entry.path) \(entry.status) \(id) \(String(format: "%.1f", entry.milliseconds))ms\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Newest first, as JSON.
    var json: JSONValue {
        let snapshot = entries.withLock { $0.ordered }
        return .array(snapshot.reversed().map { entry in
            var object: JSONValue = [
                "time": .string(entry.time.formatted(.iso8601)), "method": .string(entry.method), "path": .string(entry.path),
                "status": .integer(entry.status), "endpoint": entry.endpointID.map(JSONValue.string) ?? .null,
                "ms": .number((entry.milliseconds * 10).rounded() / 10),
            ]
            if !entry.errors.isEmpty {
                object["errors"] = .object(.init(uniqueKeysWithValues: entry.errors.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
            }
            return object
        })
    }
}
