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
        divergences += check(firstEvents, on: stream, promise: promise, caseName: testCase.name, connection: "live")
        guard let event, let trigger = testCase.trigger, let triggerTarget else { return CaseResult(testCase, divergences: divergences, exercised: exercised) }
        guard let seen = firstEvents.first(where: { $0.name == event }) else {
            // An event under a name the contract does not declare already says why the expected one is missing.
            if divergences.contains(where: { $0.kind == .event }) { return CaseResult(testCase, divergences: divergences, exercised: exercised) }
            let names = firstEvents.isEmpty ? "nothing" : firstEvents.map { $0.name }.joined(separator: ", ")
            divergences.append(Divergence(endpointID: stream.id, caseName: testCase.name, kind: .event, expected: event, actual: names,
                                          message: "no '\(event)' event within \(streamWait) after \(trigger.endpointID)"))
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
                reading.events.contains { $0.name == event && Self.isAfter($0.id, lastID) } && (promise.heartbeat == nil || reading.heartbeats > 0)
            }
            divergences += checker.check(second.head, endpoint: stream, caseName: testCase.name, expectedStatus: testCase.expectedStatus).divergences
            divergences += check(second.reading.events, on: stream, promise: promise, caseName: testCase.name, connection: "reconnected")
            if !second.reading.events.contains(where: { $0.name == event && Self.isAfter($0.id, lastID) }) {
                divergences.append(Divergence(
                    endpointID: stream.id, caseName: testCase.name, kind: .event, expected: "'\(event)' after id \(lastID)",
                    actual: second.reading.events.isEmpty ? "nothing" : second.reading.events.map { "\($0.name)#\($0.id ?? "-")" }.joined(separator: ", "),
                    message: "reconnected with Last-Event-ID \(lastID): the event published meanwhile was not replayed"))
            }
            if let interval = promise.heartbeat, second.reading.heartbeats == 0 {
                divergences.append(heartbeatMissing(stream, caseName: testCase.name, interval: interval))
            }
        } else if let interval = promise.heartbeat {
            let quiet = await listen(request, stream: stream, wait: .seconds(interval + 2), afterOpen: nil) { $0.heartbeats > 0 }
            if quiet.reading.heartbeats == 0 { divergences.append(heartbeatMissing(stream, caseName: testCase.name, interval: interval)) }
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

    private func heartbeatMissing(_ stream: Endpoint, caseName: String, interval: Int) -> Divergence {
        Divergence(endpointID: stream.id, caseName: caseName, kind: .event, expected: "a comment within \(interval)s", actual: "none",
                   message: "no heartbeat comment within the declared \(interval) seconds")
    }

    /// Whether an event id comes after another (numerically when both are numbers).
    static func isAfter(_ id: String?, _ other: String) -> Bool {
        guard let id else { return false }
        if let number = Int(id), let previous = Int(other) { return number > previous }
        return id != other
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

    /// Every event: a declared name, JSON data valid against its schema, an increasing `id:` where promised.
    func check(_ events: [ServerSentEvent], on stream: Endpoint, promise: StreamPromise?, caseName: String, connection: String) -> [Divergence] {
        var found: [Divergence] = []
        var previous: Int?
        var withoutID: [String] = []
        for event in events {
            guard let declaration = stream.events.first(where: { $0.name == event.name }) else {
                found.append(Divergence(endpointID: stream.id, caseName: caseName, kind: .event, expected: stream.events.map(\.name).joined(separator: " | "),
                                        actual: event.name, message: "\(connection): an event named '\(event.name)', which the contract does not declare"))
                continue
            }
            if promise?.ids == true {
                if let id = event.id, !id.isEmpty {
                    if let number = Int(id) {
                        if let previous, number <= previous {
                            found.append(Divergence(endpointID: stream.id, caseName: caseName, kind: .event, expected: "an id after \(previous)", actual: id,
                                                    message: "\(connection): event ids do not increase"))
                        }
                        previous = number
                    }
                } else if !withoutID.contains(event.name) {
                    withoutID.append(event.name)
                }
            }
            let data: JSONValue
            do {
                data = try JSONParser.parse(Array(event.data.utf8))
            } catch {
                found.append(Divergence(endpointID: stream.id, caseName: caseName, kind: .json, actual: ResponseChecker.short(event.data),
                                        message: "the data of '\(event.name)' is not JSON: \(error)"))
                continue
            }
            for error in declaration.schema?.validate(data) ?? [] {
                found.append(Divergence(endpointID: stream.id, caseName: caseName, kind: .schema, pointer: error.instancePointer.description,
                                        expected: error.keyword, actual: data.value(at: error.instancePointer).map { ResponseChecker.short($0.jsonString()) } ?? "missing",
                                        message: "event '\(event.name)': \(error.message)"))
            }
        }
        if !withoutID.isEmpty {
            found.append(Divergence(endpointID: stream.id, caseName: caseName, kind: .event, expected: "id:", actual: "none",
                                    message: "\(connection): events carry no id (\(withoutID.joined(separator: ", "))), so a client cannot resume after them"))
        }
        // One root cause, one line: the same complaint about every event is said once.
        var seen: Set<String> = []
        return found.filter { seen.insert("\($0.kind)|\($0.pointer ?? "")|\($0.expected ?? "")|\($0.message)").inserted }
    }
}

/// The trigger's answer, handed from the listening task back to the case.
private final class TriggerAnswer: Sendable {
    private let outcome = Mutex<HTTPOutcome?>(nil)
    func set(_ value: HTTPOutcome) { outcome.withLock { $0 = value } }
    var value: HTTPOutcome? { outcome.withLock { $0 } }
}
