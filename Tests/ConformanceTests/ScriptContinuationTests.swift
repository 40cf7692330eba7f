import Conformance
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A flow goes on past a divergence that leaves later steps what they need, stops at one that does
/// not, and names every step it did not reach; a wrong status is said once.
@Suite struct ScriptContinuationTests {
    static let contracts = """
        service: traction
        endpoints:
          createThing:
            method: POST
            path: /things
            auth: none
            body: { schema: { type: object }, example: { name: T } }
            responses:
              200: { data: { $ref: "#/schemas/Thing" }, example: { success: true, data: { id: t1, name: T } } }
              422: { schema: { $ref: "#/schemas/Error" }, example: { success: false, error: no } }
            fake: { respond: 200 }
          getThing:
            method: GET
            path: /things/{id}
            auth: none
            responses:
              200: { data: { $ref: "#/schemas/Thing" }, example: { success: true, data: { id: t1, name: T } } }
              401: { schema: { $ref: "#/schemas/Error" }, example: { success: false, error: no } }
            fake: { respond: 200 }
          breakThing:
            method: POST
            path: /things/{id}:break
            auth: none
            responses:
              200: { data: { $ref: "#/schemas/Thing" }, example: { success: true, data: { id: t1, name: T } } }
            fake: { respond: 200 }
          afterThing:
            method: GET
            path: /things/{id}/after
            auth: none
            responses:
              200: { data: { $ref: "#/schemas/Thing" }, example: { success: true, data: { id: t1, name: T } } }
            fake: { respond: 200 }
        schemas:
          Thing: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
          Error: { type: object, required: [success, error], properties: { success: { const: false }, error: { type: string } } }
        flows:
          thingFlow:
            steps:
              - call: createThing
                body: { name: T }
                capture: { id: /data/id }
              - call: getThing
                path: { id: "{{id}}" }
                expect: { status: 200, body: { /data/name: U } }
              - call: breakThing
                path: { id: "{{id}}" }
                expect: { status: 200, body: { /success: true, /data/id: t1 } }
              - call: afterThing
                path: { id: "{{id}}" }
        """

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        // A soft divergence: `name` is null where a string is documented; the id later steps need is there.
        router.post("things") { _, _ in Self.answer(.ok, #"{"success":true,"data":{"id":"t1","name":null}}"#) }
        router.get("things/:id") { _, _ in Self.answer(.ok, #"{"success":true,"data":{"id":"t1","name":"T"}}"#) }
        router.post("things/:id") { _, _ in Self.answer(.internalServerError, #"{"success":false,"error":"boom"}"#) }
        router.get("things/:id/after") { _, _ in Self.answer(.ok, #"{"success":true,"data":{"id":"t1","name":"T"}}"#) }
        return router
    }

    @Sendable static func answer(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    @Test(.timeLimit(.minutes(1))) func aFlowGoesOnStopsWhereItMustAndNamesWhatItDidNotReach() async throws {
        let (contracts, diagnostics, _) = try SmallContracts.load(extra: ["traction/things.yaml": Self.contracts])
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let transport = AsyncHTTPTransport(timeout: .seconds(10))
            let runner = Runner(contracts: contracts, target: Target(bases: ["traction": "http://127.0.0.1:\(port)"]), credentials: .none, transport: transport)
            let planner = CasePlanner(contracts: contracts, resolver: FixtureResolver(scenario: nil, collections: [:], tenantID: nil, userID: nil))
            let flow = try #require(planner.plan().first { $0.kind == .flow })
            let result = await runner.run(flow)
            await transport.shutdown()
            #expect(result.status == .failed)
            #expect(result.exercised == ["createThing", "getThing", "breakThing"], "the soft divergence did not stop the flow")
            let lines = result.divergences.map { "\($0.endpointID) \($0.kind.rawValue)" }
            // A value that differs (step 2) does not stop it; the 500 does, said once: not also as the two body values it lacks.
            #expect(lines == ["createThing schema", "getThing expectation", "breakThing status"], "\(result.divergences.map(\.line))")
            #expect(result.notReached == ["step 4 (afterThing): not reached — step 3 (breakThing) answered 500 where 200 was expected"])
        }
    }
}
