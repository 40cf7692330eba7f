import ArgumentParser
import Conformance
import Contracts
import Foundation
import JSON

/// `understudy verify`: replay the contracts against a deployment and report every divergence.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay the contracts against a deployment and report every divergence.",
        discussion: "Exit status: 0 no divergence, 1 divergences found, 2 usage, contract or sign-in errors. See docs/report-format.md."
    )

    @OptionGroup var paths: ProjectPaths
    @OptionGroup var targets: TargetFlags
    @Option(help: "Sign in with this email (or UNDERSTUDY_EMAIL).") var email: String?
    @Option(help: "…and this password (or UNDERSTUDY_PASSWORD).") var password: String?
    @Option(help: "An access token to use instead of signing in (with --tenant).") var token: String?
    @Option(help: "The tenant id that goes with --token.") var tenant: String?
    @Option(name: .customLong("header"), help: "An extra request header 'Name: value' (repeatable).") var headers: [String] = []
    @Option(help: "The second identity, of another tenant, for the isolation cases: its email (default: a user of another tenant in --scenario).") var secondEmail: String?
    @Option(help: "…and its password.") var secondPassword: String?
    @Option(help: "Or its access token (with --second-tenant).") var secondToken: String?
    @Option(help: "The tenant id that goes with --second-token.") var secondTenant: String?
    @Option(help: "Schema-driven negative bodies per endpoint (wrong type, out of enum, too long, unknown member, …).") var negatives = 6
    @Option(help: "Seed for the places the negatives break: the same seed repeats a run exactly.") var seed: UInt64 = 1
    @Option(help: "Protected endpoints per service that forged tokens are sent to.") var tokenSample = 2
    @Option(help: "The target's HS256 secret (or UNDERSTUDY_JWT_SECRET), so the expired token is signed properly and only an expiry check refuses it.")
    var jwtSecret: String?
    @Option(help: "The fixtures scenario path parameters are picked from.") var scenario = "default"
    @Flag(help: "Only safe cases: GET examples and their auth negatives; no flows.") var readOnly = false
    @Option(help: "Keep only: a service, endpoint id, tag or path glob (repeatable).") var only: [String] = []
    @Option(help: "Leave out: a service, endpoint id, tag or path glob (repeatable).") var skip: [String] = []
    @Option(help: "Cases run at once (flows run their steps in order).") var concurrency = 4
    @Option(help: "Per-request timeout: a number and a unit (ms, s, m), e.g. 10s or 500ms.") var timeout = "10s"
    @Option(help: "Retries after a connection failure (never after an answer or a timeout).") var retries = 1
    @Option(help: "The largest body read (2MiB); larger is a divergence.") var maxBody = "2MiB"
    @OptionGroup var reports: ReportFlags
    @Option(help: "Write every divergence of this run to this file, to accept them later with --baseline.") var writeBaseline: String?
    @Flag(help: "List passed and skipped cases too.") var verbose = false

    func run() async throws {
        guard let timeoutValue = FlagValues.duration(timeout) else { throw ValidationError("bad --timeout '\(timeout)': write a number and a unit, e.g. 10s or 500ms") }
        guard let bodyCap = FlagValues.bytes(maxBody) else { throw ValidationError("bad --max-body '\(maxBody)'") }
        let extraHeaders = try headers.map { line -> (name: String, value: String) in
            guard let colon = line.firstIndex(of: ":") else { throw ValidationError("--header needs 'Name: value', got '\(line)'") }
            return (line[..<colon].trimmingCharacters(in: .whitespaces), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let report = Linter.lint(contracts: paths.contracts, fixtures: paths.fixturesDirectory, decisions: paths.decisionsFile, builtins: registeredBuiltins.catalog)
        if report.hasErrors {
            for diagnostic in report.diagnostics { print(diagnostic) }
            printError("the contracts have problems (see above); fix them before verifying")
            throw ExitCode(2)
        }
        let configuration = Verification.Configuration(
            contracts: report.contracts, scenario: report.scenarios[scenario], target: try targets.target(report.contracts),
            credentials: try makeCredentials(), second: try makeSecondCredentials(),
            planning: .init(readOnly: readOnly, filter: CaseFilter(only: only, skip: skip), negatives: negatives, seed: seed, tokenSample: tokenSample),
            timeout: timeoutValue, retries: retries, bodyCap: bodyCap, concurrency: concurrency, extraHeaders: extraHeaders,
            jwtSecret: jwtSecret ?? ProcessInfo.processInfo.environment["UNDERSTUDY_JWT_SECRET"], baseline: try reports.baseline.map(BaselineFile.read))
        let progress = ProgressLine()
        let outcome: Verification.Outcome
        do {
            outcome = try await Verification(configuration).run(progress: .init(planned: progress.start, finished: progress.record))
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        progress.finish()
        for note in outcome.notes { printError("note: \(note)") }
        let (run, redact) = (outcome.run, outcome.redact)
        print(ConsoleReport(verbose: verbose).render(run, redact: redact))
        if let json = reports.json { try write(JSONReport().render(run, redact: redact).jsonString(pretty: true) + "\n", to: json) }
        if let junit = reports.junit { try write(JUnitReport().render(run, redact: redact), to: junit) }
        if let markdown = reports.markdown { try write(MarkdownReport().render(run, redact: redact), to: markdown) }
        if let writeBaseline { try write(Baseline(run: run).json.jsonString(pretty: true) + "\n", to: writeBaseline) }
        if run.failed { throw ExitCode(1) }
    }

    func makeCredentials() throws -> Credentials {
        let environment = ProcessInfo.processInfo.environment
        if let token {
            guard let tenant else { throw ValidationError("--token needs --tenant") }
            return .token(token, tenant: tenant)
        }
        let email = email ?? environment["UNDERSTUDY_EMAIL"]
        let password = password ?? environment["UNDERSTUDY_PASSWORD"]
        switch (email, password) {
        case (let email?, let password?): return .login(email: email, password: password)
        case (nil, nil): return .none
        default: throw ValidationError("--email and --password go together")
        }
    }

    func makeSecondCredentials() throws -> Credentials {
        if let secondToken {
            guard let secondTenant else { throw ValidationError("--second-token needs --second-tenant") }
            return .token(secondToken, tenant: secondTenant)
        }
        switch (secondEmail, secondPassword) {
        case (let email?, let password?): return .login(email: email, password: password)
        case (nil, nil): return .none
        default: throw ValidationError("--second-email and --second-password go together")
        }
    }

    func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        catch { printError("cannot write \(path): \(error.localizedDescription)"); throw ExitCode(2) }
    }
}
