import Contracts
import Fakes
import PurposePathFakes
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import MockServer
import TestSupport
import Testing

/// `--strict`: a fake that breaks its own contract answers 500 and says where.
@Suite struct StrictModeTests {
    /// A contract whose create fake stores what it is sent, while the answer promises a `name`.
    static let files = [
        "contracts/services.yaml": "services:\n  traction: { title: Traction, port: 8002, prefix: /traction/api/v1 }\n",
        "contracts/traction/notes.yaml": """
            service: traction
            collections:
              notes: { schema: { type: object }, idPrefix: note_, global: true }
            endpoints:
              createNote:
                method: POST
                path: /notes
                auth: none
                body: { schema: { type: object }, example: { text: hi } }
                responses:
                  200:
                    data: { type: object, required: [id, name], properties: { name: { type: string } } }
                    example: { success: true, data: { id: note_1, name: first } }
                  422: { schema: { type: object }, example: { success: false } }
                fake: { create: notes }
            """,
        "fixtures/default/scenario.yaml": "tenants: {}\n",
    ]

    func app(strict: Bool, in dir: TemporaryDirectory) async throws -> some ApplicationProtocol {
        let report = Linter.lint(contracts: dir.file("contracts"), fixtures: dir.file("fixtures"))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let tokens = try await TokenService(.init(secret: "understudy-test-secret-with-at-least-32-bytes"))
        let engine = try FakeEngine(contracts: report.contracts, scenarios: report.scenarios, scenario: "default", tokens: tokens, builtins: .purposePath)
        let server = MockServer(engine: engine, listeners: [Listener.gateway(report.contracts, port: 0)], options: MockOptions(quiet: true, strict: strict))
        return server.application(for: server.listeners[0])
    }

    @Test func aFakeThatBreaksItsContractIsA500OnlyInStrictMode() async throws {
        let dir = try TemporaryDirectory(Self.files)
        try await app(strict: false, in: dir).test(.router) { raw in
            let reply = try await Client(raw).send(.post, "/traction/api/v1/notes", json: ["text": "no name"])
            #expect(reply.status == 200)
        }
        try await app(strict: true, in: dir).test(.router) { raw in
            let reply = try await Client(raw).send(.post, "/traction/api/v1/notes", json: ["text": "no name"])
            #expect(reply.status == 500)
            #expect(reply.json?["code"] == "FAKE_BROKE_CONTRACT")
            #expect(reply.json?["error"]?.stringValue?.contains("createNote answer breaks its contract at /data/name") == true)
            let fine = try await Client(raw).send(.post, "/traction/api/v1/notes", json: ["text": "named", "name": "second"])
            #expect(fine.status == 200)
        }
    }
}
