import Contracts
import JSON

/// Fills `{{name}}` placeholders in flow steps from captures, `user.id`, `tenant.id` and
/// `credentials.*`. A string that is exactly one placeholder takes the value itself (a number stays one).
public struct FlowTemplate: Sendable {
    /// A placeholder with no value (its capture failed or was never made).
    public struct Missing: Error, Sendable { public var name: String }

    public var values: [String: JSONValue]

    public init(values: [String: JSONValue]) { self.values = values }

    public func render(_ value: JSONValue) throws(Missing) -> JSONValue {
        switch value {
        case .string(let text): return try render(text)
        case .array(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try render(item)) }
            return .array(out)
        case .object(var members):
            for (key, member) in members { members[key] = try render(member) }
            return .object(members)
        default: return value
        }
    }

    func render(_ text: String) throws(Missing) -> JSONValue {
        let pieces = Self.split(text)
        if pieces.count == 1, case .placeholder(let name) = pieces[0] {
            guard let value = values[name] else { throw Missing(name: name) }
            return value
        }
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let literal): out += literal
            case .placeholder(let name):
                guard let value = values[name] else { throw Missing(name: name) }
                out += value.stringValue ?? value.jsonString()
            }
        }
        return .string(out)
    }

    /// A map of templated values as text (path, query, headers).
    public func renderText(_ map: [String: JSONValue]) throws(Missing) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        for key in map.keys.sorted() {
            let value = try render(map[key]!)
            out.append((key, CasePlanner.text(value)))
        }
        return out
    }

    enum Piece: Equatable { case text(String), placeholder(String) }

    static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            pieces.append(.placeholder(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty || pieces.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// Whether any step names `credentials.*` (such a flow needs the runner's email and password).
    public static func usesCredentials(_ flow: Flow) -> Bool {
        func uses(_ value: JSONValue) -> Bool {
            switch value {
            case .string(let text): text.contains("{{credentials.") || text.contains("{{ credentials.")
            case .array(let items): items.contains(where: uses)
            case .object(let members): members.values.contains(where: uses)
            default: false
            }
        }
        return (flow.steps + flow.cleanup).contains { step in
            [step.body].compactMap { $0 }.contains(where: uses) || [step.path, step.query, step.headers].contains { $0.values.contains(where: uses) }
        }
    }
}

import Foundation
