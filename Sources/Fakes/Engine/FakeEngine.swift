import CivilTime
import Contracts
import Foundation
import JSON
import Logging

/// Runs the fake behaviour of an endpoint against per-tenant state: the heart of `serve`.
///
/// The engine is HTTP-free: the server hands it a validated `FakeRequest` and renders the
/// `FakeResponse` it gets back. Refusals come back as error envelopes, never as thrown errors.
///
/// ```swift
/// let engine = try await FakeEngine(contracts: set, scenarios: scenarios, scenario: "default", tokens: tokens)
/// let response = await engine.handle(FakeRequest(endpoint: listGoals, caller: caller))
/// ```
public final class FakeEngine: Sendable {
    public let contracts: ContractSet
    public let scenarios: [String: Scenario]
    public let store: StateStore
    public let tokens: TokenService
    public let events: EventHub
    public let builtins: BuiltinRegistry
    let readCache = ReadCache()
    /// The scenarios' recorded answers (`answers:`) by scenario and endpoint id, indexed once;
    /// empty for every scenario but a recording, so an ordinary read never looks.
    let recordedAnswers: [String: [String: [RecordedAnswer]]]
    let clock: @Sendable () -> Date
    public let logger: Logger

    public init(
        contracts: ContractSet, scenarios: [String: Scenario], scenario: String, tokens: TokenService,
        events: EventHub = EventHub(), builtins: BuiltinRegistry = BuiltinRegistry(),
        clock: @escaping @Sendable () -> Date = Date.init, logger: Logger = Logger(label: "understudy.fakes"),
        persistence: (any StatePersistence)? = nil, restoring restored: FakeState? = nil
    ) throws(FakeError) {
        guard let seed = scenarios[scenario] else {
            throw FakeError(status: 400, "unknown scenario '\(scenario)' (have: \(scenarios.keys.sorted().joined(separator: ", ")))")
        }
        self.contracts = contracts
        self.scenarios = scenarios
        recordedAnswers = scenarios.filter { !$0.value.answers.isEmpty }.mapValues { Dictionary(grouping: $0.answers, by: \.endpoint) }
        if let restored {
            self.store = StateStore(restored, persistence: persistence)
        } else {
            // A new state file starts from the scenario's fixtures, written as one snapshot.
            let initial = FakeState.seed(seed, contracts: contracts)
            self.store = StateStore(initial, persistence: persistence)
            if persistence != nil { store.replace(with: initial) }
        }
        self.tokens = tokens
        self.events = events
        self.builtins = builtins
        self.clock = clock
        self.logger = logger
    }

    /// A new engine over other contracts on `engine`'s store, sessions, signing key and events.
    init(sharing engine: FakeEngine, contracts: ContractSet, scenarios: [String: Scenario]) {
        self.contracts = contracts
        self.scenarios = scenarios
        recordedAnswers = scenarios.filter { !$0.value.answers.isEmpty }.mapValues { Dictionary(grouping: $0.answers, by: \.endpoint) }
        store = engine.store
        tokens = engine.tokens
        events = engine.events
        builtins = engine.builtins
        clock = engine.clock
        logger = engine.logger
    }

    public var now: Date { clock() }

    /// Answers a request that passed routing, auth and validation.
    public func handle(_ request: FakeRequest) async -> FakeResponse {
        if !recordedAnswers.isEmpty, request.endpoint.method == .GET, let recorded = recordedAnswer(for: request) { return recorded }
        guard let fake = request.endpoint.fake else {
            let status = request.endpoint.successResponse?.status ?? 200
            return request.endpoint.successResponse?.example.map { .json($0, status: status) } ?? FakeResponse(status: status, body: .empty)
        }
        let response: FakeResponse
        do {
            response = try await perform(fake, request)
        } catch {
            response = error.response(in: contracts.conventions.envelope)
        }
        do {
            try await store.flush()
        } catch {
            logger.error("state could not be saved: \(error)")
            let failure = FakeError.internalError("The change was made in memory but could not be saved to the state file: \(error)")
            return failure.response(in: contracts.conventions.envelope)
        }
        return response
    }

    private func perform(_ fake: FakeBehaviour, _ request: FakeRequest) async throws(FakeError) -> FakeResponse {
        let now = self.now
        switch fake.kind {
        case .builtin(let name):
            guard let builtin = builtins[name] else { throw .internalError("builtin '\(name)' is not implemented") }
            let call = BuiltinCall(request: request, options: fake.options ?? .object([:]), engine: self, now: now)
            let response: FakeResponse
            if builtins.tenantReads.contains(name) {
                response = try await cached(name, request, now: now) { () async throws(FakeError) -> FakeResponse in try await builtin(call) }
            } else {
                response = try await builtin(call)
            }
            carryOut(call.effects.take())
            return response
        case .respond(let status):
            return try respondWithExample(request, status: status)
        case .view:
            guard let view = fake.view else { throw .internalError("view of '\(request.endpoint.id)' did not compile") }
            guard view.cacheable, request.endpoint.method.isSafe else { return try runView(view, fake, request, now: now) }
            return try await cached("view:" + request.endpoint.id, request, now: now) { () throws(FakeError) -> FakeResponse in
                try runView(view, fake, request, now: now)
            }
        case .write:
            guard let write = fake.write else { throw .internalError("write of '\(request.endpoint.id)' did not compile") }
            return try runWrite(write, fake, request, now: now)
        case .stream:
            guard let stream = fake.stream else { throw .internalError("stream of '\(request.endpoint.id)' did not compile") }
            return try runStream(stream, fake, request, now: now)
        default:
            return try runCollectionBehaviour(fake, request, now: now)
        }
    }

    /// A read's answer from `ReadCache` while the caller's tenant is unchanged, else computed and kept
    /// (successes only). Without a caller there is no tenant revision, so nothing is kept.
    private func cached(
        _ name: String, _ request: FakeRequest, now: Date, _ compute: () async throws(FakeError) -> FakeResponse
    ) async throws(FakeError) -> FakeResponse {
        guard let tenantID = request.caller?.tenantID, let revision = store.read({ $0.tenants[tenantID]?.revision }) else {
            return try await compute()
        }
        let key = ReadCache.Key(builtin: name, tenant: tenantID, path: request.pathParameters, query: request.query,
                                day: CalendarDay(utc: now).ordinal)
        if let cached = readCache.response(for: key, revision: revision) { return cached }
        let response = try await compute()
        return (200..<300).contains(response.status) ? readCache.store(response, for: key, revision: revision) : response
    }

    /// The fake's `body` (or the status's documented example, with its placeholders), rendered from the request.
    func respondWithExample(_ request: FakeRequest, status: Int) throws(FakeError) -> FakeResponse {
        if let template = request.endpoint.fake?.templates.body {
            return .json(try template.render(in: requestContext(request, now: now)), status: status)
        }
        guard let example = request.endpoint.response(for: status)?.example else { return FakeResponse(status: status, body: .empty) }
        return .json(example, status: status)
    }

    /// What a template that reads only the request (and a record it is given) renders in: a
    /// collection kind's options, a `respond` body, a builtin's template.
    func requestContext(_ request: FakeRequest, now: Date) -> ExpressionContext {
        ExpressionContext(scope: TemplateScope(request: request, now: now), tenant: nil, global: Self.noRecords, collections: [:])
    }

    /// The records such a context reads: none (made once, not per request).
    private static let noRecords = TenantState(id: "", name: "")

    /// What a builtin asked for, once it answered: events published, lines logged.
    private func carryOut(_ effects: [BuiltinEffects.Effect]) {
        for effect in effects {
            switch effect {
            case .publish(let event, let channel, let tenantID, let data): publish(event: event, channel: channel, tenantID: tenantID, data: data)
            case .log(let message): logger.info("\(message)")
            }
        }
    }

    /// Publishes on a channel and, when a tenant is known, on that tenant's channel too.
    public func publish(event: String, channel: String, tenantID: String?, data: JSONValue) {
        var channels = [channel]
        if let tenantID, channel != "tenant:\(tenantID)" { channels.append("tenant:\(tenantID)") }
        events.publish(name: event, data: data, channels: channels)
    }

    /// Back to a scenario's fixtures (the current one when nil); durable once `flush` returns.
    public func reset(to scenario: String? = nil) throws(FakeError) {
        let name = scenario ?? store.read { $0.scenario }
        guard let seed = scenarios[name] else {
            throw .notFound("scenario '\(name)'", code: "UNKNOWN_SCENARIO")
        }
        // Sessions survive: a presenter who resets the demo stays logged in.
        var fresh = FakeState.seed(seed, contracts: contracts)
        fresh.sessions = store.read { $0.sessions }
        store.replace(with: fresh)
        events.reset()
    }
}

extension FakeEngine {
    /// The scenario's recorded answer to this read (`proxy --record`), while the caller's tenant is
    /// as the scenario seeded it.
    func recordedAnswer(for request: FakeRequest) -> FakeResponse? {
        let (name, unchanged) = store.read { state in (state.scenario, state.isAsSeeded(request.caller?.tenantID)) }
        guard unchanged, let answers = recordedAnswers[name]?[request.endpoint.id] else { return nil }
        let tenant = request.caller?.tenantID
        guard let answer = answers.first(where: { $0.answers(request.endpoint.id, tenant: tenant, path: request.pathParameters, query: request.query) })
        else { return nil }
        return .json(answer.body, status: answer.status)
    }
}
