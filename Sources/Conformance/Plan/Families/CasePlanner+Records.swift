import Contracts
import JSON

extension CasePlanner {
    /// A well-formed id that exists nowhere, in the last path parameter that addresses a record →
    /// the documented 404 (its envelope checked against the 404's schema).
    func notFoundCases(_ endpoint: Endpoint) -> [TestCase] {
        guard endpoint.response(for: 404) != nil, !options.readOnly || endpoint.safe else { return [] }
        var previous: String?
        var recordParameter: (name: String, collection: ResourceCollection)?
        for segment in endpoint.path.segments {
            switch segment {
            case .literal(let text): previous = text
            case .parameter(let name, _, _):
                let collection = map.owner(of: name, in: endpoint)?.collection
                    ?? map.collectionName(for: name, after: previous).flatMap { contracts.collections[$0] }
                if let collection, !collection.singleton { recordParameter = (name, collection) }
            }
        }
        guard let recordParameter, case .success(var values) = fixturePath(endpoint) else { return [] }
        values[recordParameter.name] = recordParameter.collection.idPrefix + "understudy0missing"
        var missing = base(endpoint, name: "not found: unknown {\(recordParameter.name)} → 404", kind: .notFound, expected: 404)
        missing.request?.path = endpoint.path.expand(values)
        missing.mutates = false
        missing.headOnly = endpoint.successResponse?.contentType.hasPrefix("text/event-stream") ?? false
        return [missing]
    }

    /// The runner's valid token with another tenant's id, and with none, on every protected read →
    /// the statuses `services.yaml` tenancy declares.
    func tenantCases(_ endpoint: Endpoint) -> [TestCase] {
        guard let tenancy = contracts.conventions.tenancy, endpoint.auth.isProtected, endpoint.safe,
              case .success(let values) = fixturePath(endpoint) else { return [] }
        let stream = endpoint.successResponse?.contentType.hasPrefix("text/event-stream") ?? false
        return [(Identity.TenantVariant.foreign, tenancy.foreign, "another tenant's id"), (.missing, tenancy.missing, "no tenant")].map { variant, status, what in
            var probe = base(endpoint, name: "isolation: \(what) → \(status)", kind: .isolation, expected: status)
            probe.request?.path = endpoint.path.expand(values)
            probe.request?.identity = .tenant(variant)
            probe.mutates = false
            probe.headOnly = stream
            return probe
        }
    }

    /// Per resource: a record made by the runner's tenant, then read, updated, deleted and listed as
    /// the second identity (another tenant) — each refused as documented (404 or 403), with none of
    /// the record's values in any answer — and then still there, unchanged, for its own tenant.
    func isolationCases() -> [TestCase] {
        map.resources.compactMap { resource -> TestCase? in
            guard let filedUnder = resource.read ?? resource.updates.first ?? resource.delete,
                  var chain = owned.own(resource.name) else { return nil }
            guard let capture = chain.ids[resource.name] else { return nil }
            let id = JSONValue.string("{{\(capture)}}")
            let parentPath = chain.setup.last?.path ?? [:]
            func recordPath(_ endpoint: Endpoint) -> [String: JSONValue] {
                var path = parentPath
                if let parameter = endpoint.path.parameterNames.last { path[parameter] = id }
                return path
            }
            var steps = chain.setup
            if let read = resource.read {
                // The record as its tenant reads it before the other tenant tries anything.
                var before = ScriptStep(call: read.id, label: "as its tenant reads it", path: recordPath(read), capture: [("\(capture).before", JSONPointer("/data"))])
                before.incidental = true
                steps.append(before)
            }
            for endpoint in [resource.read].compactMap({ $0 }) + resource.updates + [resource.delete].compactMap({ $0 }) {
                var attempt = ScriptStep(
                    call: endpoint.id, label: "as another tenant", identity: .second, path: recordPath(endpoint), body: endpoint.body?.example,
                    expect: StepExpectation(statuses: Self.documented([404, 403], by: endpoint), absent: [id]))
                attempt.independent = true
                steps.append(attempt)
            }
            if let list = resource.list {
                let nested = !list.path.parameterNames.isEmpty
                var listing = ScriptStep(
                    call: list.id, label: "as another tenant", identity: .second, path: parentPath,
                    expect: StepExpectation(statuses: nested ? Self.documented([404, 403], by: list) : [list.successResponse?.status ?? 200], absent: [id]))
                listing.independent = true
                steps.append(listing)
            }
            if let read = resource.read {
                steps.append(ScriptStep(
                    call: read.id, label: "unchanged for its own tenant", path: recordPath(read),
                    expect: StepExpectation(statuses: [read.successResponse?.status ?? 200], body: [(JSONPointer("/data"), .string("{{\(capture).before}}"))]),
                    requiresClean: true))
            }
            chain.setup = steps
            return scripted(filedUnder, name: "isolation: \(resource.name) of one tenant, seen by another", kind: .isolation,
                            Script(steps: chain.setup, cleanup: chain.cleanup, leavesBehind: chain.leftBehind))
        }
    }

    /// Per `transition` fake: the allowed path walked from a new record to a state the transition
    /// does not start from, then the transition → the contract's refusal, and the record unchanged.
    func lifecycleCases() -> [TestCase] {
        let transitions = contracts.endpoints.filter { if case .transition = $0.fake?.kind { true } else { false } }
        return transitions.compactMap { endpoint -> TestCase? in
            guard case .transition(let name)? = endpoint.fake?.kind, let fake = endpoint.fake, let field = fake.field,
                  let resource = map.resource(named: name), let refusal = fake.error,
                  let start = Self.initialValue(of: field, resource: resource) else { return nil }
            let edges = transitions.compactMap { other -> (endpoint: Endpoint, from: [JSONValue], to: JSONValue)? in
                guard other.fake?.kind.collection == name, other.fake?.field == field, let to = Self.target(of: other) else { return nil }
                return (other, other.fake?.from ?? [], to)
            }
            // Breadth-first from the start to the nearest state this transition refuses.
            var paths: [(state: JSONValue, walk: [(Endpoint, JSONValue)])] = [(start, [])]
            var seen: [JSONValue] = [start]
            var found: (state: JSONValue, walk: [(Endpoint, JSONValue)])?
            while !paths.isEmpty, found == nil {
                let (state, walk) = paths.removeFirst()
                if !fake.from.contains(where: { $0.isJSONEqual(to: state) }) { found = (state, walk); break }
                for edge in edges where edge.from.contains(where: { $0.isJSONEqual(to: state) }) && !seen.contains(where: { $0.isJSONEqual(to: edge.to) }) {
                    seen.append(edge.to)
                    paths.append((edge.to, walk + [(edge.endpoint, edge.to)]))
                }
            }
            guard let found, var chain = owned.own(name), let capture = chain.ids[name] else { return nil }
            let parentPath = chain.setup.last?.path ?? [:]
            func path(_ target: Endpoint) -> [String: JSONValue] {
                var values = parentPath
                if let parameter = target.path.parameterNames.last { values[parameter] = .string("{{\(capture)}}") }
                return values
            }
            let pointer = JSONPointer("/data/\(field)")
            for (step, to) in found.walk {
                chain.setup.append(ScriptStep(call: step.id, label: "allowed, to \(to.stringValue ?? to.jsonString())", path: path(step), body: step.body?.example,
                                              expect: StepExpectation(statuses: [], body: [(pointer, to)])))
            }
            var refusalBody: [(pointer: JSONPointer, value: JSONValue)] = []
            if let code = refusal.code { refusalBody.append((JSONPointer("/code"), .string(code))) }
            chain.setup.append(ScriptStep(call: endpoint.id, label: "forbidden from \(found.state.stringValue ?? found.state.jsonString())", path: path(endpoint),
                                          body: endpoint.body?.example, expect: StepExpectation(statuses: [refusal.status], body: refusalBody)))
            if let read = resource.read {
                chain.setup.append(ScriptStep(call: read.id, label: "unchanged after the refusal", path: path(read),
                                              expect: StepExpectation(statuses: [], body: [(pointer, found.state)]), verifies: endpoint.id, requiresClean: true))
            }
            let from = found.state.stringValue ?? found.state.jsonString()
            return scripted(endpoint, name: "lifecycle: \(endpoint.id) from \(from) → \(refusal.status)", kind: .lifecycle,
                            Script(steps: chain.setup, cleanup: chain.cleanup, leavesBehind: chain.leftBehind))
        }
    }

    /// The state a new record starts in: the create's `set`, else its `defaults`, else its documented answer.
    static func initialValue(of field: String, resource: ResourceMap.Resource) -> JSONValue? {
        resource.create.fake?.set?[field] ?? resource.create.fake?.defaults?[field]
            ?? resource.create.successResponse?.example?["data"]?[field]
    }

    /// Where a transition leads: its `to`, or the example body's value where `to` is `{{body.x}}`.
    static func target(of endpoint: Endpoint) -> JSONValue? {
        guard let to = endpoint.fake?.to else { return nil }
        guard case .string(let text) = to, text.hasPrefix("{{body."), text.hasSuffix("}}") else { return to }
        let member = String(text.dropFirst("{{body.".count).dropLast(2)).trimmingCharacters(in: .whitespaces)
        return endpoint.body?.example?[member]
    }
}
