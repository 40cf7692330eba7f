import Contracts
import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JSON
import MockServer
import TestSupport
import Testing

/// Real-time goal activity over real sockets, as EventSource uses it.
@Suite(.serialized) struct EventStreamTests {
    /// Logs a user in through the engine and answers the access token.
    static func token(_ harness: MockHarness, _ email: String = "demo@purposepath.app", _ password: String = "Demo123!") async throws -> String {
        let login = await harness.engine.handle(FakeRequest(
            endpoint: harness.engine.contracts.endpoint(id: "login")!, body: ["email": .string(email), "password": .string(password)]))
        return try #require(login.jsonBody?["data"]?["access_token"]?.stringValue)
    }

    /// The declared schema of a stream's event, to check what subscribers receive.
    static func eventSchema(_ name: String) throws -> Contracts.EventDeclaration {
        try #require(Shipped.report.contracts.endpoint(id: "streamGoalActivity")?.events.first { $0.name == name })
    }

    @Test(.timeLimit(.minutes(1)))
    func subscribersGetActivityAndReconnectsGetExactlyWhatTheyMissed() async throws {
        let harness = try await MockHarness(options: MockOptions(quiet: true, heartbeat: .seconds(1)))
        let token = try await Self.token(harness)
        let schema = try #require(try Self.eventSchema("activity.created").schema)
        try await harness.app("traction").test(.live) { client in
            let port = try #require(client.port)
            let stream = "/realtime/goals/goal_revenue/activity?access_token=\(token)&tenant=tenant_acme"
            let first = try RawHTTPClient(port: port), second = try RawHTTPClient(port: port)
            defer { second.close() }
            first.send("GET", stream)
            second.send("GET", stream)
            #expect(await offThePool { first.readHead() } == 200)
            #expect(await offThePool { second.readHead() } == 200)
            try await waitFor { harness.engine.events.subscriberCount >= 2 }

            let api = Client(client, token: token, tenant: "tenant_acme")
            #expect(try await api.send(.post, "/goals/goal_revenue/activity", json: ["type": "note", "text": "first"]).status == 200)
            var seen = ""
            for subscriber in [first, second] {
                let event = try #require(await offThePool { subscriber.nextEvent(named: "activity.created") })
                let data = try JSONParser.parse(event.data)
                #expect(schema.validate(data).isEmpty, "event data breaks its contract: \(schema.validate(data))")
                #expect(data["goalId"] == "goal_revenue")
                #expect(data["activity"]?["text"] == "first")
                seen = event.id
            }
            // The first subscriber vanishes; two more activities happen while it is away.
            first.abort()
            #expect(try await api.send(.post, "/goals/goal_revenue/notes", json: ["note": "second"]).status == 200)
            #expect(try await api.send(.post, "/goals/goal_revenue/activity", json: ["type": "note", "text": "third"]).status == 200)
            let secondEvent = await offThePool { second.nextEvent(named: "activity.created") }
            #expect(try JSONParser.parse(secondEvent?.data ?? "")["activity"]?["text"] == "second")

            for reconnect in [("Last-Event-ID header", stream, ["Last-Event-ID": seen]), ("lastEventId query", stream + "&lastEventId=\(seen)", [:])] {
                let again = try RawHTTPClient(port: port)
                defer { again.close() }
                again.send("GET", reconnect.1, headers: reconnect.2)
                #expect(await offThePool { again.readHead() } == 200)
                let replayed = await offThePool { [again.nextEvent(named: "activity.created"), again.nextEvent(named: "activity.created")] }
                let texts = try replayed.map { try JSONParser.parse($0?.data ?? "null")["activity"]?["text"]?.stringValue }
                #expect(texts == ["second", "third"], "\(reconnect.0)")
                #expect(replayed.compactMap { $0.flatMap { Int($0.id) } }.allSatisfy { $0 > Int(seen)! })
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func streamsRefuseBadCredentialsForeignTenantsAndUnknownGoals() async throws {
        let harness = try await MockHarness()
        let token = try await Self.token(harness)
        try await harness.app("traction").test(.router) { (raw: any TestClientProtocol) async throws in
            let client = Client(raw)
            #expect(try await client.send(.get, "/realtime/goals/goal_revenue/activity?access_token=forged&tenant=tenant_acme").status == 401)
            #expect(try await client.send(.get, "/realtime/goals/goal_revenue/activity?tenant=tenant_acme").status == 401)
            #expect(try await client.send(.get, "/realtime/goals/goal_revenue/activity?access_token=\(token)&tenant=tenant_globex").status == 403)
            #expect(try await client.send(.get, "/realtime/goals/goal_nope/activity?access_token=\(token)&tenant=tenant_acme").status == 404)
            #expect(try await client.send(.get, "/realtime/tenants/tenant_globex?access_token=\(token)&tenant=tenant_acme").status == 403)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func hundredsOfSubscribersThatVanishLeaveNothingBehind() async throws {
        let harness = try await MockHarness(options: MockOptions(quiet: true, heartbeat: .milliseconds(300)))
        let token = try await Self.token(harness)
        try await harness.app("traction").test(.live) { client in
            let port = try #require(client.port)
            let stream = "/realtime/tenants/tenant_acme?access_token=\(token)&tenant=tenant_acme"
            let warmup = try RawHTTPClient(port: port)
            warmup.send("GET", stream)
            _ = await offThePool { warmup.readHead() }
            warmup.abort()
            try await waitFor { harness.engine.events.subscriberCount == 0 }
            let before = residentBytes()
            var subscribers: [RawHTTPClient] = []
            for _ in 0..<300 {
                let subscriber = try RawHTTPClient(port: port)
                subscriber.send("GET", stream)
                subscribers.append(subscriber)
            }
            let heads = await offThePool { [subscribers] in subscribers.map { $0.readHead() } }
            #expect(heads.allSatisfy { $0 == 200 })
            try await waitFor { harness.engine.events.subscriberCount == 300 }
            let api = Client(client, token: token, tenant: "tenant_acme")
            #expect(try await api.send(.post, "/goals/goal_revenue/activity", json: ["type": "note", "text": "to everyone"]).status == 200)
            subscribers.forEach { $0.abort() }
            subscribers.removeAll()
            // The server keeps answering, and every vanished stream is gone after a heartbeat or two.
            #expect(try await api.send(.get, "/goals").status == 200)
            try await waitFor { harness.engine.events.subscriberCount == 0 }
            let growth = residentBytes() - before
            #expect(growth < 32 << 20, "RSS grew by \(growth >> 20) MB")
        }
    }
}

/// Polls a condition for up to five seconds.
func waitFor(_ condition: @Sendable () -> Bool) async throws {
    for _ in 0..<100 where !condition() { try await Task.sleep(for: .milliseconds(50)) }
    #expect(condition())
}
