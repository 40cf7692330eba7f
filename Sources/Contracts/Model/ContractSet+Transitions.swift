import Foundation
import JSON
import JSONSchema

extension ContractSet {
    /// One move the `transition` fakes allow on a collection's field: from any of `from` to any of `to`.
    public struct Transition: Sendable {
        public var endpoint: String
        public var from: [JSONValue]
        /// The target, or every value the body may name when the target is `{{body.<member>}}`.
        public var to: [JSONValue]
    }

    /// The moves the contracts' `transition` fakes declare for `field` of `collection` — the one
    /// home of a state machine such as the goal statuses, for any code that must follow it too.
    ///
    /// ```swift
    /// contracts.transitions(of: "goals", field: "status").contains { $0.allows(from: "draft", to: "active") }
    /// ```
    public func transitions(of collection: String, field: String) -> [Transition] {
        endpoints.compactMap { endpoint in
            guard let fake = endpoint.fake, fake.kind == .transition(collection: collection), (fake.field ?? "status") == field,
                let to = fake.to
            else { return nil }
            var targets = [to]
            if case .string(let text) = to, text.hasPrefix("{{body."), text.hasSuffix("}}") {
                let member = String(text.dropFirst("{{body.".count).dropLast(2)).trimmingCharacters(in: .whitespaces)
                targets = endpoint.body?.schema?.shape.property(member)?.allowedValues ?? []
            }
            return Transition(endpoint: endpoint.id, from: fake.from, to: targets)
        }
    }

    /// Whether some transition fake moves `field` of `collection` from `current` to `target`.
    public func allowsTransition(of collection: String, field: String, from current: JSONValue, to target: JSONValue) -> Bool {
        Self.allows(transitions(of: collection, field: field), from: current, to: target)
    }

    public static func allows(_ transitions: [Transition], from current: JSONValue, to target: JSONValue) -> Bool {
        transitions.contains { ($0.from.isEmpty || $0.from.contains(current)) && $0.to.contains(target) }
    }

    /// Every transition fake's moves, by `collection.field`.
    func buildTransitionTable() -> [String: [Transition]] {
        var table: [String: [Transition]] = [:]
        for endpoint in endpoints {
            guard let fake = endpoint.fake, case .transition(let collection) = fake.kind else { continue }
            let field = fake.field ?? "status"
            let key = collection + "." + field
            if table[key] == nil { table[key] = transitions(of: collection, field: field) }
        }
        return table
    }
}
