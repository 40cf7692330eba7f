import Contracts
import Foundation
import JSON
import Logging

/// Replays planned cases against a target: signs in, sends, refreshes once on a 401, checks.
///
/// Reads and negatives run concurrently first, then the flows, then the example writes one at a time
/// in report order (state changes depend on order), deletes last.
public struct Runner: Sendable {
    public let contracts: ContractSet
    public let target: Target
    public let credentials: Credentials
    public let transport: any Transport
    public let checker: ResponseChecker
    public let concurrency: Int
    /// How long a stream case waits for the event its trigger should cause.
    public var streamWait: Duration = .seconds(5)
    public private(set) var session: Session
    let builder: RequestBuilder
    let logger: Logger

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
        self.session = Session(credentials: credentials)
        self.builder = RequestBuilder(target: target, extraHeaders: extraHeaders)
        var logger = Logger(label: "understudy.verify")
        logger.logLevel = .warning
        self.logger = logger
    }

    /// Signs in through the contract's `login` endpoint when given email and password; nil or why not.
    public func signIn() async -> String? {
        guard case .login(let email, _) = credentials else { return nil }
        guard contracts.endpoint(id: "login") != nil else { return "the contracts have no 'login' endpoint" }
        let outcome = await callLogin()
        guard case .response(let answer) = outcome else {
            if case .failure(let failure) = outcome { return "cannot sign in: \(failure.message)" }
            return "cannot sign in"
        }
        guard answer.status == 200, let body = try? JSONParser.parse(answer.body), body["data"]?["access_token"] != nil else {
            return "sign-in as \(email) answered \(answer.status)\(ResponseChecker.errorHint(answer))"
        }
        await session.adopt(body)
        return nil
    }

    /// A runner with a session of its own (a second sign-in), so a flow that signs out cannot end
    /// the session the other cases use. With a token only, the session is shared.
    func withOwnSession() async -> Runner {
        guard case .login = credentials else { return self }
        var copy = self
        copy.session = Session(credentials: credentials, book: session.book)
        return await copy.signIn() == nil ? copy : self
    }

    /// Runs every case; results come back in the cases' order. `progress` hears of each as it finishes.
    public func run(_ cases: [TestCase], progress: (@Sendable (CaseResult) -> Void)? = nil) async -> [CaseResult] {
        var results = [CaseResult?](repeating: nil, count: cases.count)
        let indexed = Array(cases.enumerated())
        let reads = indexed.filter { $0.element.kind != .flow && !($0.element.mutates && [.example, .stream].contains($0.element.kind)) }
        let flows = indexed.filter { $0.element.kind == .flow }
        let writes = indexed.filter { $0.element.mutates && [.example, .stream].contains($0.element.kind) }
        for phase in [reads, flows] {
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
            return .skipped(testCase, "service \(testCase.service) has no target (--\(testCase.service) or --gateway)")
        }
        if testCase.kind == .flow, let flow = testCase.flow {
            return await FlowRunner(runner: await withOwnSession()).run(flow, as: testCase)
        }
        guard let request = testCase.request, let endpoint = contracts.endpoint(id: testCase.endpointID) else {
            return .skipped(testCase, "nothing to send")
        }
        if request.credentials == .user, endpoint.auth.isProtected, credentials.isNone { return .skipped(testCase, "no credentials given (--email/--password or --token/--tenant)") }
        if let trigger = testCase.trigger { return await listen(testCase, request: request, stream: endpoint, trigger: trigger) }
        let outcome = await send(request, endpoint: endpoint, stream: testCase.kind == .stream)
        let verdict = checker.check(outcome, endpoint: endpoint, caseName: testCase.name, expectedStatus: testCase.expectedStatus)
        return CaseResult(testCase, divergences: verdict.divergences)
    }

    /// Sends one request with the session's credentials; a 401 refreshes the session once and retries.
    func send(_ request: PlannedRequest, endpoint: Endpoint, stream: Bool = false) async -> HTTPOutcome {
        let token = await session.accessToken
        let outcome = await sendOnce(request, endpoint: endpoint, stream: stream, token: token)
        guard request.credentials == .user, case .response(let answer) = outcome, answer.status == 401,
              await session.refresh(stale: token, using: { await self.callRefresh($0) })
        else { return outcome }
        logger.info("401 on \(endpoint.id): refreshed the session and retried")
        return await sendOnce(request, endpoint: endpoint, stream: stream, token: await session.accessToken)
    }

    func sendOnce(_ request: PlannedRequest, endpoint: Endpoint, stream: Bool, token: String?) async -> HTTPOutcome {
        guard let wire = builder.wire(request, endpoint: endpoint, token: token, tenant: await session.tenantID) else {
            return .failure(TransportFailure(kind: .other, message: "service \(endpoint.service) has no target"))
        }
        logger.debug("\(wire.method) \(endpoint.service) \(request.path)")
        return stream ? await transport.open(wire) : await transport.send(wire)
    }

    /// `refreshToken` with `{refresh_token}`; when the session has ended (refresh refused), a fresh
    /// sign-in with the runner's email and password, as a user would. The answer's body on a 200.
    private func callRefresh(_ refreshToken: String) async -> JSONValue? {
        if let endpoint = contracts.endpoint(id: "refreshToken") {
            let request = PlannedRequest(method: endpoint.method, path: endpoint.path.template,
                                         body: ["refresh_token": .string(refreshToken)], credentials: .anonymous)
            if case .response(let answer) = await sendOnce(request, endpoint: endpoint, stream: false, token: nil),
               answer.status == 200, let body = try? JSONParser.parse(answer.body) { return body }
        }
        guard case .response(let answer) = await callLogin(), answer.status == 200 else { return nil }
        logger.info("the session had ended: signed in again")
        return try? JSONParser.parse(answer.body)
    }

    /// `login` with `{email, password}`; a transport failure when the runner has no password.
    private func callLogin() async -> HTTPOutcome {
        guard case .login(let email, let password) = credentials, let login = contracts.endpoint(id: "login") else {
            return .failure(TransportFailure(kind: .other, message: "no email and password to sign in with"))
        }
        let request = PlannedRequest(method: login.method, path: login.path.template,
                                     body: ["email": .string(email), "password": .string(password)], credentials: .anonymous)
        return await sendOnce(request, endpoint: login, stream: false, token: nil)
    }
}

extension Credentials {
    var isNone: Bool { if case .none = self { true } else { false } }
}
