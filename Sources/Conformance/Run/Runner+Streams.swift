import Contracts
import JSON
import Synchronization

extension Runner {
    /// A stream case: open the stream (sending the trigger once it is open), check its head, the
    /// trigger's answer and the events: declared names, data valid against the declared schema, ids
    /// present and increasing where the contract promises them. With `replay` promised: trigger again
    /// while disconnected, reconnect with `Last-Event-ID` and expect the missed event first. With a
    /// `heartbeat`: a comment within that many seconds.
    func probe(_ testCase: TestCase, request: PlannedRequest, stream: Endpoint) async -> CaseResult {
        var divergences: [Divergence] = []
        var exercised = [stream.id]
        let promise = testCase.promise
        let triggerTarget = testCase.trigger.flatMap { contracts.endpoint(id: $0.endpointID) }
        let event = testCase.trigger?.event
        // First connection: the trigger's event arrives live.
        var afterOpen: (@Sendable () async -> HTTPOutcome)?
        if let trigger = testCase.trigger, let triggerTarget {
            afterOpen = { await self.send(trigger.request, endpoint: triggerTarget) }
        }
        let first = await listen(request, stream: stream, wait: streamWait, afterOpen: afterOpen) { (reading: StreamReading) -> Bool in
            guard let event else { return !reading.events.isEmpty }
            return reading.events.contains { $0.name == event }
        }
        divergences += checker.check(first.head, endpoint: stream, caseName: testCase.name, expectedStatus: testCase.expectedStatus).divergences
        guard divergences.isEmpty, case .response = first.head else { return CaseResult(testCase, divergences: divergences, exercised: exercised) }
        if let answer = first.trigger, let triggerTarget {
            exercised.append(triggerTarget.id)
            // The trigger's own answer is its endpoint's cases' business; here only a refusal counts.
            if case .response(let triggered) = answer, (200..<300).contains(triggered.status) {} else {
                divergences += checker.check(answer, endpoint: triggerTarget, caseName: testCase.name, expectedStatus: triggerTarget.successResponse?.status ?? 200).divergences
            }
        }
        let firstEvents: [ServerSentEvent] = first.reading.events
        divergences += EventChecker.check(firstEvents, on: stream, promise: promise, caseName: testCase.name, connection: "live")
        guard let event, let trigger = testCase.trigger, let triggerTarget else { return CaseResult(testCase, divergences: divergences, exercised: exercised) }
        guard let seen = firstEvents.first(where: { $0.name == event }) else {
            // An event under a name the contract does not declare already says why the expected one is missing.
            if divergences.contains(where: { $0.kind == .event }) { return CaseResult(testCase, divergences: divergences, exercised: exercised) }
            divergences.append(EventChecker.missing(event, among: firstEvents, on: stream, caseName: testCase.name, within: streamWait, after: trigger.endpointID))
            return CaseResult(testCase, divergences: divergences, exercised: exercised)
        }
        guard let promise, promise.replay || promise.heartbeat != nil else { return CaseResult(testCase, divergences: divergences, exercised: exercised) }
        // Second connection: what was published while away is replayed after Last-Event-ID.
        if promise.replay, let lastID = seen.id {
            _ = await send(trigger.request, endpoint: triggerTarget)
            var reconnect = request
            reconnect.headers.append(("Last-Event-ID", lastID))
            let wait = max(streamWait, .seconds(promise.heartbeat.map { $0 + 2 } ?? 0))
            let second = await listen(reconnect, stream: stream, wait: wait, afterOpen: nil) { reading in
                reading.events.contains { $0.name == event && EventChecker.isAfter($0.id, lastID) } && (promise.heartbeat == nil || reading.heartbeats > 0)
            }
            divergences += checker.check(second.head, endpoint: stream, caseName: testCase.name, expectedStatus: testCase.expectedStatus).divergences
            divergences += EventChecker.check(second.reading.events, on: stream, promise: promise, caseName: testCase.name, connection: "reconnected")
            if !second.reading.events.contains(where: { $0.name == event && EventChecker.isAfter($0.id, lastID) }) {
                divergences.append(EventChecker.notReplayed(event, after: lastID, got: second.reading.events, on: stream, caseName: testCase.name))
            }
            if let interval = promise.heartbeat, second.reading.heartbeats == 0 {
                divergences.append(EventChecker.heartbeatMissing(stream, caseName: testCase.name, interval: interval))
            }
        } else if let interval = promise.heartbeat {
            let quiet = await listen(request, stream: stream, wait: .seconds(interval + 2), afterOpen: nil) { $0.heartbeats > 0 }
            if quiet.reading.heartbeats == 0 { divergences.append(EventChecker.heartbeatMissing(stream, caseName: testCase.name, interval: interval)) }
        }
        return CaseResult(testCase, divergences: divergences, exercised: exercised)
    }

    /// The stream's path and its trigger's, filled from their templated values (captures of the records
    /// the case made); a case planned with plain paths is left as it is.
    func expandingPaths(_ testCase: TestCase, request: PlannedRequest, stream: Endpoint, values: [String: JSONValue]) -> (TestCase, PlannedRequest) {
        let template = FlowTemplate(values: values)
        func text(_ map: [String: JSONValue]) -> [String: String] {
            map.mapValues { value in ((try? template.render(value)) ?? value).stringValue ?? "" }
        }
        var probed = testCase
        var request = request
        if !testCase.pathValues.isEmpty { request.path = stream.path.expand(text(testCase.pathValues)) }
        if let trigger = testCase.trigger, !testCase.triggerPathValues.isEmpty, let target = contracts.endpoint(id: trigger.endpointID) {
            var triggerRequest = trigger.request
            triggerRequest.path = target.path.expand(text(testCase.triggerPathValues))
            probed.trigger = (trigger.endpointID, triggerRequest, trigger.event)
        }
        return (probed, request)
    }

    private func listen(
        _ request: PlannedRequest, stream: Endpoint, wait: Duration, afterOpen: (@Sendable () async -> HTTPOutcome)?,
        enough: @escaping @Sendable (StreamReading) -> Bool
    ) async -> (head: HTTPOutcome, reading: StreamReading, trigger: HTTPOutcome?) {
        guard let wire = builder.wire(request, endpoint: stream, auth: await auth(for: request.identity, captured: nil)) else {
            return (.failure(TransportFailure(kind: .other, message: "service \(stream.service) has no target")), StreamReading(), nil)
        }
        let answer = TriggerAnswer()
        let (head, reading) = await transport.listen(wire, wait: wait, afterOpen: { if let afterOpen { answer.set(await afterOpen()) } }, enough: enough)
        return (head, reading, answer.value)
    }
}

/// The trigger's answer, handed from the listening task back to the case.
private final class TriggerAnswer: Sendable {
    private let outcome = Mutex<HTTPOutcome?>(nil)
    func set(_ value: HTTPOutcome) { outcome.withLock { $0 = value } }
    var value: HTTPOutcome? { outcome.withLock { $0 } }
}
