import Foundation
import JSON

/// `filteredList`: a collection filtered by the query parameters the contract's options name,
/// then sorted; answers `{success: true, data: [...]}`.
///
/// Options (names, not templates): `collection`; `equals {param: field}`; `overlaps {param: arrayField}`;
/// `onOrAfter {param: field}` / `onOrBefore {param: field}` (a bare date is that day's start /
/// end); `unlessParam {param: {default, drop: {field: value}}}`; `sort` of field paths (`-` for
/// descending) or `{field, values}` explicit orders. Filters combine with AND; absent parameters are skipped.
struct FilteredList {
    let options: JSONValue
    let query: [String: JSONValue]

    /// The filtered, sorted records; 422 for a date parameter that is not a date.
    func run(on records: [JSONValue]) throws(FakeError) -> [JSONValue] {
        var kept = records
        for (param, field) in pairs("equals") {
            guard let wanted = parameterList(param) else { continue }
            kept = kept.filter { record in
                guard let value = Self.value(record, at: field) else { return false }
                let candidates = value.arrayValue ?? [value]
                return candidates.contains { candidate in wanted.contains { Self.same(candidate, $0) } }
            }
        }
        for (param, field) in pairs("overlaps") {
            guard let wanted = parameterList(param) else { continue }
            kept = kept.filter { record in
                let items = Self.value(record, at: field).map { $0.arrayValue ?? [$0] } ?? []
                return items.contains { item in wanted.contains { Self.same(item, $0) } }
            }
        }
        for (kind, endOfDay) in [("onOrAfter", false), ("onOrBefore", true)] {
            for (param, field) in pairs(kind) {
                guard let text = parameterText(param) else { continue }
                guard let bound = RecordInstant.parse(text, endOfDay: endOfDay) else {
                    throw .validation([param: "must be a date (YYYY-MM-DD) or an RFC 3339 date-time"])
                }
                kept = kept.filter { record in
                    guard let instant = Self.value(record, at: field)?.stringValue.flatMap({ RecordInstant.parse($0) }) else { return false }
                    return endOfDay ? instant <= bound : instant >= bound
                }
            }
        }
        for (param, rule) in options["unlessParam"]?.objectValue ?? [:] {
            let included = Self.flag(query[param]) ?? Self.flag(rule["default"]) ?? false
            guard !included, let drop = rule["drop"]?.objectValue else { continue }
            // Each `field: value` pair is a reason to drop a record.
            kept = kept.filter { record in
                !drop.contains { field, value in Self.value(record, at: field).map { Self.same($0, value) } ?? false }
            }
        }
        return RecordOrdering(keys: options["sort"]?.arrayValue ?? []).sorted(kept)
    }

    // MARK: Parameters

    /// The `{param: field}` pairs of one filter kind.
    private func pairs(_ kind: String) -> [(String, String)] {
        (options[kind]?.objectValue ?? [:]).compactMap { param, field in field.stringValue.map { (param, $0) } }
    }

    /// A parameter's values: a list as given, a comma-separated string split; nil when absent or empty.
    private func parameterList(_ name: String) -> [JSONValue]? {
        guard let value = query[name], value != .null else { return nil }
        let items: [JSONValue]
        switch value {
        case .array(let elements): items = elements
        case .string(let text):
            items = text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 != "" }
        default: items = [value]
        }
        return items.isEmpty ? nil : items
    }

    private func parameterText(_ name: String) -> String? {
        guard let text = query[name]?.stringValue, !text.isEmpty else { return nil }
        return text
    }

    // MARK: Values

    /// The value at a dotted field path (`connections.goalIds`).
    static func value(_ record: JSONValue, at path: String) -> JSONValue? {
        var current = record
        for step in path.split(separator: ".") {
            guard let next = current[String(step)] else { return nil }
            current = next
        }
        return current
    }

    /// Equality tolerant of spelling: numbers by value, booleans and strings by text.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return text(a) == text(b)
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        default: value.jsonString()
        }
    }

    /// A boolean parameter: true/false, or their text.
    static func flag(_ value: JSONValue?) -> Bool? {
        switch value {
        case .bool(let flag)?: flag
        case .string(let text)?: ["true", "1", "yes"].contains(text.lowercased()) ? true : ["false", "0", "no"].contains(text.lowercased()) ? false : nil
        default: nil
        }
    }
}

/// A multi-key ordering of records: field paths (a leading `-` sorts descending) or
/// `{field, values}` (records in the order of `values`, others after). Missing values sort last;
/// ties keep the records' order.
struct RecordOrdering {
    enum Key {
        case field(String, descending: Bool)
        case explicit(String, values: [JSONValue])
    }

    let keys: [Key]

    init(keys specs: [JSONValue]) {
        keys = specs.compactMap { spec in
            if let path = spec.stringValue, !path.isEmpty {
                return path.hasPrefix("-") ? .field(String(path.dropFirst()), descending: true) : .field(path, descending: false)
            }
            guard let field = spec["field"]?.stringValue else { return nil }
            return .explicit(field, values: spec["values"]?.arrayValue ?? [])
        }
    }

    func sorted(_ records: [JSONValue]) -> [JSONValue] {
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
                guard let value = FilteredList.value(record, at: field) else { return values.count + 1 }
                return values.firstIndex { FilteredList.same($0, value) } ?? values.count
            }
            let (x, y) = (rank(a), rank(b))
            return x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending
        case .field(let field, let descending):
            let (x, y) = (FilteredList.value(a, at: field).flatMap(Self.present), FilteredList.value(b, at: field).flatMap(Self.present))
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

    /// Numbers by value, instants by time, other text by code points.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending }
        if let s = a.stringValue, let t = b.stringValue, let x = RecordInstant.parse(s), let y = RecordInstant.parse(t) {
            return x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending
        }
        let (s, t) = (FilteredList.text(a), FilteredList.text(b))
        return s == t ? .orderedSame : s < t ? .orderedAscending : .orderedDescending
    }
}
