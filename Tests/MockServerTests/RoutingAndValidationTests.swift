import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import Testing

@Suite struct RoutingAndValidationTests {
    @Test func unknownPathsNameTheClosestRouteAndWrongMethodsListTheAllowedOnes() async throws {
        let harness = try await MockHarness()
        try await harness.app("traction").test(.router) { raw in
            let client = Client(raw)
            let missing = try await client.send(.get, "/goal")
            #expect(missing.status == 404)
            #expect(missing.json?["code"] == "ROUTE_NOT_FOUND")
            #expect(missing.json?["error"]?.stringValue?.contains("closest contract route: /goals") == true)
            let wrong = try await client.send(.patch, "/goals")
            #expect(wrong.status == 405)
            #expect(wrong.headers[.allow] == "GET, POST")
        }
    }

    @Test func protectedRoutesRefuseMissingForgedAndForeignCredentials() async throws {
        let harness = try await MockHarness()
        let (token, refresh) = try await harness.app("account").test(.router) { raw in
            let (client, refresh) = try await Client(raw).loggedIn()
            return (client.token!, refresh)
        }
        #expect(!refresh.isEmpty)
        try await harness.app("traction").test(.router) { raw in
            #expect(try await Client(raw).send(.get, "/goals").status == 401)
            let forged = String(token.dropLast(4)) + "AAAA"
            #expect(try await Client(raw, token: forged, tenant: "tenant_acme").send(.get, "/goals").status == 401)
            let foreign = try await Client(raw, token: token, tenant: "tenant_globex").send(.get, "/goals")
            #expect(foreign.status == 403)
            #expect(foreign.json?["success"] == false)
            let mine = try await Client(raw, token: token, tenant: "tenant_acme").send(.get, "/goals")
            #expect(mine.status == 200)
            #expect(mine.json?["data"]?.arrayValue?.count == 5)
        }
    }

    @Test func badBodiesGetFieldErrorsOrA400AndChangeNothing() async throws {
        let harness = try await MockHarness(gateway: true)
        try await harness.app("gateway").test(.router) { raw in
            let base = Client(raw)
            let loginReply = try await base.send(.post, "/account/api/v1/auth/login", json: ["email": "demo@purposepath.app", "password": "Demo123!"])
            let data = try #require(loginReply.json?["data"])
            let client = Client(raw, token: data["access_token"]?.stringValue, tenant: "tenant_acme")
            let before = try await client.send(.get, "/traction/api/v1/goals").json?["data"]?.arrayValue?.count
            let invalid = try await client.send(.post, "/traction/api/v1/goals", json: ["intent": 42])
            #expect(invalid.status == 422)
            #expect(invalid.json?["errors"]?["title"] != nil)
            #expect(invalid.json?["errors"]?["intent"]?.stringValue?.contains("string") == true)
            let malformed = try await client.send(.post, "/traction/api/v1/goals", raw: #"{"title": "Broken"#)
            #expect(malformed.status == 400)
            #expect(malformed.json?["code"] == "MALFORMED_JSON")
            let form = try await client.send(.post, "/traction/api/v1/goals", raw: "title=Form", headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(form.status == 415)
            #expect(form.json?["code"] == "UNSUPPORTED_MEDIA_TYPE")
            let problemJSON = try await client.send(
                .post, "/traction/api/v1/goals", json: ["title": "Typed", "intent": "Any JSON media type"],
                headers: ["Content-Type": "Application/Problem+JSON; charset=utf-8"])
            #expect(problemJSON.status == 200)
            let after = try await client.send(.get, "/traction/api/v1/goals").json?["data"]?.arrayValue?.count
            #expect(before.map { $0 + 1 } == after)
            let badQuery = try await client.send(.post, "/coaching/api/v1/insights/generate?page=zero")
            #expect(badQuery.status == 422)
            #expect(badQuery.json?["errors"]?["page"] != nil)
        }
    }

    @Test func registrationNeedsTheFrontendBaseURLHeader() async throws {
        let harness = try await MockHarness()
        try await harness.app("account").test(.router) { raw in
            let body: JSONValue = ["email": "new@studio.example", "password": "Secret123!", "first_name": "Nia", "last_name": "Obi"]
            let missing = try await Client(raw).send(.post, "/auth/register", json: body)
            #expect(missing.status == 422)
            #expect(missing.json?["errors"]?["X-Frontend-Base-Url"] != nil)
            let sent = try await Client(raw).send(.post, "/auth/register", json: body, headers: ["X-Frontend-Base-Url": "http://localhost:3000"])
            #expect(sent.status == 200)
        }
    }

    @Test func corsPreflightAndCredentialedRequestsFromAnyOrigin() async throws {
        let harness = try await MockHarness()
        try await harness.app("traction").test(.router) { raw in
            let client = Client(raw)
            let preflight = try await client.send(.options, "/goals", headers: [
                "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, x-tenant-id, content-type",
            ])
            #expect(preflight.status == 204)
            #expect(preflight.headers[.accessControlAllowOrigin] == "http://localhost:3000")
            #expect(preflight.headers[.accessControlAllowCredentials] == "true")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("x-tenant-id") == true)
            let denied = try await client.send(.get, "/goals", headers: ["Origin": "http://localhost:3000"])
            #expect(denied.status == 401)
            #expect(denied.headers[.accessControlAllowOrigin] == "http://localhost:3000")
        }
    }

    @Test func aRestrictedOriginListRefusesOthers() async throws {
        let harness = try await MockHarness(options: .init(cors: .init(allowedOrigins: ["https://app.example"]), quiet: true))
        try await harness.app("traction").test(.router) { raw in
            let client = Client(raw)
            let refused = try await client.send(.options, "/goals", headers: ["Origin": "http://evil.example", "Access-Control-Request-Method": "GET"])
            #expect(refused.status == 403)
            #expect(refused.headers[.accessControlAllowOrigin] == nil)
            let allowed = try await client.send(.options, "/goals", headers: ["Origin": "https://app.example", "Access-Control-Request-Method": "GET"])
            #expect(allowed.status == 204)
        }
    }
}
