import JSON

/// What a compiled schema says about the shape of the values it accepts: their JSON types, an
/// object's named properties, an array's items. Read by the contract linter to type-check fake
/// expressions (`progress > 50` on a record whose `progress` is a number).
///
/// A shape is a view into the compiled program, navigated lazily, so recursive schemas cost
/// nothing until asked. `$ref` and `allOf`/`anyOf`/`oneOf` are followed; `not`, `if` and pattern
/// properties say nothing about shape and are ignored.
///
/// ```swift
/// let goal = collection.schema!.shape
/// goal.property("progress")?.types   // [.number]
/// goal.propertyNames                  // ["id", "title", …]
/// ```
public struct SchemaShape: Sendable {
    let program: SchemaProgram
    let nodes: [Int]

    /// The JSON types a value may have; every type when the schema does not say.
    public var types: Set<JSONType> {
        var found: Set<JSONType> = []
        var said = false
        for node in expanded() {
            for keyword in program.nodes[node].keywords {
                guard case .type(let set) = keyword else { continue }
                said = true
                for (name, type) in TypeSet.names where set.contains(type) {
                    if let json = JSONType(rawValue: name) { found.insert(json) }
                }
                if set.contains(.number) { found.insert(.integer) }
            }
        }
        if !said, !propertyNames.isEmpty { return [.object] }
        return said ? found : Set(JSONType.allCases)
    }

    /// The properties an object may have by name, in no particular order.
    public var propertyNames: Set<String> {
        var names: Set<String> = []
        for node in expanded() {
            for keyword in program.nodes[node].keywords {
                if case .members(let rule) = keyword { names.formUnion(rule.properties.keys) }
            }
        }
        return names
    }

    /// Whether the schema accepts members it does not name (no `additionalProperties: false`, or a
    /// pattern or additional schema).
    public var allowsOtherProperties: Bool {
        var open = true
        for node in expanded() {
            for keyword in program.nodes[node].keywords {
                if case .members(let rule) = keyword {
                    if rule.additionalForbidden, rule.patterns.isEmpty { open = false }
                    if rule.additional != nil || !rule.patterns.isEmpty { return true }
                }
            }
        }
        return open
    }

    /// The shape of one property; nil when no branch names it.
    public func property(_ name: String) -> SchemaShape? {
        var found: [Int] = []
        for node in expanded() {
            for keyword in program.nodes[node].keywords {
                guard case .members(let rule) = keyword else { continue }
                if let child = rule.properties[name] { found.append(child) }
                else if let additional = rule.additional { found.append(additional) }
            }
        }
        return found.isEmpty ? nil : SchemaShape(program: program, nodes: found)
    }

    /// The shape of an array's items (after any `prefixItems`); nil when unsaid.
    public var items: SchemaShape? {
        var found: [Int] = []
        for node in expanded() {
            for keyword in program.nodes[node].keywords {
                guard case .items(let rule) = keyword else { continue }
                if let rest = rule.rest { found.append(rest) }
                found.append(contentsOf: rule.prefix)
            }
        }
        return found.isEmpty ? nil : SchemaShape(program: program, nodes: found)
    }

    /// The enum or const values, when every branch that says lists them.
    public var allowedValues: [JSONValue]? {
        var values: [JSONValue]?
        for node in expanded() {
            for keyword in program.nodes[node].keywords {
                switch keyword {
                case .enumeration(let rule): values = (values ?? []) + rule.values
                case .constant(let value): values = (values ?? []) + [value]
                default: continue
                }
            }
        }
        return values
    }

    /// The nodes themselves plus every node reached through `$ref` and the combinators.
    private func expanded() -> [Int] {
        var seen: Set<Int> = []
        var order: [Int] = []
        var pending = nodes
        while let node = pending.popLast() {
            guard seen.insert(node).inserted else { continue }
            order.append(node)
            for keyword in program.nodes[node].keywords {
                switch keyword {
                case .ref(let target): pending.append(target)
                case .allOf(let list), .anyOf(let list), .oneOf(let list): pending.append(contentsOf: list)
                default: continue
                }
            }
        }
        return order
    }
}

/// The seven JSON types, as a schema's `type` names them.
public enum JSONType: String, Sendable, CaseIterable, Hashable {
    case null, boolean, integer, number, string, array, object
}

extension Schema {
    /// The shape of the values this schema accepts.
    public var shape: SchemaShape { SchemaShape(program: program, nodes: [root]) }
}
