import ArgumentParser
import Contracts
import Fakes
import Foundation
import JSON
import LiveReload
import MockServer
import SQLiteState

/// `understudy serve`: stateful fakes of the three services for a frontend working offline.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the contracts as stateful fakes (Account :8001, Coaching :8000, Traction :8002).",
        discussion: "Stops on SIGINT/SIGTERM. Admin API under /__understudy/ on every listener; see docs/serve.md."
    )

    @Option(help: "The contracts directory.") var contracts = "contracts"
    @Option(help: "The fixtures directory.") var fixtures = "fixtures"
    @Option(help: "The scenario to start from.") var scenario = "default"
    @Option(help: "Keep every tenant's state in this SQLite file (WAL); it survives restarts and kill -9.") var state: String?
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "Listen for a service of services.yaml on a port: SERVICE=PORT, 0 picks a free one (repeatable).",
            transform: { try ServiceAssignment.parse($0, flag: "listen") })
    var listen: [ServiceAssignment] = []
    @Option(help: "Account service port (the same as --listen account=PORT).") var accountPort: Int?
    @Option(help: "Coaching service port (--listen coaching=PORT).") var coachingPort: Int?
    @Option(help: "Traction service port (--listen traction=PORT).") var tractionPort: Int?
    @Option(help: "Serve all services on one port under their gateway prefixes (/account/api/v1, …).") var port: Int?
    @Option(help: "Access token lifetime: a number and a unit (ms, s, m, h, d), e.g. 15m or 10s.", transform: TimeToLive.parse) var accessTtl: TimeInterval = 15 * 60
    @Option(help: "Refresh token lifetime: a number and a unit, e.g. 30d.", transform: TimeToLive.parse) var refreshTtl: TimeInterval = 30 * 24 * 3600
    @Option(help: "HS256 secret (≥ 32 bytes) so tokens survive restarts and real services accept them; random by default.")
    var jwtSecret: String?
    @Option(help: "Allow only this browser origin (repeatable); any origin by default.") var corsOrigin: [String] = []
    @Option(help: "Seconds between SSE heartbeats (default: each stream's declared heartbeat, else 15).") var heartbeat: Int?
    @Flag(help: "Validate every fake answer against its contract; a broken one becomes a 500.") var strict = false
    @Flag(help: "No request log on stdout.") var quiet = false
    @Option(name: .customLong("report"), help: "A verify report (JSON) for the dashboard's Verify report view to open at start.") var reportFile: String?
    @Flag(help: "Reload the contracts and fixtures when a file changes (state, sessions and open streams kept); a change that does not lint is refused.")
    var watch = false
    @Option(help: "Add latency: 200ms or 100-500ms[,endpoint=ID|path=GLOB][,rate=R][,times=N] (repeatable).", transform: FaultFlag.latency)
    var latency: [FaultRule] = []
    @Option(help: "Fail requests: 'status=503[,rate=0.2][,endpoint=ID|path=GLOB][,times=N][,retryAfter=S]' (repeatable).", transform: FaultFlag.fail)
    var fail: [FaultRule] = []
    @Option(help: "Drop connections mid-answer: 'rate=0.1[,endpoint=ID|path=GLOB][,times=N]' (repeatable).", transform: FaultFlag.drop)
    var drop: [FaultRule] = []
    @Flag(help: "GET /health/ready answers 503 until the fault is removed (DELETE /__understudy/faults).") var notReady = false
    @Option(help: "Seed for the faults' random draws, so a run repeats.") var faultSeed: UInt64?
    @Option(help: ArgumentHelp(
        "Break the contracts on purpose, to prove verify notices: a seed (7) or one kind everywhere it applies.",
        discussion: "Kinds: \(Mutation.allCases.map(\.rawValue).joined(separator: ", ")). The mutated endpoints are listed at startup and at GET /__understudy/mutations."),
        transform: { text in
            guard let spec = MutationPlan.Spec(text) else {
                throw ValidationError("--mutate takes a seed (a number) or one of: \(Mutation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return spec
        })
    var mutate: MutationPlan.Spec?

    func run() async throws {
        // Taken before the contracts are read, so an edit made while they load is reloaded too.
        let baseline = watch ? FolderFingerprint(LiveReload.roots(contracts, fixtures, nil)) : nil
        let report = Linter.lint(contracts: contracts, fixtures: fixtures, builtins: registeredBuiltins.catalog)
        let problems = report.diagnostics.filter { $0.severity == .error }
        guard problems.isEmpty else {
            problems.prefix(20).forEach { printError($0.description) }
            printError("\(problems.count) contract or fixture problem(s); fix them (understudy lint) before serving")
            throw ExitCode(2)
        }
        let faults = FaultInjector(seed: faultSeed)
        for rule in latency + fail + drop + (notReady ? [FaultRule(effect: .notReady)] : []) {
            if case .endpoint(let id) = rule.match, report.contracts.endpoint(id: id) == nil {
                printError("--\(rule.effect.name) endpoint=\(id): no contract endpoint has that id; see understudy routes")
                throw ExitCode(2)
            }
            faults.add(rule)
        }
        let tokens: TokenService
        do {
            tokens = try await TokenService(.init(secret: jwtSecret, accessTTL: accessTtl, refreshTTL: refreshTtl))
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        var stateFile: SQLiteStateFile?
        var restored: FakeState?
        if let state {
            do {
                stateFile = try await SQLiteStateFile.open(path: state)
                restored = try await stateFile?.load()
            } catch {
                await stateFile?.close()
                printError(error.description)
                throw ExitCode(1)
            }
        }
        let engine: FakeEngine
        do {
            engine = try FakeEngine(
                contracts: report.contracts, scenarios: report.scenarios, scenario: restored?.scenario ?? scenario, tokens: tokens,
                builtins: registeredBuiltins, persistence: stateFile, restoring: restored)
        } catch {
            printError(error.message)
            throw ExitCode(2)
        }
        // Loading parsed every YAML file and compiled every schema; hand the freed heap back to the
        // system before serving, so an idle mock is as small as what it keeps.
        HeapTrim.releaseFreedMemory()
        let aliases = ["account": accountPort, "coaching": coachingPort, "traction": tractionPort].compactMapValues { $0.map(String.init) }
        let named = try ServiceAssignment.merge(listen, aliases: aliases, flag: "listen", services: report.contracts.services)
        var ports: [String: Int] = [:]
        for (service, text) in named {
            guard let number = Int(text), (0...65535).contains(number) else { throw ValidationError("--listen \(service)=\(text): not a port") }
            ports[service] = number
        }
        let listeners = port.map { [Listener.gateway(report.contracts, port: $0)] } ?? MockServer.serviceListeners(report.contracts, ports: ports)
        for listener in listeners where listener.port != 0 {
            if let problem = PortCheck.problem(host: host, port: listener.port) {
                printError("cannot listen on \(host):\(listener.port) for \(listener.name): \(problem)")
                throw ExitCode(1)
            }
        }
        var preloaded: JSONValue?
        if let reportFile {
            do {
                preloaded = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: reportFile))))
            } catch {
                printError("--report \(reportFile): \(error)")
                throw ExitCode(2)
            }
        }
        let options = MockOptions(
            cors: CORSPolicy(allowedOrigins: corsOrigin.isEmpty ? nil : Set(corsOrigin)), quiet: quiet, strict: strict,
            heartbeat: heartbeat.map { .seconds($0) }, faults: faults, mutations: mutate.map { MutationPlan(contracts: report.contracts, spec: $0) }, report: preloaded)
        let server = MockServer(engine: engine, host: host, listeners: listeners, options: options)
        let active = restored?.scenario ?? scenario
        let stateLine = state.map { "  state     \($0)" + (restored == nil ? " (new)" : " (restored)") }
        let title = report.scenarios[active]?.title ?? active
        let demo = report.scenarios[active]?.users.first
        let watching = watch ? Task {
            await LiveReload(server: server, contracts: contracts, fixtures: fixtures, builtins: registeredBuiltins.catalog, baseline: baseline).watch { outcome in
                FileHandle.standardOutput.write(Data((outcome.lines.joined(separator: "\n") + "\n").utf8))
            }
        } : nil
        defer { watching?.cancel() }
        do {
            try await server.run { urls in
                var lines = ["Understudy \(Understudy.version) — scenario '\(active)' (\(title)), \(report.contracts.endpoints.count) endpoints"]
                if let stateLine { lines.append(stateLine) }
                for (name, url) in urls { lines.append("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(url)") }
                if let demo { lines.append("Log in as \(demo.email) / \(demo.password)") }
                if watch { lines.append("Watching \(contracts) and \(fixtures): edits are served as soon as they lint") }
                let rules = faults.rules
                if !rules.isEmpty {
                    lines.append("Faults on: " + rules.map { "\($0.id) \($0.effect.name)" }.joined(separator: ", ") + " (GET /__understudy/faults)")
                }
                if let plan = options.mutations {
                    lines.append("MUTATED — this mock breaks its contracts on purpose (--mutate); \(plan.assignments.count) endpoints:")
                    lines += plan.listing.map { "  " + $0 }
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        } catch {
            printError("server stopped: \(error)")
            throw ExitCode(1)
        }
    }
}
