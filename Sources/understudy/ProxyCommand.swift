import ArgumentParser
import Conformance
import ContractProxy
import Contracts
import Foundation
import JSON
import MockServer

/// `understudy proxy`: stands between a frontend and a real backend, forwards everything unchanged
/// and reports every place either side breaks the contracts; `--record` keeps the answers as a scenario.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Forward to a real backend, checking every request and answer against the contracts live.",
        discussion: """
            Listens like serve (the services' ports, --listen, or --port with the gateway prefixes) and forwards \
            to --gateway URL or --target SERVICE=URL. Divergences print as they are first seen, are listed at \
            /__understudy/divergences, and are written as verify's reports when the proxy stops (SIGINT/SIGTERM) or \
            on POST /__understudy/report. Exit status: 0 no divergence, 1 divergences, 2 usage error. See docs/proxy.md.
            """
    )

    @Option(help: "The contracts directory.") var contracts = "contracts"
    @OptionGroup var backends: TargetFlags
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "Listen for a service on a port: SERVICE=PORT, 0 picks a free one (repeatable).",
            transform: { try ServiceAssignment.parse($0, flag: "listen") }) var listen: [ServiceAssignment] = []
    @Option(help: "Account listening port (--listen account=PORT).") var accountPort: Int?
    @Option(help: "Coaching listening port (--listen coaching=PORT).") var coachingPort: Int?
    @Option(help: "Traction listening port (--listen traction=PORT).") var tractionPort: Int?
    @Option(help: "Listen for all services on one port under their gateway prefixes.") var port: Int?
    @Flag(help: "Answer a request the contract refuses with its 422 instead of forwarding it.") var strict = false
    @Flag(help: "Forward preflights and keep the backend's CORS headers (default: answer CORS as serve does).") var passCors = false
    @Option(help: "Allow only this browser origin (repeatable); any origin by default.") var corsOrigin: [String] = []
    @Option(help: "How long to wait for a backend connection: a number and a unit (ms, s, m).", transform: TimeToLive.parse) var connectTimeout: TimeInterval = 2
    @Option(help: "The longest wait between two reads of a backend's answer (more than a stream's heartbeat).", transform: TimeToLive.parse) var readTimeout: TimeInterval = 30
    @Option(help: "Keep the real answers as a scenario: DIR/recorded/ (serve --fixtures DIR --scenario recorded).") var record: String?
    @OptionGroup var reportFiles: ReportFlags
    @Flag(help: "No line per divergence on stdout.") var quiet = false

    func run() async throws {
        let loaded = ContractLoader.load(directory: contracts, builtins: registeredBuiltins.catalog)
        if loaded.hasErrors {
            loaded.diagnostics.filter { $0.severity == .error }.prefix(20).forEach { printError($0.description) }
            printError("the contracts do not load; run `understudy lint` for every problem")
            throw ExitCode(2)
        }
        let contractSet = loaded.contracts
        let backends = try self.backends.target(contractSet)
        for (service, url) in backends.bases.sorted(by: { $0.key < $1.key }) where !ContractProxy.canForward(to: url) {
            throw ValidationError("\(service)'s backend \(url): not an http:// or https:// URL with a host")
        }
        let aliases = ["account": accountPort, "coaching": coachingPort, "traction": tractionPort].compactMapValues { $0.map(String.init) }
        var ports: [String: Int] = [:]
        for (service, text) in try ServiceAssignment.merge(listen, aliases: aliases, flag: "listen", services: contractSet.services) {
            guard let number = Int(text), (0...65535).contains(number) else { throw ValidationError("--listen \(service)=\(text): not a port") }
            ports[service] = number
        }
        let listeners = port.map { [Listener.gateway(contractSet, port: $0)] } ?? MockServer.serviceListeners(contractSet, ports: ports)
        for listener in listeners where listener.port != 0 {
            if let problem = PortCheck.problem(host: host, port: listener.port) {
                printError("cannot listen on \(host):\(listener.port) for \(listener.name): \(problem)")
                throw ExitCode(1)
            }
        }
        let reports = ProxyReports(json: reportFiles.json, junit: reportFiles.junit, markdown: reportFiles.markdown,
                                   baseline: try reportFiles.baseline.map(BaselineFile.read), conventions: contractSet.conventions)
        let recordFolder = record
        let configuration = ProxyConfiguration(
            backends: backends, strict: strict, passCORS: passCors, cors: CORSPolicy(allowedOrigins: corsOrigin.isEmpty ? nil : Set(corsOrigin)),
            connectTimeout: .milliseconds(Int(connectTimeout * 1000)), readTimeout: .milliseconds(Int(readTimeout * 1000)), record: record != nil, quiet: quiet)
        let proxy = ContractProxy(contracts: contractSet, listeners: listeners, configuration: configuration, host: host, reportWriter: { proxy in
            var written = try reports.write(proxy.run)
            if let recordFolder, let recorder = proxy.recorder { written += try recorder.write(to: recordFolder) }
            return written
        }, printLine: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
        let names = backends.bases.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }
        do {
            try await proxy.run { urls in
                var lines = ["Understudy proxy — \(contractSet.endpoints.count) endpoints checked" + (strict ? ", strict" : "")]
                for (name, url) in urls { lines.append("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(url)") }
                lines.append("  backends  " + names.joined(separator: ", "))
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        await proxy.settle()
        let run = reports.judged(proxy.run)
        do {
            for path in try reports.write(proxy.run) { printError("wrote \(path)") }
            if let record, let recorder = proxy.recorder {
                for path in try recorder.write(to: record) { printError("recorded \(path)") }
            }
        } catch {
            printError("cannot write the reports: \(error)")
            throw ExitCode(2)
        }
        let divergences = run.results.reduce(0) { $0 + $1.divergences.filter { !$0.known }.count }
        printError("\(run.endpoints.count) endpoints saw traffic; \(divergences) divergence\(divergences == 1 ? "" : "s"), \(run.unmatched.count) route\(run.unmatched.count == 1 ? "" : "s") not in the contracts")
        if run.failed { throw ExitCode(1) }
    }
}
