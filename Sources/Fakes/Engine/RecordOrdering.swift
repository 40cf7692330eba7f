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
                let order: ComparisonResult = switch key {
                case .field(let path, let descending):
                    Self.compare(Self.value(a.element, at: path), Self.value(b.element, at: path), descending: descending)
                case .explicit(let path, let values):
                    Self.compare(Self.value(a.element, at: path), Self.value(b.element, at: path), in: values)
                }
                if order != .orderedSame { return order == .orderedAscending }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Two sort-key values: missing (null) last whatever the direction, else `ValueComparison.compare`.
    /// The one comparison of record orderings and view `sort:` keys.
    static func compare(_ a: JSONValue, _ b: JSONValue, descending: Bool) -> ComparisonResult {
        switch (a == .null, b == .null) {
        case (true, true): return .orderedSame
        case (true, false): return .orderedDescending
        case (false, true): return .orderedAscending
        case (false, false):
            let order = ValueComparison.compare(a, b)
            guard descending else { return order }
            return order == .orderedAscending ? .orderedDescending : order == .orderedDescending ? .orderedAscending : .orderedSame
        }
    }

    /// Two values by their place in an explicit order: listed values first, in order; unlisted
    /// ones after; missing (null) last.
    static func compare(_ a: JSONValue, _ b: JSONValue, in values: [JSONValue]) -> ComparisonResult {
        func rank(_ value: JSONValue) -> Int {
            value == .null ? values.count + 1 : values.firstIndex { ValueComparison.same($0, value) } ?? values.count
        }
        let (x, y) = (rank(a), rank(b))
        return x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending
    }

    /// The value at a dotted field path (`connections.goalIds`); null when absent.
    static func value(_ record: JSONValue, at path: String) -> JSONValue {
        record.value(at: JSONPointer(tokens: path.split(separator: ".").map(String.init))) ?? .null
    }
}
