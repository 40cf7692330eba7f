import JSON

extension ContractLoader {
    static let flowKeys = ["summary", "description", "steps", "cleanup", "tags"]
    static let stepKeys = ["call", "path", "query", "headers", "body", "as", "expect", "capture", "verifies"]

    func parseFlow(id: String, value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "flow '\(id)'", allowed: Self.flowKeys, diagnostics: diagnostics)
        else { return }
        if !reader.has("steps") { reader.error("flow '\(id)' has no steps") }
        let flow = Flow(
            id: id, summary: reader.string("summary") ?? "", steps: parseSteps(reader, key: "steps"),
            cleanup: parseSteps(reader, key: "cleanup"), location: reader.location)
        flows.append(flow)
    }

    private func parseSteps(_ reader: ObjectReader, key: String) -> [FlowStep] {
        guard let value = reader.value(key) else { return [] }
        guard case .array(let items) = value else {
            reader.error("'\(key)' must be a list of steps", at: key)
            return []
        }
        return items.enumerated().compactMap { index, item in
            parseStep(item, at: reader.pointer(key).appending(index), in: reader.document)
        }
    }

    private func parseStep(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) -> FlowStep? {
        guard let step = ObjectReader(value, at: pointer, in: document, what: "flow step", allowed: Self.stepKeys, diagnostics: diagnostics),
            let call = step.string("call", required: true)
        else { return nil }
        let verifies = step.string("verifies")
        deferredChecks.append { [unowned self] in
            if let verifies, !endpoints.contains(where: { $0.id == verifies }) {
                let message = EditDistance.message("flow step verifies unknown endpoint '\(verifies)'", for: verifies, among: endpoints.map(\.id))
                step.error(message, at: "verifies")
            }
            guard !endpoints.contains(where: { $0.id == call }) else { return }
            let message = EditDistance.message("flow step calls unknown endpoint '\(call)'", for: call, among: endpoints.map(\.id))
            step.error(message, at: "call")
        }
        var expectedStatus: Int?
        var expectedBody: [(JSONPointer, JSONValue)] = []
        if let expectValue = step.value("expect"),
            let expect = ObjectReader(expectValue, at: step.pointer("expect"), in: document, what: "expect", allowed: ["status", "body"], diagnostics: diagnostics)
        {
            expectedStatus = expect.integer("status")
            for (pointerText, expected) in expect.mapping("body") ?? [:] {
                guard pointerText.hasPrefix("/") else {
                    expect.error("expect.body keys are JSON pointers starting with '/'; found '\(pointerText)'", at: "body")
                    continue
                }
                expectedBody.append((JSONPointer(pointerText), expected))
            }
        }
        var capture: [(String, JSONPointer)] = []
        for (name, target) in step.mapping("capture") ?? [:] {
            guard let text = target.stringValue, text.hasPrefix("/") else {
                diagnostics.error("capture '\(name)' must be a JSON pointer starting with '/'", at: document.location(of: step.pointer("capture").appending(name)))
                continue
            }
            capture.append((name, JSONPointer(text)))
        }
        let credentials = step.choice("as", among: ["user", "anonymous"]).flatMap(FlowStep.Credentials.init) ?? .user
        func map(_ key: String) -> [String: JSONValue] {
            Dictionary(uniqueKeysWithValues: (step.mapping(key) ?? [:]).map { ($0.key, $0.value) })
        }
        return FlowStep(
            call: call, path: map("path"), query: map("query"), headers: map("headers"), body: step.value("body"),
            credentials: credentials, expectedStatus: expectedStatus, expectedBody: expectedBody, capture: capture,
            verifies: verifies, location: step.location)
    }
}
