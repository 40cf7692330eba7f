import Contracts
import JSON

/// Replays one flow: steps in order with templated values and captures, stopping at the first failed
/// step; cleanup steps always run (404 tolerated). Every answer is also checked against the contract.
struct FlowRunner: Sendable {
    let runner: Runner

    enum StepVerdict {
        case passed(JSONValue?)
        case failed([Divergence])
        case skipped(String)
    }

    func run(_ flow: Flow, as testCase: TestCase) async -> CaseResult {
        var values: [String: JSONValue] = [:]
        if let user = await runner.session.userID { values["user.id"] = .string(user) }
        if let tenant = await runner.session.tenantID { values["tenant.id"] = .string(tenant) }
        if let email = runner.credentials.email { values["credentials.email"] = .string(email) }
        if let password = runner.credentials.password { values["credentials.password"] = .string(password) }
        values["run.id"] = .string(Self.runID())
        var divergences: [Divergence] = []
        var skipped: [String] = []
        var exercised: [String] = []
        for (index, step) in flow.steps.enumerated() {
            let label = "step \(index + 1) (\(step.call))"
            switch await run(step, label: label, testCase: testCase, values: &values, cleanup: false) {
            case .passed: exercised.append(step.call)
            case .skipped(let reason): skipped.append("\(label): \(reason)")
            case .failed(let found):
                exercised.append(step.call)
                divergences += found
            }
            if !divergences.isEmpty { break }
        }
        for (index, step) in flow.cleanup.enumerated() {
            let label = "cleanup \(index + 1) (\(step.call))"
            if case .failed(let found) = await run(step, label: label, testCase: testCase, values: &values, cleanup: true) {
                divergences += found
            }
        }
        if divergences.isEmpty, exercised.isEmpty { return .skipped(testCase, skipped.joined(separator: "; ")) }
        var result = CaseResult(testCase, divergences: divergences, exercised: exercised)
        if !skipped.isEmpty { result.reason = "skipped " + skipped.joined(separator: "; ") }
        return result
    }

    /// Whether a read-after-write divergence is the write's fault: a value that differs, or a status
    /// the read documents (200 where a deleted record's 404 was due). A read that breaks its own
    /// contract (undocumented status, schema, content type) is the read's fault.
    static func blames(culprit divergence: Divergence, endpoint: Endpoint) -> Bool {
        switch divergence.kind {
        case .expectation: true
        case .status: divergence.actual.flatMap(Int.init).map { endpoint.response(for: $0) != nil } ?? false
        default: false
        }
    }

    /// A value unique to this replay (`{{run.id}}`), for data that must not collide with an earlier run's.
    static func runID() -> String {
        String((0..<10).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
    }

    private func run(_ step: FlowStep, label: String, testCase: TestCase, values: inout [String: JSONValue], cleanup: Bool) async -> StepVerdict {
        guard let endpoint = runner.contracts.endpoint(id: step.call) else { return .skipped("no endpoint '\(step.call)'") }
        let template = FlowTemplate(values: values)
        let request: PlannedRequest
        do {
            let path = Dictionary(uniqueKeysWithValues: try template.renderText(step.path))
            request = PlannedRequest(
                method: endpoint.method, path: endpoint.path.expand(path), query: try template.renderText(step.query),
                headers: try template.renderText(step.headers), body: try step.body.map { value throws(FlowTemplate.Missing) in try template.render(value) },
                credentials: step.credentials == .anonymous ? .anonymous : .user)
        } catch {
            return .skipped("no value for {{\(error.name)}}")
        }
        let expected = step.expectedStatus ?? endpoint.successResponse?.status ?? 200
        let outcome = await runner.send(request, endpoint: endpoint)
        if cleanup, case .response(let answer) = outcome, answer.status == 404 { return .passed(nil) }
        let caseName = testCase.name
        var verdict = runner.checker.check(outcome, endpoint: endpoint, caseName: caseName, expectedStatus: expected)
        if let body = verdict.body {
            for (pointer, written) in step.expectedBody {
                let value = (try? template.render(written)) ?? written
                let actual = body.value(at: pointer)
                if actual.map({ $0.isJSONEqual(to: value) }) != true {
                    verdict.divergences.append(Divergence(
                        endpointID: endpoint.id, caseName: caseName, kind: .expectation, pointer: pointer.description,
                        expected: value.jsonString(), actual: actual?.jsonString() ?? "missing", message: "expect.body \(pointer) differs"))
                }
            }
            for (name, pointer) in step.capture {
                guard let captured = body.value(at: pointer) else { continue }
                values[name] = captured
                if name.lowercased().contains("token"), let secret = captured.stringValue { await runner.session.noteSecret(secret) }
            }
        } else if !step.expectedBody.isEmpty, verdict.divergences.isEmpty {
            verdict.divergences.append(Divergence(endpointID: endpoint.id, caseName: caseName, kind: .expectation,
                                                  message: "expect.body given but the answer has no JSON body"))
        }
        let missing = step.capture.filter { values[$0.name] == nil }
        if verdict.divergences.isEmpty, !missing.isEmpty {
            verdict.divergences += missing.map {
                Divergence(endpointID: endpoint.id, caseName: caseName, kind: .expectation, pointer: $0.pointer.description,
                           expected: "a value to capture as \($0.name)", actual: "missing", message: "capture \($0.name) found nothing")
            }
        }
        guard !verdict.divergences.isEmpty else { return .passed(verdict.body) }
        return .failed(verdict.divergences.map { divergence in
            var labelled = divergence
            labelled.message = "\(label): \(divergence.message)"
            if let culprit = step.verifies, Self.blames(culprit: divergence, endpoint: endpoint) {
                labelled.endpointID = culprit
                labelled.message = "\(label), read after \(culprit): \(divergence.message)"
            }
            return labelled
        })
    }
}
