import CivilTime
import Foundation
import JSON

/// How fake expressions, filters and orderings compare record values: numbers by value,
/// dates and timestamps as instants, other values by their text — so `"3"` equals `3` and
/// `2025-10-31` sorts with `2025-10-31T09:00:00Z`.
enum ValueComparison {
    /// Equality tolerant of spelling: numbers by value, lists and objects structurally, the rest by text.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.array, _), (_, .array), (.object, _), (_, .object): return a.isJSONEqual(to: b)
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return x == y }
            return text(a) == text(b)
        }
    }

    /// Numbers by value, instants by time, other text by code points.
    static func compare(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending }
        if let s = a.stringValue, let t = b.stringValue, let x = RecordInstant.parse(s), let y = RecordInstant.parse(t) {
            return x == y ? .orderedSame : x < y ? .orderedAscending : .orderedDescending
        }
        let (s, t) = (text(a), text(b))
        return s == t ? .orderedSame : s < t ? .orderedAscending : .orderedDescending
    }

    /// A value as text: strings as they are, whole numbers without a fraction, booleans as words.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .null: ""
        default: value.jsonString()
        }
    }

    /// A value as a list of candidates: a list as it is, comma-separated text split and trimmed,
    /// null as nothing, anything else as a list of one.
    static func list(_ value: JSONValue) -> [JSONValue] {
        switch value {
        case .null: []
        case .array(let items): items
        case .string(let text) where text.contains(","):
            text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 != "" }
        default: [value]
        }
    }
}
