import Contracts
import Fakes
import JSON

extension BuiltinRegistry {
    /// `eventStream`: opens the endpoint's channel as a server-sent-event stream.
    mutating func registerStreams() {
        register("eventStream", description: "Serves the endpoint's channel as text/event-stream with replay and heartbeats.") { call throws(FakeError) in
            let caller = try call.caller()
            if let parameter = call.stringOption("tenantParam"), call.request.pathParameters[parameter] != caller.tenantID {
                throw .forbidden("You can only stream your own tenant's events")
            }
            if let parameter = call.stringOption("goalParam") {
                let goalID = call.request.pathParameters[parameter] ?? ""
                let exists = call.engine.store.read { $0.tenants[caller.tenantID]?.record("goals", id: goalID) != nil }
                guard exists else { throw .notFound("Goal", code: "GOAL_NOT_FOUND") }
            }
            guard let template = call.request.endpoint.channel else {
                throw .internalError("stream endpoint '\(call.request.endpoint.id)' declares no channel")
            }
            let lastEventID = call.request.headers["last-event-id"] ?? call.request.query["lastEventId"]?.stringValue
            return FakeResponse(status: 200, body: .stream(channel: try call.text(template), lastEventID: lastEventID))
        }
    }
}
