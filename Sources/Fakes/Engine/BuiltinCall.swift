import Contracts
import Foundation
import JSON

/// Everything a builtin gets: the validated request, its options, and the engine's facilities.
public struct BuiltinCall: Sendable {
    public let request: FakeRequest
    /// The contract's `options` map (not templated: it names parameters and fields).
    public let options: JSONValue
    public let engine: FakeEngine
    public let now: Date

    /// A compiled template (a stream's channel) rendered from the request, as text.
    public func text(_ template: ValueTemplate) throws(FakeError) -> String {
        ValueComparison.text(try template.render(in: engine.requestContext(request, now: now)))
    }
    public var body: JSONValue { request.body ?? .object([:]) }

    /// A success answer around `value` in the envelope services.yaml declares.
    public func data(_ value: JSONValue, status: Int = 200) -> FakeResponse {
        .data(value, status: status, in: engine.contracts.conventions.envelope)
    }

    /// A success answer with no data (`{success: true}` for PurposePath).
    public var done: FakeResponse { .data(nil, in: engine.contracts.conventions.envelope) }

    public func option(_ name: String) -> JSONValue? { options[name] }
    public func stringOption(_ name: String) -> String? { options[name]?.stringValue }

    /// The caller, which every protected endpoint has.
    public func caller() throws(FakeError) -> Caller {
        guard let caller = request.caller else { throw .unauthorized("Authentication required") }
        return caller
    }

    /// Publishes an event on a goal's (or any) channel and on the caller's tenant channel.
    public func publish(_ event: String, channel: String, data: JSONValue) {
        engine.publish(event: event, channel: channel, tenantID: request.caller?.tenantID, data: data)
    }
}
