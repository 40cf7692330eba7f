import Foundation
import JSON
import Synchronization

/// The recent requests, for `GET /__understudy/requests` and the one-line log per request.
final class RequestLog: Sendable {
    struct Entry: Sendable {
        var time: Date
        /// The listener that answered (`traction`, `gateway`).
        var listener: String = ""
        var method: String
        var path: String
        var query: String?
        var status: Int
        var endpointID: String?
        var milliseconds: Double
        var errors: [String: String]
        var tenant: String?
        /// For a miss: the closest contract route.
        var closest: String?
        /// Headers and bodies, only while a dashboard watches the feed.
        var exchange: Exchange?
    }

    /// One request and its answer in full, as the dashboard shows them (secrets redacted there).
    struct Exchange: Sendable {
        var requestHeaders: [(String, String)]
        var requestBody: [UInt8]
        var responseHeaders: [(String, String)]
        /// nil for an event stream, which has no end to wait for.
        var responseBody: [UInt8]?
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
    /// The same entries live, for the dashboard.
    let feed = RequestFeed()

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
        return .array(snapshot.reversed().map(\.json))
    }
}

extension RequestLog.Entry {
    /// As `GET /__understudy/requests` and the feed give it; the exchange, when kept, redacted.
    var json: JSONValue {
        var object: JSONValue = [
            "time": .string(time.formatted(.iso8601)), "listener": .string(listener), "method": .string(method), "path": .string(path),
            "status": .integer(status), "endpoint": endpointID.map(JSONValue.string) ?? .null,
            "ms": .number((milliseconds * 10).rounded() / 10), "tenant": tenant.map(JSONValue.string) ?? .null,
        ]
        if let query { object["query"] = .string(Redaction.query(query)) }
        if !errors.isEmpty {
            object["errors"] = .object(.init(uniqueKeysWithValues: errors.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        }
        if let closest { object["closest"] = .string(closest) }
        if let exchange {
            object["request"] = ["headers": Redaction.headers(exchange.requestHeaders), "body": Redaction.body(exchange.requestBody)]
            object["response"] = [
                "headers": Redaction.headers(exchange.responseHeaders),
                "body": exchange.responseBody.map(Redaction.body) ?? .string("(an event stream: its events are on the Streams view)"),
            ]
        }
        return object
    }
}
