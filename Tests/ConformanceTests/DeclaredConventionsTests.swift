import Conformance
import Contracts
import Fakes
import Foundation
import HTTPTypes
import HummingbirdTesting
import JSON
import MockServer
import PurposePathFakes
import TestSupport
import Testing

/// The conventions `services.yaml` declares are kept by `serve` and checked by `verify` alike: change
/// them, and the mock answers the new way while verify expects exactly that — they cannot disagree.
@Suite struct DeclaredConventionsTests {
    @Test(.timeLimit(.minutes(2))) func otherTenancyStatusesCredentialsCORSAndAnAccessRevokingLogoutAreServedAndVerified() async throws {
        let directory = NSTemporaryDirectory() + "understudy-conventions-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: repositoryRoot + "/contracts", toPath: directory)
        let servicesPath = directory + "/services.yaml"
        var services = try String(contentsOfFile: servicesPath, encoding: .utf8)
        services = services.replacingOccurrences(of: "missing: 401, foreign: 403", with: "missing: 400, foreign: 404")
            .replacingOccurrences(of: "revokes: [refresh]", with: "revokes: [access, refresh]")
            .replacingOccurrences(of: "credentials: { header: Authorization, scheme: Bearer, query: access_token }",
                                  with: "credentials: { header: X-Api-Token, scheme: Token, query: access_token }")
            .replacingOccurrences(of: "allowHeaders: [Authorization, X-Tenant-Id, X-Frontend-Base-Url, Content-Type, Last-Event-ID, Accept]",
                                  with: "allowHeaders: [X-Api-Token, X-Tenant-Id, Content-Type]")
        try services.write(toFile: servicesPath, atomically: true, encoding: .utf8)
        let report = Linter.lint(contracts: directory, fixtures: repositoryRoot + "/fixtures", decisions: repositoryRoot + "/docs/decisions.md")
        #expect(!report.hasErrors, "\(report.diagnostics)")
        #expect(report.contracts.conventions.tenancy?.missing == 400 && report.contracts.conventions.sessions?.revokes == [.access, .refresh])
        #expect(report.contracts.conventions.credentials.headerKey == "x-api-token")

        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes", accessTTL: 900))
        let engine = try FakeEngine(contracts: report.contracts, scenarios: report.scenarios, scenario: "default", tokens: tokens, builtins: .purposePath)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(report.contracts, port: 0)], options: .init(quiet: true, heartbeat: .seconds(1)))
        try await server.application(for: server.listeners[0]).test(.live) { client in
            let port = try #require(client.port)
            let preflight = try await client.execute(
                uri: "/traction/api/v1/goals", method: .options,
                headers: [.origin: "http://localhost:3000", .accessControlRequestMethod: "GET"])
            #expect(preflight.headers[.accessControlAllowHeaders] == "X-Api-Token, X-Tenant-Id, Content-Type")
            let bearer = try await client.execute(uri: "/traction/api/v1/goals", method: .get, headers: [.authorization: "Bearer x", HTTPField.Name("X-Tenant-Id")!: "tenant_acme"])
            #expect(bearer.status == .unauthorized)
            #expect(String(buffer: bearer.body).contains("X-Api-Token: Token token is required"))
            let transport = AsyncHTTPTransport(timeout: .seconds(30))
            let target = Target.gateway("http://127.0.0.1:\(port)", contracts: report.contracts)
            var runner = Runner(contracts: report.contracts, target: target, credentials: .login(email: "demo@purposepath.app", password: "Demo123!"), transport: transport)
            #expect(await runner.signIn() == nil)
            #expect(await runner.signInSecond(.none, candidates: report.scenarios["default"]!.users.map { ($0.email, $0.password) }) == nil)
            let resolver = FixtureResolver(scenario: report.scenarios["default"], collections: report.contracts.collections,
                                           tenantID: await runner.session.tenantID, userID: await runner.session.userID)
            let cases = CasePlanner(contracts: report.contracts, resolver: resolver, options: .init(filter: CaseFilter(only: ["account"]))).plan()
                .filter { [.isolation, .token].contains($0.kind) }
            let results = await runner.run(cases)
            await transport.shutdown()
            let failed = results.filter { $0.status != .passed }
            #expect(failed.isEmpty, "\(failed.map { "\($0.endpointID) \($0.name): \($0.divergences.map(\.line)) \($0.reason ?? "")" })")
            #expect(cases.contains { $0.name == "isolation: no tenant → 400" } && cases.contains { $0.name == "isolation: another tenant's id → 404" })
            let logout = try #require(cases.first { $0.name == "token: logout revokes access and refresh" })
            #expect(logout.script?.steps.contains { $0.label == "the signed-out access token" } == true)
            #expect(results.contains { $0.name == logout.name && $0.status == .passed })
        }
    }
}
