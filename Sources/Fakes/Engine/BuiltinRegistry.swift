import Contracts
import Foundation
import JSON

/// A behaviour implemented in code, named by contracts with `fake: { builtin: name }`.
public typealias Builtin = @Sendable (BuiltinCall) async throws(FakeError) -> FakeResponse

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

/// The builtins by name: the public registration API through which an API's code-only behaviours
/// reach the engine. PurposePath's are `BuiltinRegistry.purposePath` (target PurposePathFakes); a
/// team with another API builds its own registry the same way and hands it to `FakeEngine`.
///
/// ```swift
/// var registry = BuiltinRegistry()
/// registry.register("echo", description: "Answers the request body.") { call in call.data(call.body) }
/// let engine = try FakeEngine(contracts: set, scenarios: scenarios, scenario: "default", tokens: tokens, builtins: registry)
/// let report = Linter.lint(contracts: "contracts", builtins: registry.catalog)
/// ```
public struct BuiltinRegistry: Sendable {
    public private(set) var handlers: [String: Builtin] = [:]
    /// What each builtin does, for `lint` (unknown names) and `lint --builtins`.
    public private(set) var catalog = BuiltinCatalog()
    /// Builtins whose answer depends only on the caller's tenant, the request and the day: their
    /// answers are cached until the tenant changes (`ReadCache`).
    public private(set) var tenantReads: Set<String> = []

    public init() {}

    /// `tenantRead`: the handler only reads the caller's tenant (no caller-, clock- or random-
    /// dependent output beyond the day), so its answer may be reused until the tenant changes.
    public mutating func register(_ name: String, description: String, tenantRead: Bool = false, _ handler: @escaping Builtin) {
        handlers[name] = handler
        catalog.add(name, description: description)
        if tenantRead { tenantReads.insert(name) } else { tenantReads.remove(name) }
    }

    public subscript(name: String) -> Builtin? { handlers[name] }
}
