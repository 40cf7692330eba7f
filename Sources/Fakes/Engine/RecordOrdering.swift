import Foundation
import JSON

/// A multi-key ordering of records: field paths (a leading `-` sorts descending) or
/// `{field, values}` (records in the order of `values`, others after). Missing values sort last;
/// ties keep the records' order.
public struct RecordOrdering {
    public enum Key {
        case field(String, descending: Bool)
        case explicit(String, values: [JSONValue])
    }

    public let keys: [Key]

    public init(keys specs: [JSONValue]) {
        keys = specs.compactMap { spec in
            if let path = spec.stringValue, !path.isEmpty {
                return path.hasPrefix("-") ? .field(String(path.dropFirst()), descending: true) : .field(path, descending: false)
            }
            guard let field = spec["field"]?.stringValue else { return nil }
            return .explicit(field, values: spec["values"]?.arrayValue ?? [])
        }
    }

    public func sorted(_ records: [JSONValue]) -> [JSONValue] {
        records.enumerated().sorted { a, b in
            for key in keys {
                let order = compare(a.element, b.element, by: key)
                if order != .orderedSame { return order == .orderedAscending }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    private func compare(_ a: JSONValue, _ b: JSONValue, by key: Key) -> ComparisonResult {
        switch key {
        case .explicit(let field, let values):
            func rank(_ record: JSONValue) -> Int {
                guard let value = record.value(atDotted: field) else { return values.count + 1 }
                return values.firstIndex { ValueComparison.same($0, value) } ?? values.count
            }
            let (x, y) = (rank(a), rank(b))
            return x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending
        case .field(let field, let descending):
            let (x, y) = (a.value(atDotted: field).flatMap(Self.present), b.value(atDotted: field).flatMap(Self.present))
            switch (x, y) {
            case (nil, nil): return .orderedSame
            case (nil, _): return .orderedDescending
            case (_, nil): return .orderedAscending
            case let (x?, y?):
                let order = Self.compare(x, y)
                guard descending else { return order }
                return order == .orderedAscending ? .orderedDescending : order == .orderedDescending ? .orderedAscending : .orderedSame
            }
        }
    }

    private static func present(_ value: JSONValue) -> JSONValue? { value == .null ? nil : value }

    public static func compare(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult { ValueComparison.compare(a, b) }
}

extension JSONValue {
    /// The value at a dotted field path (`connections.goalIds`).
    public func value(atDotted path: String) -> JSONValue? {
        var current = self
        for step in path.split(separator: ".") {
            guard let next = current[String(step)] else { return nil }
            current = next
        }
        return current
    }
}
