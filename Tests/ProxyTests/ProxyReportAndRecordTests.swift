import Conformance
import ContractProxy
import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import JSONSchema
import MockServer
import PurposePathFakes
import TestSupport
import Testing

/// The proxy's reports are verify's (same schema, `mode: proxy`, a baseline honoured), and
/// `--record` gives a scenario `serve` answers the recorded reads from.
@Suite struct ProxyReportAndRecordTests {
    @Test(.timeLimit(.minutes(1))) func theReportsAreVerifysShapeAndABaselineAcceptsKnownDivergences() async throws {
        let folder = try TemporaryDirectory()
        let (jsonPath, junitPath, markdownPath) = (folder.file("proxy.json"), folder.file("proxy.xml"), folder.file("proxy.md"))
        try await withBackend({ _ in json(#"{"success":true,"data":[{"id":"goal_1","title":7}]}"#) }) { port, _ in
            try await withProxy(backend: "http://127.0.0.1:\(port)") { client, proxy, _ in
                _ = try await send(client, .get, "/traction/api/v1/goals", token: "t")
                _ = try await send(client, .get, "/traction/api/v1/nowhere", token: "t")
                let reports = ProxyReports(json: jsonPath, junit: junitPath, markdown: markdownPath,
                                           conventions: proxy.contracts.conventions)
                #expect(try reports.write(proxy.run).count == 3)
                let report = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: jsonPath))))
                let schemaText = try String(contentsOfFile: repositoryRoot + "/docs/report-schema.json", encoding: .utf8)
                var compiler = SchemaCompiler(registry: SchemaRegistry())
                let schema = compiler.compile(try JSONParser.parse(schemaText), uri: "file:///docs/report-schema.json")
                #expect(schema.validate(report).map(\.description) == [])
                #expect(report["target"]?["mode"] == "proxy")
                #expect(report["summary"]?["families"]?["traffic"]?["failed"] == 1)
                #expect(report["unmatched"]?[0]?["path"] == "/traction/api/v1/nowhere")
                #expect(try String(contentsOfFile: markdownPath, encoding: .utf8).hasPrefix("### understudy proxy: ❌"))
                // Accepting this run's divergences: the same traffic is known, not failed.
                let baseline = Baseline(run: proxy.run)
                let judged = ProxyReports(baseline: baseline, conventions: proxy.contracts.conventions).judged(proxy.run)
                #expect(judged.results.allSatisfy { $0.status != .failed })
                #expect(judged.results.contains { $0.status == .known })
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func recordedAnswersBecomeAScenarioServeAnswersTheReadsFrom() async throws {
        let folder = try TemporaryDirectory()
        let recorded = try await Self.record(into: folder.path)
        // The scenario lints with the shipped contracts, and holds no secret of the backend.
        let report = Linter.lint(contracts: repositoryRoot + "/contracts", fixtures: folder.path, builtins: BuiltinRegistry.purposePath.catalog)
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let scenario = try #require(report.scenarios["recorded"])
        let texts = try ["scenario.yaml", "records.yaml"].map { try String(contentsOfFile: folder.file("recorded/\($0)"), encoding: .utf8) }
        #expect(!texts.joined().contains("demo@purposepath.app") && !texts.joined().contains("eyJ"))
        #expect(scenario.users.first?.email == "user-1@recorded.invalid" && scenario.users.first?.password == Recorder.password)
        // serve on the recording answers the recorded reads the way the backend did.
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let engine = try FakeEngine(contracts: report.contracts, scenarios: report.scenarios, scenario: "recorded", tokens: tokens, builtins: .purposePath)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(report.contracts, port: 0)], options: .init(quiet: true))
        try await server.application(for: server.listeners[0]).test(.router) { client in
            let login = try await send(client, .post, "/account/api/v1/auth/login", body: #"{"email":"user-1@recorded.invalid","password":"\#(Recorder.password)"}"#)
            #expect(login.status == 200)
            let token = try #require(login.json?["data"]?["access_token"]?.stringValue)
            // The recorded reads answer what the backend answered (the addresses replaced).
            for (path, answer) in recorded {
                let replayed = try await send(client, .get, path, token: token)
                #expect(replayed.status == 200)
                #expect(replayed.json?["data"] == answer, "\(path)")
            }
            // A write makes the tenant's reads computed again: the new goal is in the list.
            let created = try await send(client, .post, "/traction/api/v1/goals", token: token, body: #"{"title":"After the recording","intent":"Show state"}"#)
            #expect(created.status == 200)
            let after = try await send(client, .get, "/traction/api/v1/goals", token: token)
            #expect(after.json?["data"]?.arrayValue?.contains { $0["title"] == "After the recording" } == true)
        }
    }

    /// Signs in and reads a goal's activity, the business foundation and the profile through a
    /// recording proxy in front of serve; answers each read's data, emails as the recording writes them.
    static func record(into folder: String) async throws -> [(String, JSONValue?)] {
        let read = ReadBox()
        try await withServe { port, _ in
            try await withProxy(backend: "http://127.0.0.1:\(port)", record: true) { client, proxy, _ in
                let login = try await send(client, .post, "/account/api/v1/auth/login", body: #"{"email":"demo@purposepath.app","password":"Demo123!"}"#)
                let token = try #require(login.json?["data"]?["access_token"]?.stringValue)
                // As the frontend does: the goals, the goal, then its activity (a child needs its parent
                // recorded). The goal views embed strategies and KPI links: answered verbatim.
                for path in ["/traction/api/v1/goals", "/traction/api/v1/goals/goal_revenue", "/traction/api/v1/goals/goal_revenue/activity", "/account/api/v1/business/foundation", "/account/api/v1/user/profile"] {
                    let answer = try await send(client, .get, path, token: token)
                    #expect(answer.status == 200, "\(path)")
                    read.reads.append((path, answer.json?["data"]))
                }
                let recorder = try #require(proxy.recorder)
                #expect(recorder.count >= 3)
                #expect(try recorder.write(to: folder).count == 2)
            }
        }
        // The recording replaces the addresses it saw; so must the comparison.
        return read.reads.map { path, data in
            (path, data.map { JSONValue(parsing: $0.jsonString().replacingOccurrences(of: "demo@purposepath.app", with: "user-1@recorded.invalid")) })
        }
    }
}

final class ReadBox: @unchecked Sendable {
    var reads: [(String, JSONValue?)] = []
}

extension JSONValue {
    init(parsing text: String) { self = (try? JSONParser.parse(text)) ?? .null }
}
