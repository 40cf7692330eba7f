import Contracts
import JSON

/// The verdicts on a stream's events, as `ResponseChecker` gives them on an answer: pure, events
/// in, divergences out. The runner listens; this says what is wrong with what it heard.
public enum EventChecker {
    /// Every event: a declared name, JSON data valid against its schema, an increasing `id:` where promised.
    public static func check(_ events: [ServerSentEvent], on stream: Endpoint, promise: StreamPromise?, caseName: String, connection: String) -> [Divergence] {
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

    /// The triggered event did not arrive.
    static func missing(_ event: String, among events: [ServerSentEvent], on stream: Endpoint, caseName: String, within wait: Duration, after trigger: String) -> Divergence {
        let names = events.isEmpty ? "nothing" : events.map(\.name).joined(separator: ", ")
        return Divergence(endpointID: stream.id, caseName: caseName, kind: .event, expected: event, actual: names,
                          message: "no '\(event)' event within \(wait) after \(trigger)")
    }

    /// A reconnect with `Last-Event-ID` did not replay what was published meanwhile.
    static func notReplayed(_ event: String, after lastID: String, got events: [ServerSentEvent], on stream: Endpoint, caseName: String) -> Divergence {
        Divergence(
            endpointID: stream.id, caseName: caseName, kind: .event, expected: "'\(event)' after id \(lastID)",
            actual: events.isEmpty ? "nothing" : events.map { "\($0.name)#\($0.id ?? "-")" }.joined(separator: ", "),
            message: "reconnected with Last-Event-ID \(lastID): the event published meanwhile was not replayed")
    }

    static func heartbeatMissing(_ stream: Endpoint, caseName: String, interval: Int) -> Divergence {
        Divergence(endpointID: stream.id, caseName: caseName, kind: .event, expected: "a comment within \(interval)s", actual: "none",
                   message: "no heartbeat comment within the declared \(interval) seconds")
    }

    /// Whether an event id comes after another (numerically when both are numbers).
    static func isAfter(_ id: String?, _ other: String) -> Bool {
        guard let id else { return false }
        if let number = Int(id), let previous = Int(other) { return number > previous }
        return id != other
    }
}
