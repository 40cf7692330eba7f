import Contracts
import JSON

/// Replays one script (a contract flow, or a case the planner wrote): steps in order with templated
/// values and captures; cleanup steps always run (404 tolerated). Every answer is also checked
/// against the contract.
///
/// A divergence that leaves later steps what they need (a `null` where a string is documented) is
/// recorded and the script goes on. A step whose status is in the wrong class, whose captures are
/// missing or that got no answer stops it: each later step is reported as not reached, with why.
struct ScriptRunner: Sendable {
    let runner: Runner

    enum StepVerdict {
        case passed
        /// Divergences found; `stops` when later steps cannot run on what this one left.
        case failed([Divergence], stops: String?)
        case skipped(String)
    }

    /// Runs the script; `middle`, when given, runs between its steps and its cleanup with the values
    /// the steps captured (a stream probe on records the steps made).
    func run(_ script: Script, as testCase: TestCase, middle: (@Sendable ([String: JSONValue]) async -> CaseResult)? = nil) async -> CaseResult {
        var values: [String: JSONValue] = [:]
        if let user = await runner.session.userID { values["user.id"] = .string(user) }
        if let tenant = await runner.session.tenantID { values["tenant.id"] = .string(tenant) }
        if let tenant = await runner.second?.tenantID { values["second.tenant.id"] = .string(tenant) }
        if let email = runner.credentials.email { values["credentials.email"] = .string(email) }
        if let password = runner.credentials.password { values["credentials.password"] = .string(password) }
        values["run.id"] = .string(Self.runID())
        var divergences: [Divergence] = []
        var skipped: [String] = []
        var notReached: [String] = []
        var exercised: [String] = []
        var stop: String?
        var setupFailed = false
        for (index, step) in script.steps.enumerated() {
            let label = Self.label(step, index: index, cleanup: false)
            if let stop {
                notReached.append("\(label): not reached — \(stop)")
                continue
            }
            if step.requiresClean, !divergences.isEmpty {
                notReached.append("\(label): not reached — an earlier step already diverged")
                continue
            }
            switch await run(step, label: label, testCase: testCase, values: &values, cleanup: false) {
            case .passed: exercised.append(step.call)
            case .skipped(let reason): skipped.append("\(label): \(reason)")
            case .failed(let found, let stops):
                // What makes the case's own records is checked by its endpoint's own cases: here it
                // only decides whether the case can go on.
                if step.incidental {
                    if let stops {
                        stop = "\(label) \(stops)"
                        setupFailed = true
                    }
                    continue
                }
                exercised.append(step.call)
                divergences += found
                if !step.independent { stop = stops.map { "\(label) \($0)" } }
            }
        }
        if let middle {
            if stop == nil, divergences.isEmpty {
                let inner = await middle(values)
                divergences += inner.divergences
                exercised += inner.exercised
                if inner.status == .skipped, let reason = inner.reason { skipped.append(reason) }
            } else {
                notReached.append("\(testCase.name): not reached — \(stop ?? "making its records diverged")")
            }
        }
        var leftBehind = script.leavesBehind
        for (index, step) in script.cleanup.enumerated() {
            let label = Self.label(step, index: index, cleanup: true)
            for each in Self.elements(of: step, in: values) {
                if let each { values["each"] = each }
                switch await run(step, label: label, testCase: testCase, values: &values, cleanup: true) {
                case .failed(let found, let stops?):
                    divergences += found
                    leftBehind.append("\(label) \(stops): what it removes may be left behind")
                case .failed, .skipped, .passed: break
                }
            }
        }
        if divergences.isEmpty, setupFailed, let stop {
            // Its records could not be made: the endpoint that failed to make them says why, in its own cases.
            var result = CaseResult.skipped(testCase, "could not make what it works on: \(stop)")
            result.leftBehind = leftBehind
            return result
        }
        if divergences.isEmpty, exercised.isEmpty { return .skipped(testCase, (skipped + notReached).joined(separator: "; ")) }
        var result = CaseResult(testCase, divergences: divergences, exercised: exercised)
        if !skipped.isEmpty { result.reason = "skipped " + skipped.joined(separator: "; ") }
        result.notReached = notReached
        result.leftBehind = leftBehind
        return result
    }

    /// The values a `forEach` step runs for (none when its capture is missing); `[nil]` for a plain step.
    static func elements(of step: ScriptStep, in values: [String: JSONValue]) -> [JSONValue?] {
        guard let name = step.forEach else { return [nil] }
        switch values[name] {
        case .array(let items)?: return items
        case let value?: return [value]
        case nil: return []
        }
    }

    static func label(_ step: ScriptStep, index: Int, cleanup: Bool) -> String {
        "\(cleanup ? "cleanup" : "step") \(index + 1) (\(step.call)\(step.label.map { ", \($0)" } ?? ""))"
    }

    /// Whether a read-after-write divergence is the write's fault: a value that differs, or a status
    /// the read documents (200 where a deleted record's 404 was due). A read that breaks its own
    /// contract (undocumented status, schema, content type) is the read's fault.
    static func blames(culprit divergence: Divergence, endpoint: Endpoint) -> Bool {
        switch divergence.kind {
        case .expectation, .leak: true
        case .status: divergence.actual.flatMap(Int.init).map { endpoint.response(for: $0) != nil } ?? false
        default: false
        }
    }

    /// A value unique to this replay (`{{run.id}}`), for data that must not collide with an earlier run's.
    static func runID() -> String {
        String((0..<10).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
    }

    private func run(_ step: ScriptStep, label: String, testCase: TestCase, values: inout [String: JSONValue], cleanup: Bool) async -> StepVerdict {
        guard let endpoint = runner.contracts.endpoint(id: step.call) else { return .skipped("no endpoint '\(step.call)'") }
        let template = FlowTemplate(values: values)
        let request: PlannedRequest
        var captured: String?
        do {
            let path = Dictionary(uniqueKeysWithValues: try template.renderText(step.path))
            request = PlannedRequest(
                method: endpoint.method, path: endpoint.path.expand(path), query: try template.renderText(step.query),
                headers: try template.renderText(step.headers), body: try step.body.map { value throws(FlowTemplate.Missing) in try template.render(value) },
                identity: step.identity)
            if case .captured(let name) = step.identity { captured = try template.render(.string("{{\(name)}}")).stringValue }
        } catch {
            return .skipped("no value for {{\(error.name)}}")
        }
        let statuses = step.expect.flatMap { $0.statuses.isEmpty ? nil : $0.statuses } ?? [endpoint.successResponse?.status ?? 200]
        let outcome = await runner.send(request, endpoint: endpoint, stream: step.headOnly, capturedToken: captured)
        if cleanup, case .response(let answer) = outcome, answer.status == 404 { return .passed }
        let caseName = testCase.name
        // Of several acceptable statuses, the one answered is the one checked.
        var expected = statuses[0]
        if case .response(let answer) = outcome, statuses.contains(answer.status) { expected = answer.status }
        var verdict = runner.checker.check(outcome, endpoint: endpoint, caseName: caseName, expectedStatus: expected)
        if statuses.count > 1, let index = verdict.divergences.firstIndex(where: { $0.kind == .status }) {
            verdict.divergences[index].expected = statuses.map(String.init).joined(separator: " or ")
        }
        // A wrong status is the root cause: what the body should have held is not said again.
        let statusWrong = verdict.divergences.contains { $0.kind == .status }
        if let body = verdict.body, statusWrong {
            for (name, pointer) in step.capture { if let value = body.value(at: pointer) { values[name] = value } }
        } else if let body = verdict.body {
            for (pointer, written) in step.expect?.body ?? [] {
                let value = (try? template.render(written)) ?? written
                let actual = body.value(at: pointer)
                if actual.map({ $0.isJSONEqual(to: value) }) != true {
                    verdict.divergences.append(ExpectationChecker.unexpected(actual, at: pointer, wanted: value, endpoint: endpoint, caseName: caseName))
                }
            }
            for written in step.expect?.absent ?? [] {
                guard let value = (try? template.render(written))?.stringValue, !value.isEmpty else { continue }
                if let pointer = ExpectationChecker.find(value, in: body) {
                    verdict.divergences.append(ExpectationChecker.leaked(value, at: pointer, endpoint: endpoint, caseName: caseName))
                }
            }
            for (name, pointer) in step.keep {
                if let value = body.value(at: pointer) { values[name] = value }
            }
            for (name, pointer) in step.capture {
                guard let value = body.value(at: pointer) else { continue }
                values[name] = value
                if name.lowercased().contains("token"), let secret = value.stringValue { await runner.session.noteSecret(secret) }
            }
        } else if !(step.expect?.body.isEmpty ?? true), verdict.divergences.isEmpty {
            verdict.divergences.append(ExpectationChecker.noBody(endpoint: endpoint, caseName: caseName))
        }
        verdict.divergences = Self.sayingOnce(verdict.divergences)
        let missing = step.capture.filter { values[$0.name] == nil }
        if verdict.divergences.isEmpty, !missing.isEmpty {
            verdict.divergences += missing.map { ExpectationChecker.nothingToCapture($0.name, at: $0.pointer, endpoint: endpoint, caseName: caseName) }
        }
        guard !verdict.divergences.isEmpty else { return .passed }
        let stops: String?
        switch outcome {
        case .failure: stops = "got no answer"
        case .response(let answer):
            if answer.status / 100 != expected / 100 { stops = "answered \(answer.status) where \(expected) was expected" }
            else if !missing.isEmpty { stops = "left \(missing.map(\.name).joined(separator: ", ")) uncaptured" }
            else { stops = nil }
        }
        return .failed(verdict.divergences.map { divergence in
            var labelled = divergence
            labelled.message = "\(label): \(divergence.message)"
            if let culprit = step.verifies, Self.blames(culprit: divergence, endpoint: endpoint) {
                labelled.endpointID = culprit
                labelled.message = "\(label), read after \(culprit): \(divergence.message)"
            }
            return labelled
        }, stops: stops)
    }

    /// One line per root cause within a step: an expected value under a place the schema already
    /// faulted is not said again, and several values that differ are one line.
    static func sayingOnce(_ divergences: [Divergence]) -> [Divergence] {
        let faulted = divergences.filter { $0.kind == .schema }.compactMap(\.pointer)
        var kept = divergences.filter { divergence in
            guard divergence.kind == .expectation, let pointer = divergence.pointer else { return true }
            return !faulted.contains { pointer == $0 || pointer.hasPrefix($0 + "/") || $0.isEmpty }
        }
        let expectations = kept.filter { $0.kind == .expectation && $0.pointer != nil }
        if expectations.count > 1, var first = expectations.first {
            first.message = "expected " + expectations.map { "\($0.pointer!) to be \($0.expected ?? "?")" }.joined(separator: ", ")
            first.expected = expectations.map { $0.expected ?? "?" }.joined(separator: ", ")
            first.actual = expectations.map { $0.actual ?? "?" }.joined(separator: ", ")
            kept.removeAll { $0.kind == .expectation && $0.pointer != nil }
            kept.append(first)
        }
        return kept
    }
}
