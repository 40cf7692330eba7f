import Contracts
import JSON

extension CasePlanner {
    /// Requests the schema forbids, each refused with the documented 422 (or 400) and changing
    /// nothing: bodies from `NegativeBodies` (on the runner's own record where the path addresses
    /// one; a create that wrongly succeeds is removed again), and typed query parameters given text
    /// they cannot be.
    func validationCases(_ endpoint: Endpoint) -> [TestCase] {
        guard let refusal = [422, 400].first(where: { endpoint.response(for: $0) != nil }) else { return [] }
        var cases: [TestCase] = []
        if !options.readOnly, options.negatives > 0, let body = endpoint.body, let schema = body.schema, let example = body.example {
            let count = options.negatives
            let negatives = NegativeBodies.make(from: example, schema: schema, count: count, seed: options.seed &+ endpoint.id.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
            if !negatives.isEmpty, let script = negativeScript(endpoint, negatives: negatives, refusal: refusal) {
                cases.append(scripted(endpoint, name: "validation: \(negatives.count) bodies the schema refuses → \(refusal)", kind: .validation, script))
            }
        }
        for parameter in endpoint.query {
            guard let bad = Self.badQueryValue(parameter) else { continue }
            var negative = base(endpoint, name: "validation: query \(parameter.name)=\(bad) → \(refusal)", kind: .validation, expected: refusal)
            negative.request?.query.removeAll { $0.name == parameter.name }
            negative.request?.query.append((parameter.name, bad))
            switch fixturePath(endpoint) {
            case .success(let values): negative.request?.path = endpoint.path.expand(values)
            case .failure(let failure): negative.skipReason = failure.message
            }
            negative.mutates = !endpoint.safe
            negative.headOnly = endpoint.successResponse?.contentType.hasPrefix("text/event-stream") ?? false
            cases.append(negative)
            if cases.count > 3 { break }
        }
        return cases
    }

    /// A text the parameter's schema cannot accept, or nil (an untyped string takes anything).
    static func badQueryValue(_ parameter: Parameter) -> String? {
        guard let schema = parameter.schema else { return nil }
        switch parameter.valueType {
        case "integer", "number":
            return "not-a-number"
        case "boolean":
            return "not-a-boolean"
        case "array":
            // Sent comma-separated and read back as a list of strings.
            let candidate = "understudy-not-allowed"
            return schema.isValid(.array([.string(candidate)])) ? nil : candidate
        default:
            let candidate = "understudy-not-allowed"
            return schema.isValid(.string(candidate)) ? nil : candidate
        }
    }

    private func negativeScript(_ endpoint: Endpoint, negatives: [NegativeBodies.Negative], refusal: Int) -> Script? {
        var chain = OwnedRecords.Chain()
        var path: [String: JSONValue] = [:]
        if let made = owned.path(for: endpoint) {
            chain = made.chain
            path = made.values
        } else if !endpoint.path.parameterNames.isEmpty {
            guard case .success(let values) = fixturePath(endpoint) else { return nil }
            path = values.mapValues(JSONValue.string)
        }
        let creates = map.resources.first { $0.create.id == endpoint.id }
        var steps = chain.setup
        // The record the negatives address, as it reads before them: afterwards it must read the same.
        var snapshot: (read: Endpoint, path: [String: JSONValue], capture: String)?
        if let ownerName = endpoint.path.parameterNames.last.flatMap({ map.owner(of: $0, in: endpoint)?.name }),
           let resource = map.resource(named: ownerName), let read = resource.read, let capture = chain.ids[ownerName],
           let parameter = read.path.parameterNames.last {
            var readPath = path
            readPath[parameter] = .string("{{\(capture)}}")
            snapshot = (read, readPath, "\(capture).before")
            var before = ScriptStep(call: read.id, label: "as it is before the negatives", path: readPath, capture: [("\(capture).before", JSONPointer("/data"))])
            before.incidental = true
            steps.append(before)
        }
        var cleanup = chain.cleanup
        for (index, negative) in negatives.enumerated() {
            var step = ScriptStep(call: endpoint.id, label: negative.label, path: path, query: templated(exampleQuery(endpoint)),
                                  headers: templated(exampleHeaders(endpoint)), body: negative.body, expect: StepExpectation(statuses: [refusal]))
            step.independent = true
            if let creates, let delete = creates.delete {
                // A create that should have been refused made a record: remove it.
                let name = "negative.\(index + 1)"
                step.keep = [(name, JSONPointer(creates.idPointer))]
                var deletePath = path
                if let parameter = delete.path.parameterNames.last { deletePath[parameter] = .string("{{\(name)}}") }
                cleanup.insert(ScriptStep(call: delete.id, path: deletePath), at: 0)
            }
            steps.append(step)
        }
        // Nothing changed: the record the negatives addressed reads as it did before them.
        if let snapshot {
            steps.append(ScriptStep(call: snapshot.read.id, label: "unchanged after the refusals", path: snapshot.path,
                                    expect: StepExpectation(statuses: [], body: [(JSONPointer("/data"), .string("{{\(snapshot.capture)}}"))]),
                                    verifies: endpoint.id, requiresClean: true))
        }
        return Script(steps: steps, cleanup: cleanup, leavesBehind: chain.leftBehind)
    }
}
