import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import MockServer
import TestSupport
import Testing

/// Faults on demand, observed from a client and removed again (`/__understudy/faults`).
@Suite struct FaultTests {
    static let faults = "/__understudy/faults"

    /// A harness whose fault randomness is seeded.
    static func harness(seed: UInt64 = 42, gateway: Bool = false) async throws -> MockHarness {
        try await MockHarness(gateway: gateway, options: MockOptions(quiet: true, faults: FaultInjector(seed: seed)))
    }

    /// Adds a fault through the admin API and answers its id.
    @discardableResult
    static func add(_ client: Client, _ body: JSONValue) async throws -> String {
        let reply = try await client.send(.post, faults, json: body)
        #expect(reply.status == 201, "\(reply.text)")
        return try #require(reply.json?["data"]?["id"]?.stringValue)
    }

    /// Runs blocking socket reads on a thread of their own, so they never starve the server's tasks
    /// of the (two-thread) cooperative pool while other suites run.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    @Test func latencyDelaysTheAnswerUntilRemoved() async throws {
        let harness = try await Self.harness()
        try await harness.app("traction").test(.router) { raw in
            let client = Client(raw)
            let id = try await Self.add(client, ["effect": "latency", "delay": "150ms", "endpoint": "tractionHealth"])
            let clock = ContinuousClock()
            var reply: Client.Reply?
            let slow = try await clock.measure { reply = try await client.send(.get, "/health") }
            #expect(reply?.status == 200)
            #expect(slow >= .milliseconds(150))
            #expect(try await client.send(.delete, Self.faults + "/" + id).json?["data"]?["id"] == .string(id))
            #expect(try await client.send(.get, Self.faults).json?["data"] == [])
            #expect(try await client.send(.get, "/health").status == 200)
        }
    }

    @Test func everyRequestFailsWithTheEnvelopeAndCORSUntilRemoved() async throws {
        let harness = try await Self.harness()
        try await harness.app("traction").test(.router) { raw in
            let client = Client(raw)
            let id = try await Self.add(client, ["effect": "fail", "status": 503, "rate": 1.0])
            let failed = try await client.send(.get, "/health", headers: ["Origin": "http://localhost:3000"])
            #expect(failed.status == 503)
            #expect(failed.json?["success"] == false)
            #expect(failed.json?["code"] == "INJECTED_FAULT")
            #expect(failed.json?["error"]?.stringValue?.contains(id) == true)
            #expect(failed.headers[.accessControlAllowOrigin] == "http://localhost:3000")
            #expect(try await client.send(.get, "/goals/g1").status == 503)
            // Admin routes are never faulted.
            #expect(try await client.send(.get, "/__understudy/health").status == 200)
            #expect(try await client.send(.delete, Self.faults + "/" + id).status == 200)
            #expect(try await client.send(.get, "/health").status == 200)
        }
    }

    @Test func aRateLimitCarriesRetryAfter() async throws {
        let harness = try await Self.harness()
        try await harness.app("coaching").test(.router) { raw in
            let client = Client(raw)
            try await Self.add(client, ["effect": "fail", "status": 429, "retryAfter": 30, "endpoint": "coachingHealth"])
            let limited = try await client.send(.get, "/health", headers: ["Origin": "http://localhost:3000"])
            #expect(limited.status == 429)
            #expect(limited.headers[.retryAfter] == "30")
            #expect(limited.json?["code"] == "RATE_LIMIT_EXCEEDED")
            #expect(limited.headers[.accessControlExposeHeaders]?.contains("Retry-After") == true)
            #expect(try await client.send(.delete, Self.faults).json?["data"]?["removed"] == 1)
            #expect(try await client.send(.get, "/health").status == 200)
        }
    }

    @Test func aSeededHalfRateFailsTheExpectedRequests() async throws {
        let harness = try await Self.harness(seed: 42)
        try await harness.app("traction").test(.router) { raw in
            let client = Client(raw)
            try await Self.add(client, ["effect": "fail", "status": 500, "rate": 0.5, "endpoint": "tractionHealthLive"])
            var pattern = ""
            for _ in 0..<12 { pattern += try await client.send(.get, "/health/live").status == 500 ? "F" : "." }
            // The same sequence FaultDecisionTests pins for seed 42.
            #expect(pattern == ".FFFF.F.F.FF")
        }
    }

    @Test func theNextNCallsFailThenTheRuleIsGone() async throws {
        let harness = try await Self.harness()
        try await harness.app("traction").test(.router) { raw in
            let client = Client(raw)
            try await Self.add(client, ["effect": "fail", "status": 503, "endpoint": "listGoals", "times": 2])
            #expect(try await client.send(.get, "/goals").status == 503)
            let listed = try await client.send(.get, Self.faults).json?["data"]?[0]
            #expect(listed?["times"] == 2)
            #expect(listed?["remaining"] == 1)
            #expect(try await client.send(.get, "/goals").status == 503)
            // Faults come before auth: once the rule is used up, the unauthenticated call gets its 401.
            #expect(try await client.send(.get, "/goals").status == 401)
            #expect(try await client.send(.get, Self.faults).json?["data"] == [])
        }
    }

    @Test func pathGlobsAndEndpointIDsPickTheirRequests() async throws {
        let harness = try await Self.harness(gateway: true)
        try await harness.app("gateway").test(.router) { raw in
            let client = Client(raw)
            let traction = "/traction/api/v1"
            try await Self.add(client, ["effect": "fail", "status": 503, "path": "*:activate"])
            #expect(try await client.send(.post, traction + "/goals/g1:activate", json: [:]).status == 503)
            #expect(try await client.send(.post, traction + "/goals/g1%3Aactivate", json: [:]).status == 503)
            #expect(try await client.send(.post, traction + "/goals/g1:pause", json: [:]).status == 401)
            #expect(try await client.send(.get, traction + "/goals").status == 401)

            try await Self.add(client, ["effect": "fail", "status": 500, "path": "/goals/*"])
            #expect(try await client.send(.get, traction + "/goals/g1").status == 500)
            #expect(try await client.send(.get, traction + "/goals").status == 401)

            try await Self.add(client, ["effect": "fail", "status": 502, "endpoint": "listGoals"])
            #expect(try await client.send(.get, traction + "/goals").status == 502)
            #expect(try await client.send(.get, "/account/api/v1/health").status == 200)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aDroppedConnectionEndsWithoutACompleteResponse() async throws {
        let harness = try await Self.harness()
        try await harness.app("traction").test(.live) { raw in
            let port = try #require(raw.port)
            let admin = Client(raw)
            try await Self.add(admin, ["effect": "drop", "endpoint": "tractionHealth"])
            #expect(try await admin.send(.get, "/health/live").status == 200)

            // Byte by byte: a 200 head, then the connection ends before the chunked body does.
            let (status, rest) = try await Self.onOwnThread { () throws -> (Int?, String?) in
                let socket = try RawHTTPClient(port: port, timeout: 20)  // the end of the stream is what ends the read
                defer { socket.close() }
                socket.send("GET", "/health")
                return (socket.readHead(), socket.readLine())
            }
            #expect(status == 200)
            #expect(rest == nil)

            // An HTTP client sees a transport error, not an answer.
            await #expect(throws: (any Error).self) { try await Client(raw).send(.get, "/health") }
        }
        #expect(harness.server.options.faults.clear() == 1)
        let after = try await harness.app("traction").test(.live) { raw in try await Client(raw).send(.get, "/health") }
        #expect(after.status == 200)
    }

    @Test func notReadyTurnsEveryReadinessProbeInto503WithTheDocumentedBody() async throws {
        let harness = try await Self.harness(gateway: true)
        try await harness.app("gateway").test(.router) { raw in
            let client = Client(raw)
            let id = try await Self.add(client, ["effect": "notReady"])
            for service in ["account", "traction"] {
                let probe = try await client.send(.get, "/\(service)/api/v1/health/ready")
                #expect(probe.status == 503)
                let documented = try #require(Shipped.report.contracts.endpoint(id: "\(service)HealthReady")?.response(for: 503)?.example)
                #expect(probe.json == documented)
                #expect(probe.json == ["success": false, "error": "Service not ready"])
                #expect(try await client.send(.get, "/\(service)/api/v1/health/live").status == 200)
            }
            #expect(try await client.send(.delete, Self.faults + "/" + id).status == 200)
            let back = try await client.send(.get, "/traction/api/v1/health/ready")
            #expect(back.status == 200)
            #expect(back.json?["data"]?["status"] == "Ready")
        }
    }

    @Test func theAdminAPIListsDeletesAndRefusesBadBodies() async throws {
        let harness = try await Self.harness()
        try await harness.app("account").test(.router) { raw in
            let client = Client(raw)
            #expect(try await client.send(.get, Self.faults).json?["data"] == [])
            let created = try await client.send(.post, Self.faults, json: ["effect": "latency", "delay": "10-20ms", "path": "/auth/*", "times": 5])
            #expect(created.status == 201)
            #expect(created.json?["data"]?["id"] == "f1")
            #expect(created.json?["data"]?["delay"] == "10-20ms")
            #expect(created.json?["data"]?["remaining"] == 5)
            try await Self.add(client, ["effect": "drop", "rate": 0.1])
            let listed = try await client.send(.get, Self.faults).json?["data"]?.arrayValue ?? []
            #expect(listed.map { $0["id"] } == ["f1", "f2"])
            #expect(listed[1]["remaining"] == .null)

            let bad = try await client.send(.post, Self.faults, json: ["effect": "fail", "status": 200, "rate": 2, "path": ""])
            #expect(bad.status == 422)
            #expect(bad.json?["success"] == false)
            #expect(bad.json?["code"] == "VALIDATION_ERROR")
            #expect(bad.json?["errors"]?["status"] != nil)
            #expect(bad.json?["errors"]?["rate"] != nil)
            #expect(bad.json?["errors"]?["path"] != nil)
            let unknownEffect = try await client.send(.post, Self.faults, json: ["effect": "explode"])
            #expect(unknownEffect.status == 422)
            #expect(unknownEffect.json?["errors"]?["effect"] != nil)
            let unknownEndpoint = try await client.send(.post, Self.faults, json: ["effect": "drop", "endpoint": "listGoalz"])
            #expect(unknownEndpoint.json?["errors"]?["endpoint"] != nil)
            #expect(try await client.send(.post, Self.faults, raw: "{").status == 400)

            #expect(try await client.send(.delete, Self.faults + "/f9").status == 404)
            #expect(try await client.send(.delete, Self.faults + "/f1").json?["data"]?["id"] == "f1")
            #expect(try await client.send(.put, Self.faults).status == 405)
            #expect(try await client.send(.delete, Self.faults).json?["data"]?["removed"] == 1)
            #expect(try await client.send(.get, Self.faults).json?["data"] == [])
            #expect(try await Self.add(client, ["effect": "notReady"]) == "f3")
        }
    }
}
