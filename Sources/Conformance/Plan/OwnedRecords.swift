import Contracts
import JSON

/// Steps that create the records a case works on — the runner's own, never a fixture's — and the
/// cleanup that removes them again, children before parents.
///
/// ```swift
/// let owned = OwnedRecords(map: map, resolver: resolver).own("strategies")
/// // owned.setup: createGoal → {{goals1}}, createStrategy under it → {{strategies2}}
/// // owned.cleanup: deleteStrategy, deleteGoal
/// ```
struct OwnedRecords: Sendable {
    let map: ResourceMap
    let resolver: FixtureResolver

    /// A chain of creations, the capture holding each record's id, and how to remove them.
    struct Chain: Sendable {
        var setup: [ScriptStep] = []
        var cleanup: [ScriptStep] = []
        /// Resource name → the capture holding its id.
        var ids: [String: String] = [:]
        /// Records no endpoint deletes.
        var leftBehind: [String] = []
    }

    /// Creates a record of `resource` (and of its parents first), as `identity`. Nil when a parent
    /// cannot be made or the create endpoint has no example body to send.
    func own(_ name: String, as identity: Identity = .primary, into chain: Chain = Chain()) -> Chain? {
        guard let resource = map.resource(named: name) else { return nil }
        var chain = chain
        var path: [String: JSONValue] = [:]
        for parent in resource.parents {
            if chain.ids[parent.resource] == nil {
                guard let withParent = own(parent.resource, as: identity, into: chain) else { return nil }
                chain = withParent
            }
            path[parent.parameter] = .string("{{\(chain.ids[parent.resource]!)}}")
        }
        for name in resource.create.path.parameterNames where path[name] == nil {
            guard case .success(let values) = resolver.resolve(resource.create.path), let value = values[name] else { return nil }
            path[name] = .string(value)
        }
        guard resource.create.body == nil || resource.create.body?.example != nil else { return nil }
        let capture = "own.\(name).\(chain.ids.count + 1)"
        chain.ids[name] = capture
        var create = ScriptStep(
            call: resource.create.id, label: "create the case's own \(name) record", identity: identity, path: path,
            body: resource.create.body?.example, capture: [(capture, JSONPointer(resource.idPointer))])
        create.incidental = true
        chain.setup.append(create)
        if let delete = resource.delete {
            var deletePath = path
            if let parameter = delete.path.parameterNames.last { deletePath[parameter] = .string("{{\(capture)}}") }
            chain.cleanup.insert(ScriptStep(call: delete.id, identity: identity, path: deletePath), at: 0)
        } else {
            chain.leftBehind.append("a \(name) record created by \(resource.create.id) (no endpoint deletes one)")
        }
        return chain
    }

    /// Path values for `endpoint`: its record parameters from a chain of the runner's own records
    /// (made here), the rest from the fixtures. Nil when a value cannot be had.
    func path(for endpoint: Endpoint, as identity: Identity = .primary) -> (chain: Chain, values: [String: JSONValue])? {
        let names = endpoint.path.parameterNames
        // The deepest parameter with a resource decides the chain; the others it made are reused.
        var chain = Chain()
        for name in names.reversed() {
            guard let resource = map.owner(of: name, in: endpoint), chain.ids[resource.name] == nil else { continue }
            guard let made = own(resource.name, as: identity, into: chain) else { continue }
            chain = made
        }
        guard !chain.setup.isEmpty else { return nil }
        var values: [String: JSONValue] = [:]
        var unresolved: [String] = []
        for name in names {
            if let resource = map.owner(of: name, in: endpoint), let capture = chain.ids[resource.name] {
                values[name] = .string("{{\(capture)}}")
            } else {
                unresolved.append(name)
            }
        }
        if !unresolved.isEmpty {
            guard case .success(let fixtures) = resolver.resolve(endpoint) else { return nil }
            for name in unresolved {
                guard let value = fixtures[name] else { return nil }
                values[name] = .string(value)
            }
        }
        return (chain, values)
    }
}
