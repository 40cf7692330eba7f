import Contracts
import Foundation

/// One `understudy verify` run as a value: configure → sign in → plan → run → result. The CLI
/// builds the configuration from its flags and renders the result; tests build it directly.
///
/// ```swift
/// let verification = Verification(.init(contracts: contracts, scenario: scenario, target: target,
///                                       credentials: .login(email: "demo@purposepath.app", password: "Demo123!")))
/// let outcome = try await verification.run()
/// print(ConsoleReport().render(outcome.run, redact: outcome.redact))
/// ```
public struct Verification: Sendable {
    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// What a run produced: the result the reports render, the redactor for its secrets, and notes
    /// for the person running it (a second identity that could not sign in).
    public struct Outcome: Sendable {
        public var run: RunResult
        public var redact: Redactor
        public var notes: [String]
    }

    /// The runner could not sign in: nothing can be verified (exit 2 at the CLI).
    public struct SignInFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// What the run reports as it goes: the number of cases once planned, each result as it finishes.
    public struct Progress: Sendable {
        public var planned: @Sendable (Int) -> Void
        public var finished: @Sendable (CaseResult) -> Void

        public init(planned: @escaping @Sendable (Int) -> Void = { _ in }, finished: @escaping @Sendable (CaseResult) -> Void = { _ in }) {
            self.planned = planned
            self.finished = finished
        }
    }

    public func run(progress: Progress = Progress()) async throws(SignInFailure) -> Outcome {
        let configuration = configuration
        let transport = AsyncHTTPTransport(timeout: configuration.timeout, retries: configuration.retries, bodyCap: configuration.bodyCap)
        var runner = Runner(contracts: configuration.contracts, target: configuration.target, credentials: configuration.credentials,
                            transport: transport, checker: ResponseChecker(bodyCap: configuration.bodyCap, envelope: configuration.contracts.conventions.envelope),
                            concurrency: configuration.concurrency, extraHeaders: configuration.extraHeaders)
        runner.jwtSecret = configuration.jwtSecret
        let startedAt = Date()
        if let problem = await runner.signIn() {
            await transport.shutdown()
            throw SignInFailure(description: problem)
        }
        var notes: [String] = []
        if !configuration.credentials.isNone {
            let candidates = configuration.scenario?.users.map { (email: $0.email, password: $0.password) } ?? []
            if let problem = await runner.signInSecond(configuration.second, candidates: candidates) {
                notes.append("\(problem); the isolation cases that need it are skipped")
            }
        }
        let resolver = FixtureResolver(scenario: configuration.scenario, collections: configuration.contracts.collections,
                                       tenantID: await runner.session.tenantID, userID: await runner.session.userID,
                                       conventions: configuration.contracts.conventions)
        var options = configuration.planning
        options.hasPassword = configuration.credentials.password != nil
        let planner = CasePlanner(contracts: configuration.contracts, resolver: resolver, options: options)
        let cases = planner.plan()
        progress.planned(cases.count)
        let results = await runner.run(cases, progress: progress.finished)
        await transport.shutdown()
        let secrets = await runner.session.secrets.union([configuration.credentials.password, configuration.jwtSecret].compactMap { $0 })
        var run = RunResult(startedAt: startedAt, target: configuration.target, credentials: configuration.credentials.redacted,
                            endpoints: planner.endpoints, results: results, readOnly: options.readOnly)
        if let baseline = configuration.baseline { run = run.applying(baseline) }
        return Outcome(run: run, redact: Redactor(secrets: secrets, conventions: configuration.contracts.conventions), notes: notes)
    }
}

extension Credentials {
    /// The credentials as reports may show them: secrets replaced.
    public var redacted: [String: String] {
        switch self {
        case .login(let email, _): ["kind": "login", "email": email, "password": Redactor.mask]
        case .token(_, let tenant): ["kind": "token", "token": Redactor.mask, "tenant": tenant]
        case .none: ["kind": "none"]
        }
    }
}
