import Conformance
import Contracts
import Fakes
import PurposePathFakes
import Foundation
import HummingbirdTesting
import JSON
import MockServer
import TestSupport
import Testing

/// `understudy verify` against `understudy serve` (in-process, real socket, gateway): the mock must
/// conform to its own contracts: no divergence, and every endpoint reached by at least one request.
@Suite struct MockConformanceTests {
    static let shipped = shippedReport

    @Test(.timeLimit(.minutes(2))) func theMockConformsToItsOwnContracts() async throws {
        let report = Self.shipped
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes", accessTTL: 900))
        let engine = try FakeEngine(contracts: report.contracts, scenarios: report.scenarios, scenario: "default", tokens: tokens, builtins: .purposePath)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(report.contracts, port: 0)], options: .init(quiet: true, heartbeat: .seconds(1)))
        try await server.application(for: server.listeners[0]).test(.live) { client in
            let port = try #require(client.port)
            let (run, redact) = try await Self.verify(report, gateway: "http://127.0.0.1:\(port)")
            let console = ConsoleReport().render(run, redact: redact)
            #expect(!run.hasDivergences, "divergences:\n\(console)")
            #expect(run.coverageGaps.isEmpty && run.uncovered.isEmpty, "endpoints no case reached:\n\(console)")
            #expect(run.endpoints.count == 129 && run.endpoints.allSatisfy { run.requestsRun(for: $0.id) > 0 })
            #expect(run.count(.passed) > 250 && run.count(.skipped) == 0)
            // The streams were opened, triggered, and their events arrived.
            let streams = run.results.filter { $0.kind == .stream }
            #expect(streams.count == 2 && streams.allSatisfy { $0.status == .passed && $0.name.hasPrefix("stream: ") })
            #expect(!console.contains("Demo123!") && !console.contains("eyJ"), "secrets in the console report")
            try ReportShapeTests.checkJSONShape(JSONReport().render(run, redact: redact))
            try ReportShapeTests.checkWellFormed(JUnitReport().render(run, redact: redact))
        }
    }

    /// `understudy verify` as the CLI runs it, against a gateway, as the demo user.
    static func verify(_ report: Linter.Report, gateway: String) async throws -> (RunResult, Redactor) {
        let configuration = Verification.Configuration(
            contracts: report.contracts, scenario: report.scenarios["default"], target: .gateway(gateway, contracts: report.contracts),
            credentials: .login(email: "demo@purposepath.app", password: "Demo123!"),
            // Generous: the in-process server shares two cores with every other suite running at once.
            timeout: .seconds(30),
            // The mock's secret: the expired token is signed properly, so only the mock's expiry check refuses it.
            jwtSecret: "understudy-test-secret-with-at-least-32-bytes")
        let outcome = try await Verification(configuration).run()
        #expect(outcome.notes.isEmpty, "\(outcome.notes)")
        return (outcome.run, outcome.redact)
    }
}

/// A run leaves no trace: twice in a row against one mock with no reset, no divergence either
/// time, and the demo tenant's records are what they were, but for what the report says it left.
@Suite struct NoTraceTests {
    static let watched = ["goals", "strategies", "issues", "actions", "kpis", "products"]

    static func unstamped(_ record: JSONValue, _ fields: [String]) -> JSONValue {
        guard case .object(var members) = record else { return record }
        for field in fields { members.removeValue(forKey: field) }
        return .object(members)
    }

    @Test(.timeLimit(.minutes(3))) func twoRunsInARowPassAndLeaveOnlyWhatTheyReport() async throws {
        let report = MockConformanceTests.shipped
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes", accessTTL: 900))
        let engine = try FakeEngine(contracts: report.contracts, scenarios: report.scenarios, scenario: "default", tokens: tokens, builtins: .purposePath)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(report.contracts, port: 0)], options: .init(quiet: true, heartbeat: .seconds(1)))
        @Sendable func records() -> [String: [String: JSONValue]] {
            engine.store.read { state in
                var found: [String: [String: JSONValue]] = [:]
                for name in Self.watched {
                    for record in state.tenants["tenant_acme"]?.all(name) ?? [] {
                        guard let id = record["id"]?.stringValue else { continue }
                        found[name, default: [:]][id] = record
                    }
                }
                return found
            }
        }
        let before = records()
        try await server.application(for: server.listeners[0]).test(.live) { client in
            let port = try #require(client.port)
            for attempt in 1...2 {
                let (run, redact) = try await MockConformanceTests.verify(report, gateway: "http://127.0.0.1:\(port)")
                #expect(!run.hasDivergences, "run \(attempt):\n\(ConsoleReport().render(run, redact: redact))")
                #expect(run.count(.skipped) == 0)
                let after = records()
                let reported = run.leftBehind.map(\.what).joined(separator: "\n")
                for name in Self.watched {
                    let old = before[name] ?? [:], new = after[name] ?? [:]
                    // Saving a record as it is stamps it: the collection's timestamps may move, nothing else.
                    let stamps = report.contracts.collections[name]?.timestamps.map { [$0.created, $0.updated] } ?? []
                    for (id, record) in old {
                        #expect(new[id].map { Self.unstamped($0, stamps).isJSONEqual(to: Self.unstamped(record, stamps)) } == true,
                                "run \(attempt) changed or removed the fixture \(name) record \(id)")
                    }
                    let added = Set(new.keys).subtracting(old.keys)
                    if !added.isEmpty {
                        #expect(reported.contains("a \(name) record"), "run \(attempt) left \(added.count) \(name) record(s) it did not report: \(added.sorted())")
                    }
                }
            }
        }
    }
}
