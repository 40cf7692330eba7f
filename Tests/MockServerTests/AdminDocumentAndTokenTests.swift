import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import MockServer
import OpenAPIExport
import Testing

/// The admin routes every API gets: the live OpenAPI documents (`/__understudy/openapi/…`) and
/// minted tokens (`POST /__understudy/token`).
@Suite struct AdminDocumentAndTokenTests {
    @Test func theLiveDocumentIsTheExportWithCORSForABrowserViewer() async throws {
        let harness = try await MockHarness()
        try await harness.app("coaching").test(.router) { raw in
            let client = Client(raw)
            let json = try await client.send(.get, "/__understudy/openapi/traction.json", headers: ["Origin": "https://viewer.example"])
            #expect(json.status == 200)
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            #expect(json.headers[.accessControlAllowOrigin] == "https://viewer.example")
            #expect(try JSONParser.parse(json.text) == OpenAPIExporter(contracts: Shipped.report.contracts).document(.service("traction")))
            let yaml = try await client.send(.get, "/__understudy/openapi/all.yaml")
            #expect(yaml.status == 200 && yaml.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(yaml.text.hasPrefix("openapi: \"3.1.0\"\n"))
            let index = try await client.send(.get, "/__understudy/openapi")
            #expect(index.json?["data"]?.arrayValue?.compactMap { $0["service"]?.stringValue } == ["all", "account", "coaching", "traction"])
            let unknown = try await client.send(.get, "/__understudy/openapi/billing.json")
            #expect(unknown.status == 404)
            #expect(unknown.json?["error"]?.stringValue?.contains("all.json, account.json, coaching.json, traction.json") == true)
        }
    }

    @Test func aMintedTokenOpensTheTenantItNames() async throws {
        let harness = try await MockHarness()
        let token = try await harness.app("account").test(.router) { raw in
            let client = Client(raw)
            let minted = try await client.send(.post, "/__understudy/token", json: ["sub": "user_demo", "tenant": "tenant_acme", "roles": ["admin"]])
            #expect(minted.status == 200)
            #expect(minted.json?["tenant"] == "tenant_acme" && minted.json?["sub"] == "user_demo" && minted.json?["tokenType"] == "Bearer")
            // Bare, whatever the API's envelope: a script reads `.accessToken`.
            #expect(minted.json?["success"] == nil)
            let refused = try await client.send(.post, "/__understudy/token", json: ["tenant": "tenant_nowhere", "roles": "admin"])
            #expect(refused.status == 422)
            #expect(refused.json?["errors"]?["tenant"]?.stringValue?.contains("tenant_acme, tenant_globex") == true)
            #expect(refused.json?["errors"]?["roles"] != nil)
            #expect(try await client.send(.post, "/__understudy/token", raw: "{nope").status == 400)
            return try #require(minted.json?["accessToken"]?.stringValue)
        }
        try await harness.app("traction").test(.router) { raw in
            let mine = try await Client(raw, token: token, tenant: "tenant_acme").send(.get, "/goals")
            let foreign = try await Client(raw, token: token, tenant: "tenant_globex").send(.get, "/goals")
            #expect(mine.status == 200)
            #expect(foreign.status == 403)
        }
    }
}
