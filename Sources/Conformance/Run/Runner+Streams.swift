import Contracts
import JSON
import Synchronization

extension Runner {
    /// A stream case with a trigger: open the stream, send the trigger, expect the event with data
    /// matching its declared schema. The stream's head, the trigger's answer and the event are all checked.
    func listen(_ testCase: TestCase, request: PlannedRequest, stream: Endpoint,
                trigger: (endpointID: String, request: PlannedRequest, event: String)) async -> CaseResult {
        guard let target = contracts.endpoint(id: trigger.endpointID),
              let wire = builder.wire(request, endpoint: stream, token: await session.accessToken, tenant: await session.tenantID)
        else { return .skipped(testCase, "nothing to send") }
        let triggerOutcome = TriggerAnswer()
        let event = trigger.event
        let (head, events) = await transport.listen(
            wire, wait: streamWait,
            afterOpen: { triggerOutcome.set(await self.send(trigger.request, endpoint: target)) },
            enough: { received in received.contains { $0.name == event } })
        var divergences = checker.check(head, endpoint: stream, caseName: testCase.name, expectedStatus: testCase.expectedStatus).divergences
        guard divergences.isEmpty, case .response = head else { return CaseResult(testCase, divergences: divergences) }
        if let answer = triggerOutcome.value {
            let expected = target.successResponse?.status ?? 200
            divergences += checker.check(answer, endpoint: target, caseName: testCase.name, expectedStatus: expected).divergences
        }
        divergences += check(events, expecting: event, on: stream, after: target.id, caseName: testCase.name)
        return CaseResult(testCase, divergences: divergences, exercised: [stream.id, target.id])
    }

    /// The first event of the expected name, its data JSON and valid against the declared schema.
    func check(_ events: [ServerSentEvent], expecting name: String, on stream: Endpoint, after trigger: String, caseName: String) -> [Divergence] {
        guard let event = events.first(where: { $0.name == name }) else {
            let seen = events.isEmpty ? "nothing" : events.map(\.name).joined(separator: ", ")
            return [Divergence(endpointID: stream.id, caseName: caseName, kind: .event, expected: name, actual: seen,
                               message: "no '\(name)' event within \(streamWait) after \(trigger)")]
        }
        let data: JSONValue
        do {
            data = try JSONParser.parse(Array(event.data.utf8))
        } catch {
            return [Divergence(endpointID: stream.id, caseName: caseName, kind: .json, actual: ResponseChecker.short(event.data),
                               message: "the data of '\(name)' is not JSON: \(error)")]
        }
        guard let schema = stream.events.first(where: { $0.name == name })?.schema else { return [] }
        return schema.validate(data).map { error in
            Divergence(endpointID: stream.id, caseName: caseName, kind: .schema, pointer: error.instancePointer.description,
                       expected: error.keyword, actual: data.value(at: error.instancePointer).map { ResponseChecker.short($0.jsonString()) } ?? "missing",
                       message: "event '\(name)': \(error.message)")
        }
    }
}

/// The trigger's answer, handed from the listening task back to the case.
private final class TriggerAnswer: Sendable {
    private let outcome = Mutex<HTTPOutcome?>(nil)
    func set(_ value: HTTPOutcome) { outcome.withLock { $0 = value } }
    var value: HTTPOutcome? { outcome.withLock { $0 } }
}
