import AsyncHTTPClient
@testable import ContractProxy
import Conformance
import Contracts
import HTTPTypes
import JSON
import NIOCore
import NIOPosix
import Testing

/// The proxy's own connections: answers that break off or are not HTTP, bodies past the cap, the
/// CORS it puts on a backend's answer, and the verdicts it remembers.
@Suite struct ProxyConnectionTests {
    @Test(.timeLimit(.minutes(1))) func anAnswerThatBreaksOffClosesTheClientConnectionAndIsADivergence() async throws {
        // A head promising 100 bytes, five of them, then the connection closed.
        let broken = try await RawBackend.start(replying: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ok\"")
        try await withProxy(backend: "http://127.0.0.1:\(broken.port)") { client, proxy, _ in
            await #expect(throws: (any Error).self) { _ = try await send(client, .get, "/traction/api/v1/goals", token: "t") }
            await proxy.settle()
            let divergences = proxy.book.json["divergences"]?.arrayValue ?? []
            #expect(divergences.map { $0["kind"] } == ["connection"], "\(divergences)")
            #expect(divergences.first?["endpoint"] == "listGoals")
        }
        try await broken.channel.close()
    }

    @Test(.timeLimit(.minutes(1))) func aBackendThatSpeaksNoHTTPGetsTheDocumented502() async throws {
        let garbage = try await RawBackend.start(replying: "SSH-2.0-OpenSSH_9.6\r\n\r\n")
        try await withProxy(backend: "http://127.0.0.1:\(garbage.port)") { client, proxy, _ in
            let answer = try await send(client, .get, "/traction/api/v1/goals", token: "t")
            #expect(answer.status == 502)
            #expect(answer.json?["code"] == "BAD_GATEWAY" && answer.json?["success"] == false)
            #expect(answer.json?["error"]?.stringValue?.contains("not HTTP") == true, "\(answer.json as Any)")
            #expect(proxy.book.json["divergences"]?[0]?["kind"] == "connection")
            // The proxy is still there for the next request.
            #expect(try await send(client, .get, "/__understudy/health").status == 200)
        }
        try await garbage.channel.close()
    }

    @Test(.timeLimit(.minutes(1))) func aBodyPastTheCapIsRefused413AndNotForwarded() async throws {
        try await withBackend({ _ in json(#"{"success":true,"data":{}}"#) }) { port, backend in
            try await withProxy(backend: "http://127.0.0.1:\(port)", maxBodyBytes: 64) { client, _, _ in
                let big = #"{"title":"\#(String(repeating: "x", count: 100))","intent":"i"}"#
                let answer = try await send(client, .post, "/traction/api/v1/goals", token: "t", body: big)
                #expect(answer.status == 413)
                #expect(answer.json?["code"] == "PAYLOAD_TOO_LARGE")
                #expect(backend.requests.isEmpty)
                // A body within the cap on the same proxy goes through.
                #expect(try await send(client, .post, "/traction/api/v1/goals", token: "t", body: #"{"title":"a","intent":"b"}"#).status == 200)
                #expect(backend.requests.count == 1)
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func theBackendsCORSHeadersAreReplacedByServesPolicy() async throws {
        try await withBackend({ _ in
            json(#"{"success":true,"data":[]}"#, headers: [.accessControlAllowOrigin: "https://anything.example", HTTPField.Name("X-Backend")!: "kept"])
        }) { port, _ in
            try await withProxy(backend: "http://127.0.0.1:\(port)") { client, _, _ in
                let answer = try await send(client, .get, "/traction/api/v1/goals", token: "t", headers: [.origin: "http://localhost:3000"])
                #expect(answer.headers[.accessControlAllowOrigin] == "http://localhost:3000")
                #expect(answer.headers[values: .accessControlAllowOrigin].count == 1)
                #expect(answer.headers[HTTPField.Name("X-Backend")!] == "kept")
            }
        }
    }

    @Test func aRememberedVerdictIsTheOneAFreshCheckGives() throws {
        let endpoint = try #require(Shipped.contracts.endpoint(id: "listGoals"))
        let check = TrafficCheck(contracts: Shipped.contracts, checker: ResponseChecker(envelope: Shipped.contracts.conventions.envelope))
        let memo = CheckMemo(capacity: 2)
        var checks = 0
        func verdict(_ body: String, status: Int = 200) -> [Divergence] {
            let answer = HTTPAnswer(status: status, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
            return memo.verdict(for: answer, endpoint: endpoint) { checks += 1; return check.answer(answer, endpoint: endpoint) }
        }
        let broken = #"{"success":true,"data":[{"id":"goal_1","title":7}]}"#
        let first = verdict(broken)
        #expect(!first.isEmpty && checks == 1)
        #expect(verdict(broken).map(\.message) == first.map(\.message) && checks == 1)
        // A byte more, or another status, is another answer.
        #expect(verdict(broken + " ").map(\.message) == first.map(\.message) && checks == 2)
        _ = verdict(broken, status: 500)
        #expect(checks == 3)
        // Full: it starts over rather than grow.
        #expect(memo.count <= 2)
    }
}

/// A socket server on NIO's event loop that answers any bytes with `reply`, then closes.
struct RawBackend {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    static func start(replying reply: String) async throws -> RawBackend {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(Handler(reply: reply)) }
            .bind(host: "127.0.0.1", port: 0).get()
        return RawBackend(channel: channel)
    }

    final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let reply: String
        init(reply: String) { self.reply = reply }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.writeAndFlush(NIOAny(ByteBuffer(string: reply))).whenComplete { _ in context.close(promise: nil) }
        }
    }
}
