import Contracts
import JSON

extension CasePlanner {
    /// The documented example (or stream). A write works on records the runner creates itself and
    /// removes afterwards; a fresh value per run where the contract says (`verify.fresh`); a
    /// single-use value replaced by an unused one (`verify.singleUse`).
    func exampleCases(_ endpoint: Endpoint) -> [TestCase] {
        guard let success = endpoint.successResponse, endpoint.verifiedBy == nil, !options.readOnly || endpoint.safe else { return [] }
        let isStream = success.contentType.hasPrefix("text/event-stream")
        if isStream { return [streamCase(endpoint)] }
        if let single = endpoint.hints.singleUse, case .object = endpoint.body?.example {
            var body = endpoint.body!.example!
            for pointer in single.at { body = body.replacing(at: pointer, with: .string("understudy-unused-{{run.id}}")) ?? body }
            let step = ScriptStep(call: endpoint.id, label: "an unused single-use value", path: [:], query: templated(exampleQuery(endpoint)),
                                  headers: templated(exampleHeaders(endpoint)), body: body, expect: StepExpectation(statuses: [single.refused]))
            return [scripted(endpoint, name: "example: unused single-use value → \(single.refused)", kind: .example, Script(steps: [step]))]
        }
        if endpoint.safe {
            var example = base(endpoint, name: "example", kind: .example, expected: success.status)
            switch fixturePath(endpoint) {
            case .success(let values): example.request?.path = endpoint.path.expand(values)
            case .failure(let failure): example.skipReason = failure.message
            }
            return [example]
        }
        var body = endpoint.body?.example
        var leaves: [String] = []
        for pointer in endpoint.hints.fresh {
            guard let value = body?.value(at: pointer)?.stringValue else { continue }
            body = body?.replacing(at: pointer, with: .string(Self.fresh(value)))
            leaves.append("what \(endpoint.id) made with a fresh \(pointer) (no endpoint removes it)")
        }
        var step = ScriptStep(call: endpoint.id, query: templated(exampleQuery(endpoint)), headers: templated(exampleHeaders(endpoint)), body: body,
                              expect: StepExpectation(statuses: [success.status]))
        var chain = OwnedRecords.Chain()
        if let made = owned.path(for: endpoint) {
            chain = made.chain
            step.path = made.values
        } else if !endpoint.path.parameterNames.isEmpty {
            switch fixturePath(endpoint) {
            case .success(let values): step.path = values.mapValues(JSONValue.string)
            case .failure(let failure):
                var skipped = base(endpoint, name: "example", kind: .example, expected: success.status)
                skipped.skipReason = failure.message
                return [skipped]
            }
        }
        // A create of a resource: remove what it made.
        var cleanup = chain.cleanup
        if let resource = map.resources.first(where: { $0.create.id == endpoint.id }) {
            if let delete = resource.delete {
                step.capture = [("example.id", JSONPointer(resource.idPointer))]
                var path = step.path
                if let parameter = delete.path.parameterNames.last { path[parameter] = "{{example.id}}" }
                cleanup.insert(ScriptStep(call: delete.id, path: path), at: 0)
            } else {
                leaves.append("a \(resource.name) record created by \(endpoint.id) (no endpoint deletes one)")
            }
        }
        // Records the call makes besides (`verify.makes`): removed one by one.
        for made in endpoint.hints.makes {
            let name = "made.\(made.collection)"
            step.keep.append((name, made.ids))
            guard let delete = map.resource(named: made.collection)?.delete, let parameter = delete.path.parameterNames.last else {
                leaves.append("the \(made.collection) records \(endpoint.id) makes (no endpoint deletes one)")
                continue
            }
            var removal = ScriptStep(call: delete.id, path: [parameter: "{{each}}"])
            removal.forEach = name
            cleanup.insert(removal, at: 0)
        }
        guard !chain.setup.isEmpty || !step.capture.isEmpty || !leaves.isEmpty else {
            // State the runner does not own (a singleton, a session): one request, after the reads.
            var example = base(endpoint, name: "example", kind: .example, expected: success.status)
            example.request?.path = endpoint.path.expand(step.path.compactMapValues(\.stringValue))
            return [example]
        }
        let name = chain.setup.isEmpty ? "example" : "example (on its own \(chain.ids.keys.sorted().joined(separator: ", ")))"
        return [scripted(endpoint, name: name, kind: .example, Script(steps: chain.setup + [step], cleanup: cleanup, leavesBehind: chain.leftBehind + leaves))]
    }

    /// `demo@purposepath.app` → `demo+{{run.id}}@purposepath.app`; any other text gets `-{{run.id}}`.
    static func fresh(_ value: String) -> String {
        if let at = value.firstIndex(of: "@") { return value[..<at] + "+{{run.id}}" + value[at...] }
        return value + "-{{run.id}}"
    }

    /// No credentials → 401 on every protected endpoint (auth runs before anything else).
    func authCases(_ endpoint: Endpoint) -> [TestCase] {
        guard endpoint.auth.isProtected, !options.readOnly || endpoint.safe else { return [] }
        var negative = base(endpoint, name: "auth: no credentials → 401", kind: .auth, expected: 401)
        if case .success(let values) = fixturePath(endpoint, placeholder: true) { negative.request?.path = endpoint.path.expand(values) }
        negative.request?.identity = .anonymous
        negative.mutates = false
        negative.headOnly = endpoint.successResponse?.contentType.hasPrefix("text/event-stream") ?? false
        return [negative]
    }

    /// The stream opened; with a trigger, the event it causes checked, then the promise (ids, replay,
    /// heartbeat). The trigger writes: on a record the case makes itself (and removes) where it can.
    func streamCase(_ endpoint: Endpoint) -> TestCase {
        var example = base(endpoint, name: "stream", kind: .stream, expected: endpoint.successResponse?.status ?? 200)
        example.promise = endpoint.stream
        example.mutates = false
        let resolved = fixturePath(endpoint)
        switch resolved {
        case .success(let values): example.request?.path = endpoint.path.expand(values)
        case .failure(let failure): example.skipReason = failure.message
        }
        guard !options.readOnly, let trigger = endpoint.trigger, let target = contracts.endpoint(id: trigger.call) else { return example }
        var chain = OwnedRecords.Chain()
        var streamValues: [String: JSONValue]
        if let made = owned.path(for: endpoint) {
            chain = made.chain
            streamValues = made.values
        } else if case .success(let values) = resolved {
            streamValues = values.mapValues(JSONValue.string)
        } else {
            return example
        }
        // `{{path.goalId}}` names the stream's own path values.
        var triggerValues: [String: JSONValue] = [:]
        for (name, template) in trigger.path {
            var text = template
            for (parameter, value) in streamValues { text = text.replacingOccurrences(of: "{{path.\(parameter)}}", with: value.stringValue ?? "") }
            if text.contains("{{path.") {
                example.skipReason = "the trigger \(trigger.call): \(template) names no path value of the stream"
                return example
            }
            triggerValues[name] = .string(text)
        }
        if !target.path.parameterNames.allSatisfy({ triggerValues[$0] != nil }) {
            if chain.setup.isEmpty, let made = owned.path(for: target) {
                chain = made.chain
                triggerValues.merge(made.values) { given, _ in given }
            } else {
                switch resolver.resolve(target) {
                case .success(let resolved): triggerValues.merge(resolved.mapValues(JSONValue.string)) { given, _ in given }
                case .failure(let failure):
                    example.skipReason = "the trigger \(trigger.call): \(failure.message)"
                    return example
                }
            }
        }
        // Without the reconnect parameters: a replay could answer for the trigger.
        let required = Set(endpoint.query.filter(\.required).map(\.name) + endpoint.headers.filter(\.required).map(\.name))
        example.request?.query.removeAll { !required.contains($0.name) }
        example.request?.headers.removeAll { !required.contains($0.name) }
        example.request?.path = endpoint.path.template
        example.pathValues = streamValues
        example.triggerPathValues = triggerValues
        example.name = "stream: \(trigger.event) after \(trigger.call)" + (endpoint.stream?.replay == true ? ", replayed after Last-Event-ID" : "")
        example.mutates = chain.setup.isEmpty
        example.around = chain.setup.isEmpty ? nil : Script(steps: chain.setup, cleanup: chain.cleanup, leavesBehind: chain.leftBehind)
        example.trigger = (target.id, PlannedRequest(method: target.method, path: target.path.template, body: trigger.body ?? target.body?.example), trigger.event)
        return example
    }
}
