import CivilTime
import Contracts
import Foundation
import JSON
import OrderedCollections

extension FakeExpression {
    static func call(_ function: ExpressionFunction, _ arguments: [FakeExpression], in context: ExpressionContext) throws(FakeError) -> JSONValue {
        if function == .if {
            return try arguments[0].holds(in: context) ? try arguments[1].evaluate(in: context) : try arguments[2].evaluate(in: context)
        }
        if function == .map {
            guard case .array(let items) = try arguments[0].evaluate(in: context) else { return .array([]) }
            var mapped: [JSONValue] = []
            for item in items { mapped.append(try arguments[1].evaluate(in: context.with(current: item))) }
            return .array(mapped)
        }
        if function == .date || function == .endOfDay { return try date(arguments[0], endOfDay: function == .endOfDay, in: context) }
        let values = try arguments.map { (argument) throws(FakeError) in try argument.evaluate(in: context) }
        let first = values[0]
        let items = first.arrayValue ?? []
        switch function {
        case .count: return .integer(items.count)
        case .sum:
            let numbers = items.filter { $0.doubleValue != nil }
            if numbers.allSatisfy({ if case .integer = $0 { true } else { false } }) {
                return .integer(numbers.reduce(0) { $0 &+ ($1.intValue ?? 0) })
            }
            return number(numbers.reduce(0) { $0 + ($1.doubleValue ?? 0) })
        case .avg:
            let numbers = items.compactMap(\.doubleValue)
            return numbers.isEmpty ? .null : number(numbers.reduce(0, +) / Double(numbers.count))
        case .min, .max:
            let present = items.filter { $0 != .null }
            let wanted: ComparisonResult = function == .min ? .orderedAscending : .orderedDescending
            return present.dropFirst().reduce(present.first ?? .null) { best, item in
                ValueComparison.compare(item, best) == wanted ? item : best
            }
        case .first: return items.first ?? .null
        case .last: return items.last ?? .null
        case .distinct:
            var kept: [JSONValue] = []
            for item in items where !kept.contains(where: { ValueComparison.same($0, item) }) { kept.append(item) }
            return .array(kept)
        case .len:
            switch first {
            case .array(let list): return .integer(list.count)
            case .string(let text): return .integer(text.count)
            case .object(let members): return .integer(members.count)
            default: return .integer(0)
            }
        case .lower: return first.stringValue.map { .string($0.lowercased()) } ?? .null
        case .upper: return first.stringValue.map { .string($0.uppercased()) } ?? .null
        case .split:
            guard values.count > 1 else { return .array(ValueComparison.list(first.stringValue.map { .string($0 + ",") } ?? .null)) }
            guard let text = first.stringValue else { return .array([]) }
            let separators = Set(ValueComparison.text(values[1]))
            return .array(text.split(whereSeparator: { separators.contains($0) }).map { .string(String($0)) })
        case .urlHost:
            guard let text = first.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .null }
            guard let host = [text, "https://" + text].lazy.compactMap({ URLComponents(string: $0)?.host }).first(where: { !$0.isEmpty }) else { return .null }
            let lowered = host.lowercased()
            return .string(lowered.hasPrefix("www.") ? String(lowered.dropFirst(4)) : lowered)
        case .capitalize:
            guard let text = first.stringValue else { return .null }
            return .string(text.prefix(1).uppercased() + text.dropFirst())
        case .join: return .string(items.map(ValueComparison.text).joined(separator: ValueComparison.text(values[1])))
        case .contains:
            if case .array(let list) = first { return .bool(list.contains { ValueComparison.same($0, values[1]) }) }
            guard let text = first.stringValue, values[1] != .null else { return .bool(false) }
            return .bool(text.contains(ValueComparison.text(values[1])))
        case .round:
            guard let x = first.doubleValue else { return .null }
            let digits = values.count > 1 ? Swift.max(0, Swift.min(10, values[1].intValue ?? 0)) : 0
            let scale = pow(10, Double(digits))
            let rounded = (x * scale).rounded() / scale
            // Whole results are integers whatever the digits (`round(100.0, 1)` is `100`).
            return wholeOrNumber(rounded)
        case .floor: return first.doubleValue.map { integerOrNumber($0.rounded(.down)) } ?? .null
        case .ceil: return first.doubleValue.map { integerOrNumber($0.rounded(.up)) } ?? .null
        case .abs:
            if case .integer(let i) = first { return .integer(i.magnitude > Int.max.magnitude ? i : Swift.abs(i)) }
            return first.doubleValue.map { number(Swift.abs($0)) } ?? .null
        case .days:
            guard let from = values[0].stringValue.flatMap({ RecordInstant.parse($0) }),
                let to = values[1].stringValue.flatMap({ RecordInstant.parse($0) })
            else { return .null }
            return .integer(CalendarDay(utc: to).ordinal - CalendarDay(utc: from).ordinal)
        case .merge:
            guard var base = values[0].objectValue else { return values[1].objectValue.map(JSONValue.object) ?? .null }
            for (key, value) in values[1].objectValue ?? [:] { base[key] = value }
            return .object(base)
        case .month:
            guard let text = first.stringValue, let day = CalendarDay(parsing: text.utf8.count == 7 ? text + "-01" : text) else { return .null }
            return .string(String(day.iso.prefix(7)))
        case .sort:
            guard values.count > 1 else {
                return .array(items.enumerated().sorted { a, b in
                    let order = RecordOrdering.compare(a.element, b.element, descending: false)
                    return order == .orderedSame ? a.offset < b.offset : order == .orderedAscending
                }.map(\.element))
            }
            return .array(RecordOrdering(keys: Array(values.dropFirst())).sorted(items))
        case .months:
            func parse(_ value: JSONValue) -> (Int, Int)? {
                guard let text = value.stringValue, text.utf8.count == 7, let day = CalendarDay(parsing: text + "-01") else { return nil }
                let parts = day.iso.split(separator: "-")
                return (Int(parts[0]) ?? 0, Int(parts[1]) ?? 0)
            }
            guard var (year, month) = parse(values[0]), let end = parse(values[1]) else { return .array([]) }
            var result: [JSONValue] = []
            while (year, month) <= end, result.count < 2_400 {
                result.append(.string((year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-" + (month < 10 ? "0" : "") + "\(month)"))
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
            }
            return .array(result)
        case .quarter:
            guard let text = first.stringValue, text.utf8.count == 7, let day = CalendarDay(parsing: text + "-01") else { return .null }
            let parts = day.iso.split(separator: "-")
            return .string("\(parts[0])-Q\(((Int(parts[1]) ?? 1) - 1) / 3 + 1)")
        case .words:
            guard let text = first.stringValue else { return .array([]) }
            var words: [JSONValue] = []
            var word = String.UnicodeScalarView()
            for scalar in text.lowercased().unicodeScalars {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { word.append(scalar); continue }
                if !word.isEmpty { words.append(.string(String(word))); word = String.UnicodeScalarView() }
            }
            if !word.isEmpty { words.append(.string(String(word))) }
            return .array(words)
        case .slice:
            func bounds(_ count: Int) -> Range<Int> {
                func clamp(_ value: Int) -> Int { Swift.max(0, Swift.min(count, value < 0 ? count + value : value)) }
                let start = clamp(values[1].intValue ?? 0)
                let end = values.count > 2 ? clamp(values[2].intValue ?? count) : count
                return start..<Swift.max(start, end)
            }
            if case .array(let list) = first { return .array(Array(list[bounds(list.count)])) }
            guard let text = first.stringValue else { return .null }
            let characters = Array(text)
            return .string(String(characters[bounds(characters.count)]))
        case .pick:
            guard let members = first.objectValue else { return .null }
            var picked: OrderedDictionary<String, JSONValue> = [:]
            for name in values.dropFirst().compactMap(\.stringValue) { if let value = members[name] { picked[name] = value } }
            return .object(picked)
        case .allowsTransition:
            let key = ValueComparison.text(values[0]) + "." + ValueComparison.text(values[1])
            return .bool(ContractSet.allows(context.transitions[key] ?? [], from: values[2], to: values[3]))
        case .newId:
            let length = values.count > 1 ? Swift.max(1, Swift.min(64, values[1].intValue ?? 12)) : 12
            return .string(IDGenerator.make(prefix: ValueComparison.text(first), length: length))
        case .get:
            guard let members = first.objectValue else { return .null }
            return members[ValueComparison.text(values[1])] ?? .null
        case .addDays, .addMonths:
            guard let text = first.stringValue, let start = RecordInstant.parse(text), let count = values[1].intValue else { return .null }
            if function == .addDays { return .string(start.addingTimeInterval(TimeInterval(count) * 86_400).rfc3339) }
            // The same time of day on the same day `count` months on, clamped to the month's end.
            let day = CalendarDay(utc: start)
            let timeOfDay = start.timeIntervalSince1970 - Double(day.ordinal) * 86_400
            let moved = Double(day.adding(months: count).ordinal) * 86_400 + timeOfDay
            return .string(Date(timeIntervalSince1970: moved).rfc3339)
        case .omit:
            guard var members = first.objectValue else { return .null }
            for name in values.dropFirst().compactMap(\.stringValue) { members.removeValue(forKey: name) }
            return .object(members)
        case .isDate: return .bool(first.stringValue.flatMap { RecordInstant.parse($0) } != nil)
        case .take: return .array(Array(items.prefix(Swift.max(0, values[1].intValue ?? 0))))
        case .flatten: return .array(items.flatMap { $0.arrayValue ?? [$0] })
        case .float: return first.doubleValue.map(number) ?? .null
        case .num:
            switch first {
            case .integer: return first
            case .number(let x): return wholeOrNumber(x)
            default: return .null
            }
        case .indexOf:
            return .integer(items.firstIndex { ValueComparison.same($0, values[1]) } ?? -1)
        case .type:
            switch first {
            case .null: return "null"
            case .bool: return "boolean"
            case .integer, .number: return "number"
            case .string: return "string"
            case .array: return "array"
            case .object: return "object"
            }
        case .if, .date, .endOfDay, .map: return .null
        }
    }

    /// A whole number as an integer, so `round(x)` prints `42`, not `42.0`.
    /// An integer when the value is whole, else the number.
    static func wholeOrNumber(_ value: Double) -> JSONValue {
        value == value.rounded() ? integerOrNumber(value) : number(value)
    }

    static func integerOrNumber(_ value: Double) -> JSONValue {
        value.isFinite && Swift.abs(value) < 9e15 ? .integer(Int(value)) : number(value)
    }

    /// `date(x)` keeps a date or timestamp; `endOfDay(x)` makes a bare date its last millisecond.
    /// Null stays null; other text is a 422 naming the query parameter or body field it came from.
    private static func date(_ argument: FakeExpression, endOfDay: Bool, in context: ExpressionContext) throws(FakeError) -> JSONValue {
        let value = try argument.evaluate(in: context)
        guard value != .null, value != .string("") else { return .null }
        guard let text = value.stringValue, let instant = RecordInstant.parse(text, endOfDay: endOfDay) else {
            throw .validation([argument.inputName ?? "value": "must be a date (YYYY-MM-DD) or an RFC 3339 date-time"])
        }
        guard endOfDay, RecordInstant.isBareDate(text) else { return .string(text) }
        return .string(instant.rfc3339Milliseconds)
    }

    /// `startDate` for `query.startDate` or `body.startDate`: the name a validation error is keyed by.
    var inputName: String? {
        switch self {
        case .member(.root(.query), let name), .member(.root(.body), let name): name
        case .member(let base, let name): base.inputName.map { "\($0).\(name)" }
        default: nil
        }
    }
}

extension Date {
    /// RFC 3339 with milliseconds (`2025-10-31T23:59:59.999Z`).
    var rfc3339Milliseconds: String {
        let base = rfc3339
        let millis = Int(((timeIntervalSince1970 - timeIntervalSince1970.rounded(.down)) * 1000).rounded())
        let text = String(min(999, millis))
        return base.dropLast() + "." + String(repeating: "0", count: 3 - text.count) + text + "Z"
    }
}
