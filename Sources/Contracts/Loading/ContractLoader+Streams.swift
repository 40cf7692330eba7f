import JSON

extension ContractLoader {
    /// `stream: {require, let, after}`: the requirements are a view's (parsed and typed the same
    /// way); `after` is an expression of the request. The endpoint must declare a `channel`.
    func parseStreamFake(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument, endpointID: String) -> FakeStream? {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "stream", allowed: ["require", "let", "after"], diagnostics: diagnostics)
        else { return nil }
        var checks = value.objectValue ?? [:]
        checks.removeValue(forKey: "after")
        guard let view = parseView(.object(checks), at: pointer, in: document, endpointID: endpointID, answers: false) else { return nil }
        let after = expression(reader, "after", what: "stream after")
        deferredChecks.append { [unowned self] in
            guard let endpoint = endpoints.first(where: { $0.id == endpointID }) else { return }
            if endpoint.channel == nil { reader.error("a stream fake answers the endpoint's 'channel', which '\(endpointID)' does not declare") }
            guard let after else { return }
            var environment = expressionEnvironment(for: endpoint)
            environment.collections = [:]
            do throws(ExpressionProblem) { try ExpressionChecker(environment).check(after) } catch {
                reader.error("stream after: \(error.message)", at: "after")
            }
        }
        return FakeStream(checks: view, after: after, location: reader.location)
    }
}
