import AsyncHTTPClient
import Conformance
import ContractProxy
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import NIOCore
import Testing

/// `proxy` in front of `serve`, and in front of small backends built here that break the contract
/// in known ways.
@Suite struct ProxyTrafficTests {
    static let login = #"{"email":"demo@purposepath.app","password":"Demo123!"}"#

    @Test(.timeLimit(.minutes(1))) func theFrontendSequenceGoesThroughAndAConformingBackendGivesNoDivergence() async throws {
        try await withServe { port, _ in
            try await withProxy(backend: "http://127.0.0.1:\(port)") { client, proxy, printed in
                let login = try await send(client, .post, "/account/api/v1/auth/login", body: Self.login)
                #expect(login.status == 200)
                let refresh = try #require(login.json?["data"]?["refresh_token"]?.stringValue)
                let refreshed = try await send(client, .post, "/account/api/v1/auth/refresh", body: #"{"refresh_token":"\#(refresh)"}"#)
                #expect(refreshed.status == 200)
                let token = try #require(refreshed.json?["data"]?["access_token"]?.stringValue)
                let goals = "/traction/api/v1/goals"
                #expect(try await send(client, .get, goals, token: token).json?["data"]?.arrayValue?.count == 5)
                let created = try await send(client, .post, goals, token: token, body: #"{"title":"Open a second studio","intent":"Serve the east side"}"#)
                #expect(created.status == 200)
                let id = try #require(created.json?["data"]?["id"]?.stringValue)
                #expect(try await send(client, .get, "\(goals)/\(id)", token: token).status == 200)
                let update = try #require(Shipped.contracts.endpoint(id: "updateGoal")?.body?.example)
                #expect(try await send(client, .put, "\(goals)/\(id)", token: token, body: update.jsonString()).status == 200)
                #expect(try await send(client, .delete, "\(goals)/\(id)", token: token).status == 200)
                #expect(try await send(client, .get, "\(goals)/\(id)", token: token).status == 404)

                // A stream passes through as it arrives: the event of a write made after it opened.
                let proxyPort = try #require(client.port)
                let event = try await Self.firstEvent(named: "activity.created", port: proxyPort,
                    path: "/traction/api/v1/realtime/goals/goal_revenue/activity?access_token=\(token)&tenant=tenant_acme") {
                    let body = #"{"type":"note","text":"Through the proxy"}"#
                    let posted = try await send(client, .post, "/traction/api/v1/goals/goal_revenue/activity", token: token, body: body)
                    #expect(posted.status == 200)
                }
                #expect(event?.contains("Through the proxy") == true)

                #expect(proxy.book.total == 0, "\(printed.all)")
                #expect(printed.all.isEmpty)
                // A read answered the same through the proxy and straight from the backend, byte for byte.
                let direct = try await HTTPClient.shared.execute(Self.request("http://127.0.0.1:\(port)\(goals)", token: token), timeout: .seconds(5))
                let directBytes = try await direct.body.collect(upTo: 1 << 20)
                #expect(try await send(client, .get, goals, token: token).body == Array(directBytes.readableBytesView))
                let run = proxy.run
                #expect(!run.failed && run.results.allSatisfy { $0.kind == .traffic && $0.status == .passed })
                #expect(run.endpoints.map(\.id).contains("streamGoalActivity"))
            }
        }
    }

    static func request(_ url: String, token: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "X-Tenant-Id", value: "tenant_acme")
        return request
    }

    /// Opens the stream, runs `trigger` once it is open, and answers the first `name` event's text.
    static func firstEvent(named name: String, port: Int, path: String, trigger: @escaping @Sendable () async throws -> Void) async throws -> String? {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "content-type") == "text/event-stream")
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                var text = ""
                for try await chunk in response.body {
                    text += String(buffer: chunk)
                    if text.contains("event: \(name)"), text.hasSuffix("\n\n") { return text }
                }
                return nil
            }
            group.addTask {
                try await trigger()
                try await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test(.timeLimit(.minutes(1))) func requestsAndAnswersPassUnchanged() async throws {
        try await withBackend({ seen in
            json(#"{"success":true,"data":{"echo":"\#(seen.method) \#(seen.uri)"}}"#, status: .created, headers: [HTTPField.Name("X-Backend")!: "seen", .setCookie: "a=1"])
        }) { port, backend in
            try await withProxy(backend: "http://127.0.0.1:\(port)") { client, _, _ in
                let body = #"{"title": "Exactly these bytes", "intent":  "spacing kept"}"#
                let answer = try await send(client, .post, "/traction/api/v1/goals?draft=1&tag=a%20b", token: "t0ken", body: body,
                                            headers: [HTTPField.Name("X-Request-Id")!: "req-42", .userAgent: "frontend/1.0"])
                let seen = try #require(backend.requests.first)
                #expect(seen.method == "POST")
                #expect(seen.uri == "/traction/api/v1/goals?draft=1&tag=a%20b")
                #expect(seen.body == Array(body.utf8))
                let forwarded = Dictionary(seen.headers.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { first, _ in first })
                #expect(forwarded["x-request-id"] == "req-42" && forwarded["user-agent"] == "frontend/1.0")
                #expect(forwarded["authorization"] == "Bearer t0ken" && forwarded["x-tenant-id"] == "tenant_acme")
                #expect(seen.authority == "127.0.0.1:\(port)")
                #expect(answer.status == 201)
                #expect(answer.body == Array(#"{"success":true,"data":{"echo":"POST /traction/api/v1/goals?draft=1&tag=a%20b"}}"#.utf8))
                #expect(answer.headers[HTTPField.Name("X-Backend")!] == "seen")
                #expect(answer.headers[.setCookie] == "a=1")
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func eachSeededBreakIsReportedOnceOnItsEndpoint() async throws {
        try await withBackend({ seen in
            switch seen.uri.split(separator: "?").first.map(String.init) ?? "" {
            case "/traction/api/v1/goals": return json(#"{"success":true,"data":[{"id":"goal_1","title":7}]}"#)
            case "/traction/api/v1/goals/goal_1": return json(#"{"success":false,"error":"boom"}"#, status: .internalServerError)
            case "/traction/api/v1/kpis": return json("<html><body>Bad gateway</body></html>", contentType: "text/html")
            default: return json(#"{"success":true,"data":{}}"#)
            }
        }) { port, _ in
            try await withProxy(backend: "http://127.0.0.1:\(port)") { client, proxy, printed in
                for _ in 0..<2 {
                    _ = try await send(client, .get, "/traction/api/v1/goals", token: "t")
                    _ = try await send(client, .get, "/traction/api/v1/goals/goal_1", token: "t")
                    _ = try await send(client, .get, "/traction/api/v1/kpis", token: "t")
                    _ = try await send(client, .get, "/traction/api/v1/not-a-route", token: "t")
                }
                let all: [JSONValue] = proxy.book.json["divergences"]?.arrayValue ?? []
                func entries(_ endpoint: String) -> [JSONValue] { all.filter { $0["endpoint"]?.stringValue == endpoint } }
                // listGoals: the item breaks its schema (title, and the members it lacks), each cause once, seen twice.
                let listed = entries("listGoals")
                let title = listed.first { $0["pointer"] == "/data/0/title" }
                #expect(title?["kind"] == "schema")
                #expect(!listed.isEmpty && listed.allSatisfy { $0["count"] == 2 })
                let single = entries("getGoal")
                #expect(single.map { $0["kind"] } == ["status"])
                #expect(single.first?["message"]?.stringValue?.contains("undocumented status 500") == true)
                let kpis = try #require(Shipped.contracts.endpoints.first { $0.method == .GET && $0.service == "traction" && $0.path.template == "/kpis" })
                #expect(entries(kpis.id).map { $0["kind"] } == ["html"])
                #expect(proxy.book.json["unmatched"] == [["method": "GET", "path": "/traction/api/v1/not-a-route", "service": "traction", "count": 2]])
                // One console line per cause, however often it was seen.
                let lines = printed.all
                #expect(lines.count == all.count + 1)
                #expect(lines.contains { $0.hasPrefix("✗ getGoal GET /traction/api/v1/goals/goal_1 — status: undocumented status 500") })
                #expect(lines.contains("? GET /traction/api/v1/not-a-route — not in the contracts (forwarded to traction)"))
                #expect(proxy.run.failed)
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func aBackendThatIsDownOrSlowGets502Or504AndADivergence() async throws {
        // A port nothing listens on.
        try await withProxy(backend: "http://127.0.0.1:1") { client, proxy, _ in
            let answer = try await send(client, .get, "/traction/api/v1/goals", token: "t")
            #expect(answer.status == 502)
            #expect(answer.json?["code"] == "BAD_GATEWAY" && answer.json?["success"] == false)
            #expect(proxy.book.json["divergences"]?[0]?["kind"] == "connection")
        }
        try await withBackend({ _ in
            try await Task.sleep(for: .seconds(3))
            return json("{}")
        }) { port, _ in
            try await withProxy(backend: "http://127.0.0.1:\(port)", readTimeout: .milliseconds(300)) { client, proxy, _ in
                // The backend would answer 200 after 3 s; the proxy gives up after 300 ms between reads.
                let answer = try await send(client, .get, "/traction/api/v1/goals", token: "t")
                #expect(answer.status == 504)
                #expect(answer.json?["code"] == "GATEWAY_TIMEOUT")
                #expect(proxy.book.json["divergences"]?[0]?["kind"] == "timeout")
            }
        }
        // Garbage where JSON was documented is passed on unchanged, and is a divergence.
        try await withBackend({ _ in json("not json at all {") }) { port, _ in
            try await withProxy(backend: "http://127.0.0.1:\(port)") { client, proxy, _ in
                let answer = try await send(client, .get, "/traction/api/v1/goals", token: "t")
                #expect(answer.status == 200 && answer.body == Array("not json at all {".utf8))
                #expect(proxy.book.json["divergences"]?[0]?["kind"] == "json")
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func strictRefusesAnInvalidRequestWithTheContracts422AndForwardsNothing() async throws {
        try await withBackend({ _ in json(#"{"success":true,"data":{}}"#) }) { port, backend in
            try await withProxy(backend: "http://127.0.0.1:\(port)", strict: true) { client, proxy, printed in
                let answer = try await send(client, .post, "/traction/api/v1/goals", token: "t", body: #"{"title": 5}"#)
                #expect(answer.status == 422)
                #expect(answer.json?["errors"]?["title"] != nil && answer.json?["errors"]?["intent"] != nil)
                #expect(backend.requests.isEmpty)
                #expect(printed.all.contains { $0.hasPrefix("✗ createGoal POST /traction/api/v1/goals — request at title:") })
                #expect(proxy.book.json["divergences"]?.arrayValue?.allSatisfy { $0["kind"] == "request" } == true)
            }
            // Without --strict the same request is forwarded, and still reported.
            try await withProxy(backend: "http://127.0.0.1:\(port)") { client, proxy, _ in
                let forwarded = try await send(client, .post, "/traction/api/v1/goals", token: "t", body: #"{"title": 5}"#)
                #expect(forwarded.status == 200)
                #expect(backend.requests.count == 1)
                let kinds = proxy.book.json["divergences"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
                // The two of the request, and the backend's answer, which is no goal.
                #expect(kinds.filter { $0 == "request" }.count == 2 && kinds.contains("schema"))
            }
        }
    }
}
