import Foundation
import JSON
import OrderedCollections

extension DiffReport {
    /// One line per change, `path:line:col: breaking: …`, then the summary: what the terminal shows.
    public var text: String {
        (changes.map(\.description) + [summary]).joined(separator: "\n") + "\n"
    }

    /// The report as JSON, for tools: counts, and each change with its rule code and place.
    public var json: JSONValue {
        let items: [JSONValue] = changes.map { change in
            var object: OrderedDictionary<String, JSONValue> = [
                "severity": .string(change.severity.rawValue),
                "rule": .string(change.rule.rawValue),
                "service": .string(change.service),
            ]
            if let route = change.route { object["route"] = .string(route) }
            if let endpoint = change.endpoint { object["endpoint"] = .string(endpoint) }
            object["message"] = .string(change.message)
            if let location = change.location { object["location"] = .string(location.description) }
            return .object(object)
        }
        return [
            "old": .string(old), "new": .string(new),
            "endpoints": ["before": .integer(endpointsBefore), "after": .integer(endpointsAfter)],
            "breaking": .integer(breaking.count), "compatible": .integer(compatible.count),
            "changes": .array(items),
        ]
    }

    /// A Markdown page for a pull request: the summary, then a table per severity.
    public var markdown: String {
        var lines = ["# Contract changes: \(old) → \(new)", "", "**\(summary)**", ""]
        for (title, list) in [("Breaking", breaking), ("Compatible", compatible)] where !list.isEmpty {
            lines += ["## \(title)", "", "| Endpoint | Change | Rule | Where |", "|---|---|---|---|"]
            lines += list.map { change in
                let cells = [change.subject, change.message, "`\(change.rule.rawValue)`", change.location.map { "`\($0)`" } ?? ""]
                return "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
