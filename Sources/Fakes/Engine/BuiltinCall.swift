import Contracts
import Foundation
import JSON
import Synchronization

/// Everything a builtin gets — the validated request, its options, the clock — and the narrow
/// facilities it may use: read the state, ask for one change (`StateEdit` values the engine
/// applies under its lock), issue and check tokens, and publish and log. It never holds the engine: what it
/// publishes and logs is collected as `BuiltinEffects` and carried out by the engine once the
/// builtin has answered (a refusal carries out nothing).
///
/// ```swift
/// registry.register("touch", description: "Marks the caller's profile seen.") { call throws(FakeError) in
///     let caller = try call.caller()
///     try call.change { _ in [.putRecord(tenant: caller.tenantID, collection: "seen", id: caller.userID, record: ["at": .string(call.now.rfc3339)])] }
///     call.publish("profile.seen", channel: "tenant:\(caller.tenantID)", data: ["user": .string(caller.userID)])
///     return call.done
/// }
/// ```
public struct BuiltinCall: Sendable {
    public let request: FakeRequest
    /// The contract's `options` map (not templated: it names parameters and fields).
    public let options: JSONValue
    public let now: Date
    /// The contracts' conventions (sessions, tenancy, envelope), read only.
    public var conventions: Conventions { engine.contracts.conventions }
    /// What the builtin asked to publish and log, for the engine to carry out after it answered.
    let effects = BuiltinEffects()
    private let engine: FakeEngine

    init(request: FakeRequest, options: JSONValue, engine: FakeEngine, now: Date) {
        self.request = request
        self.options = options
        self.engine = engine
        self.now = now
    }

    public var body: JSONValue { request.body ?? .object([:]) }
    public func option(_ name: String) -> JSONValue? { options[name] }
    public func stringOption(_ name: String) -> String? { options[name]?.stringValue }

    /// The caller, which every protected endpoint has.
    public func caller() throws(FakeError) -> Caller {
        guard let caller = request.caller else { throw .unauthorized("Authentication required") }
        return caller
    }

    // MARK: Answers

    /// A success answer around `value` in the envelope services.yaml declares.
    public func data(_ value: JSONValue, status: Int = 200) -> FakeResponse {
        .data(value, status: status, in: conventions.envelope)
    }

    /// A success answer with no data (`{success: true}` for PurposePath).
    public var done: FakeResponse { .data(nil, in: conventions.envelope) }

    /// A compiled template rendered from the request, as text.
    public func text(_ template: ValueTemplate) throws(FakeError) -> String {
        ValueComparison.text(try template.render(in: engine.requestContext(request, now: now)))
    }

    // MARK: State

    /// Reads the state under the engine's lock.
    public func read<T: Sendable>(_ body: (borrowing FakeState) -> T) -> T { engine.store.read(body) }

    /// One change under the engine's lock: `decide` reads the state and returns the edits (or
    /// refuses), and the engine applies them in the same lock — nothing can come between the check
    /// and the write, and the builtin never writes the state itself.
    public func change(_ decide: (borrowing FakeState) throws(FakeError) -> [StateEdit]) throws(FakeError) {
        try engine.store.mutate { (state: inout FakeState) throws(FakeError) in
            for edit in try decide(state) { edit.apply(to: &state) }
        }
    }

    // MARK: Sessions

    /// A new session's signed token pair for an account, remembered by the session book.
    public func openSession(for account: Account) async throws(FakeError) -> TokenService.IssuedPair {
        try await engine.openSession(for: account)
    }

    /// A fresh token pair within an existing session (a refresh).
    public func issuePair(for account: Account, session: String) async throws(FakeError) -> TokenService.IssuedPair {
        try await engine.issuePair(for: account, session: session)
    }

    /// The claims of a token of this server's signing, of `type`, unexpired; nil otherwise.
    public func verify(_ token: String, type: String) async -> TokenClaims? {
        await engine.tokens.verify(token, type: type, now: now)
    }

    // MARK: Effects

    /// Publishes an event on a channel (and on the caller's tenant channel) once the builtin answered.
    public func publish(_ event: String, channel: String, data: JSONValue) {
        effects.add(.publish(event: event, channel: channel, tenantID: request.caller?.tenantID, data: data))
    }

    /// Logs a line (a password-reset link, a confirmation link) once the builtin answered.
    public func log(_ message: String) {
        effects.add(.log(message))
    }
}
