import Contracts
import Foundation
import JSON
import Logging

/// Replays planned cases against a target: signs in, sends, refreshes once on a 401, checks.
///
/// Reads and single-request negatives run concurrently first, then the scripts (flows and the
/// cases that work on records the runner creates itself, concurrently: each owns its records), then
/// the writes to state the runner does not own, one at a time in report order, deletes last.
public struct Runner: Sendable {
    public let contracts: ContractSet
    public let target: Target
    public let credentials: Credentials
    public let transport: any Transport
    public let checker: ResponseChecker
    public let concurrency: Int
    /// How long a stream case waits for the event its trigger should cause.
    public var streamWait: Duration = .seconds(5)
    /// The target's HS256 secret, when known: the expired token is then signed properly, so only
    /// an expiry check can refuse it.
    public var jwtSecret: String?
    public private(set) var session: Session
    /// The second identity (another tenant), for the isolation cases; nil when none signed in.
    public private(set) var second: Session?
    let builder: RequestBuilder
    let logger: Logger
    let sessions: SessionConventions?

    public init(
        contracts: ContractSet, target: Target, credentials: Credentials, transport: any Transport,
        checker: ResponseChecker = ResponseChecker(), concurrency: Int = 4, extraHeaders: [(name: String, value: String)] = []
    ) {
        self.contracts = contracts
        self.target = target
        self.credentials = credentials
        self.transport = transport
        self.checker = checker
        self.concurrency = max(1, concurrency)
        self.sessions = contracts.conventions.sessions
        self.session = Session(credentials: credentials, pointers: .init(contracts.conventions.sessions))
        var builder = RequestBuilder(target: target, extraHeaders: extraHeaders)
        builder.credentials = contracts.conventions.credentials
        if let tenancy = contracts.conventions.tenancy {
            builder.tenantHeader = tenancy.header
            builder.tenantQuery = tenancy.query
        }
        self.builder = builder
        var logger = Logger(label: "understudy.verify")
        logger.logLevel = .warning
        self.logger = logger
    }

    /// Signs in through the contract's login call when given email and password; nil or why not.
    public func signIn() async -> String? {
        guard case .login(let email, let password) = credentials else { return nil }
        return await signIn(session, email: email, password: password)
    }

    /// Signs the second identity in: the given credentials, else the first of `candidates` that can
    /// sign in (the scenario's users of another tenant). Nil on success, or why not.
    public mutating func signInSecond(_ given: Credentials, candidates: [(email: String, password: String)] = []) async -> String? {
        let book = session.book
        switch given {
        case .token(_, let tenant):
            if tenant == (await session.tenantID) { return "--second-tenant \(tenant) is the runner's own tenant: isolation needs another tenant" }
            second = Session(credentials: given, book: book, pointers: .init(sessions))
            return nil
        case .login(let email, let password):
            let candidate = Session(credentials: given, book: book, pointers: .init(sessions))
            if let problem = await signIn(candidate, email: email, password: password) { return "second identity: \(problem)" }
            if let tenant = await candidate.tenantID, tenant == (await session.tenantID) {
                return "the second identity \(email) is of the runner's own tenant \(tenant): isolation needs another tenant"
            }
            second = candidate
            return nil
        case .none:
            let primaryTenant = await session.tenantID
            for (email, password) in candidates where email != credentials.email {
                let candidate = Session(credentials: .login(email: email, password: password), book: book, pointers: .init(sessions))
                guard await signIn(candidate, email: email, password: password) == nil else { continue }
                if await candidate.tenantID != primaryTenant {
                    second = candidate
                    return nil
                }
            }
            return "no second identity: give --second-email/--second-password or --second-token/--second-tenant"
        }
    }

    private func signIn(_ session: Session, email: String, password: String) async -> String? {
        guard let login = sessions?.login, contracts.endpoint(id: login.endpoint) != nil else {
            return "the contracts declare no sessions.login in services.yaml"
        }
        let outcome = await callLogin(email: email, password: password)
        guard case .response(let answer) = outcome else {
            if case .failure(let failure) = outcome { return "cannot sign in: \(failure.message)" }
            return "cannot sign in"
        }
        guard answer.status == 200, let body = try? JSONParser.parse(answer.body), session.hasAccess(body) else {
            return "sign-in as \(email) answered \(answer.status)\(ResponseChecker.errorHint(answer, envelope: checker.envelope))"
        }
        await session.adopt(body)
        return nil
    }

    /// A runner with a session of its own (a second sign-in), so a flow that signs out cannot end
    /// the session the other cases use. With a token only, the session is shared.
    func withOwnSession() async -> Runner {
        guard case .login = credentials else { return self }
        var copy = self
        copy.session = Session(credentials: credentials, book: session.book, pointers: .init(sessions))
        return await copy.signIn() == nil ? copy : self
    }

    /// Runs every case; results come back in the cases' order. `progress` hears of each as it finishes.
    public func run(_ cases: [TestCase], progress: (@Sendable (CaseResult) -> Void)? = nil) async -> [CaseResult] {
        var results = [CaseResult?](repeating: nil, count: cases.count)
        let indexed = Array(cases.enumerated())
        let reads = indexed.filter { !$0.element.mutates && $0.element.script == nil }
        let scripts = indexed.filter { $0.element.script != nil }
        let writes = indexed.filter { $0.element.mutates && $0.element.script == nil }
        for phase in [reads, scripts] {
            for (index, result) in await runConcurrently(phase, progress: progress) { results[index] = result }
        }
        for (index, testCase) in writes.filter({ $0.element.request?.method != .DELETE }) + writes.filter({ $0.element.request?.method == .DELETE }) {
            let result = await run(testCase)
            progress?(result)
            results[index] = result
        }
        return results.map { $0! }
    }

    private func runConcurrently(_ cases: [(offset: Int, element: TestCase)], progress: (@Sendable (CaseResult) -> Void)?) async -> [(Int, CaseResult)] {
        await withTaskGroup(of: (Int, CaseResult).self) { group in
            var pending = cases[...]
            var done: [(Int, CaseResult)] = []
            for _ in 0..<concurrency {
                guard let (index, testCase) = pending.popFirst() else { break }
                group.addTask { (index, await self.run(testCase)) }
            }
            while let finished = await group.next() {
                progress?(finished.1)
                done.append(finished)
                if let (index, testCase) = pending.popFirst() { group.addTask { (index, await self.run(testCase)) } }
            }
            return done
        }
    }

    /// One case, start to verdict.
    public func run(_ testCase: TestCase) async -> CaseResult {
        if let reason = testCase.skipReason { return .skipped(testCase, reason) }
        guard target.bases[testCase.service] != nil else {
            return .skipped(testCase, "service \(testCase.service) has no target (--target \(testCase.service)=URL or --gateway)")
        }
        if let script = testCase.script {
            if let missing = await missingIdentity(in: script.steps + script.cleanup) { return .skipped(testCase, missing) }
            let runner = testCase.ownSession ? await withOwnSession() : self
            return await ScriptRunner(runner: runner).run(script, as: testCase)
        }
        guard let request = testCase.request, let endpoint = contracts.endpoint(id: testCase.endpointID) else {
            return .skipped(testCase, "nothing to send")
        }
        if let missing = await missingIdentity(in: [ScriptStep(call: endpoint.id, identity: request.identity)], protected: endpoint.auth.isProtected) {
            return .skipped(testCase, missing)
        }
        if testCase.promise != nil || testCase.trigger != nil {
            guard let around = testCase.around else {
                let (probed, request) = expandingPaths(testCase, request: request, stream: endpoint, values: [:])
                return await probe(probed, request: request, stream: endpoint)
            }
            return await ScriptRunner(runner: self).run(around, as: testCase) { values in
                let (probed, request) = self.expandingPaths(testCase, request: request, stream: endpoint, values: values)
                return await self.probe(probed, request: request, stream: endpoint)
            }
        }
        let outcome = await send(request, endpoint: endpoint, stream: testCase.kind == .stream || testCase.headOnly)
        let verdict = checker.check(outcome, endpoint: endpoint, caseName: testCase.name, expectedStatus: testCase.expectedStatus)
        return CaseResult(testCase, divergences: verdict.divergences)
    }

    /// Why a case cannot run with the identities it needs, or nil.
    func missingIdentity(in steps: [ScriptStep], protected: Bool = true) async -> String? {
        for step in steps {
            switch step.identity {
            case .primary, .tenant, .forged:
                let needsUser = step.identity != .primary || contracts.endpoint(id: step.call)?.auth.isProtected == true
                if needsUser, protected, credentials.isNone { return "no credentials given (--email/--password or --token/--tenant)" }
                if case .tenant(.foreign) = step.identity, second == nil { return "no second identity (another tenant) signed in" }
            case .second:
                if second == nil { return "no second identity (another tenant) signed in" }
            case .anonymous, .captured: break
            }
        }
        return nil
    }

    /// Sends one request as its identity; a 401 for one of the runner's sessions refreshes it once and retries.
    func send(_ request: PlannedRequest, endpoint: Endpoint, stream: Bool = false, capturedToken: String? = nil) async -> HTTPOutcome {
        let owner: Session? = switch request.identity {
        case .primary: session
        case .second: second
        default: nil
        }
        let token = await owner?.accessToken
        let outcome = await sendOnce(request, endpoint: endpoint, stream: stream, auth: await auth(for: request.identity, captured: capturedToken))
        guard let owner, case .response(let answer) = outcome, answer.status == 401,
              await owner.refresh(stale: token, using: { await self.callRefresh($0, for: owner) })
        else { return outcome }
        logger.info("401 on \(endpoint.id): refreshed the session and retried")
        return await sendOnce(request, endpoint: endpoint, stream: stream, auth: await auth(for: request.identity, captured: capturedToken))
    }

    /// The credentials an identity puts on the wire.
    func auth(for identity: Identity, captured: String?) async -> WireAuth {
        switch identity {
        case .primary: return WireAuth(token: await session.accessToken, tenant: await session.tenantID)
        case .second: return WireAuth(token: await second?.accessToken, tenant: await second?.tenantID)
        case .anonymous: return .none
        case .tenant(.foreign): return WireAuth(token: await session.accessToken, tenant: await second?.tenantID)
        case .tenant(.missing): return WireAuth(token: await session.accessToken, tenant: nil)
        case .forged(let forgery):
            let token = forgery.apply(to: await session.accessToken ?? "", secret: jwtSecret)
            return WireAuth(token: token, tenant: await session.tenantID, scheme: forgery == .wrongScheme ? builder.wrongScheme : nil)
        case .captured: return WireAuth(token: captured, tenant: await session.tenantID)
        }
    }

    func sendOnce(_ request: PlannedRequest, endpoint: Endpoint, stream: Bool, auth: WireAuth) async -> HTTPOutcome {
        guard let wire = builder.wire(request, endpoint: endpoint, auth: auth) else {
            return .failure(TransportFailure(kind: .other, message: "service \(endpoint.service) has no target"))
        }
        logger.debug("\(wire.method) \(endpoint.service) \(request.path)")
        return stream ? await transport.open(wire) : await transport.send(wire)
    }

    /// A session call (`sessions.login`, `.refresh`, `.logout`) with its placeholders filled.
    func sessionRequest(_ call: SessionConventions.Call, values: [String: JSONValue], identity: Identity = .anonymous) -> (PlannedRequest, Endpoint)? {
        guard let endpoint = contracts.endpoint(id: call.endpoint) else { return nil }
        let template = FlowTemplate(values: values)
        guard let query = try? template.renderText(call.query), let body = try? call.body.map({ value throws(FlowTemplate.Missing) in try template.render(value) }) else {
            return nil
        }
        return (PlannedRequest(method: endpoint.method, path: endpoint.path.template, query: query, body: body, identity: identity), endpoint)
    }

    /// The refresh call with the session's refresh token; when the session has ended (refresh
    /// refused), a fresh sign-in with the session's email and password, as a user would. The answer's body on a 200.
    private func callRefresh(_ refreshToken: String, for owner: Session) async -> JSONValue? {
        if let call = sessions?.refresh, let (request, endpoint) = sessionRequest(call, values: ["refresh": .string(refreshToken)]),
           case .response(let answer) = await sendOnce(request, endpoint: endpoint, stream: false, auth: .none),
           answer.status == 200, let body = try? JSONParser.parse(answer.body) { return body }
        let login: Credentials = owner === session ? credentials : .none
        guard case .login(let email, let password) = login,
              case .response(let answer) = await callLogin(email: email, password: password), answer.status == 200 else { return nil }
        logger.info("the session had ended: signed in again")
        return try? JSONParser.parse(answer.body)
    }

    /// The login call with an email and password.
    private func callLogin(email: String, password: String) async -> HTTPOutcome {
        guard let call = sessions?.login,
              let (request, endpoint) = sessionRequest(call, values: ["email": .string(email), "password": .string(password)]) else {
            return .failure(TransportFailure(kind: .other, message: "no sessions.login to sign in with"))
        }
        return await sendOnce(request, endpoint: endpoint, stream: false, auth: .none)
    }
}

extension Credentials {
    public var isNone: Bool { if case .none = self { true } else { false } }
}
