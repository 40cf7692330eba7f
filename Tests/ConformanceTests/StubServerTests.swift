import Conformance
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

/// A misbehaving server on 127.0.0.1: HTML, truncated JSON, a connection closed mid-answer, a slow
/// answer, and a port nobody listens on. The run finishes with clean divergences, no crash, no hang.
@Suite struct StubServerTests {
    static let stub = """
        service: traction
        endpoints:
        \(["html", "truncated", "reset", "slow", "fine"].map { """
              \($0)Call:
                method: GET
                path: /\($0)
                auth: none
                responses:
                  200: { schema: { type: object, required: [ok] }, example: { ok: true } }
                fake: { respond: 200 }
            """ }.joined(separator: "\n"))
        """

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let json: HTTPFields = [.contentType: "application/json"]
        router.get("html") { _, _ in Response(status: .badGateway, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<!DOCTYPE html><title>502</title>"))) }
        router.get("truncated") { _, _ in Response(status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: #"{"ok": tr"#))) }
        router.get("slow") { _, _ in
            try await Task.sleep(for: .seconds(14))
            return Response(status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: #"{"ok":true}"#)))
        }
        router.get("fine") { _, _ in Response(status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: #"{"ok":true}"#))) }
        return router
    }

    @Test(.timeLimit(.minutes(1))) func misbehaviourBecomesDivergences() async throws {
        let (contracts, _, _) = try SmallContracts.load(extra: ["traction/goals.yaml": Self.stub])
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Generous against a loaded CI machine: the reset must arrive well before the timeout, the slow answer well after.
            let transport = AsyncHTTPTransport(timeout: .seconds(7), retries: 1)
            let runner = Runner(contracts: contracts, target: Target(bases: ["traction": "http://127.0.0.1:\(port)", "account": "http://127.0.0.1:1"]),
                                credentials: .none, transport: transport)
            let planner = CasePlanner(contracts: contracts, resolver: FixtureResolver(scenario: nil, collections: [:], tenantID: nil, userID: nil))
            var results = await runner.run(planner.plan().filter { $0.endpointID != "resetCall" })
            // The reset comes from a raw socket server on NIO's event loop, so it closes at once
            // however busy the test process's task pool is.
            let resetter = try await ClosingServer.start()
            let resetRunner = Runner(contracts: contracts, target: Target(bases: ["traction": "http://127.0.0.1:\(resetter.port)"]),
                                     credentials: .none, transport: transport)
            results += await resetRunner.run(planner.plan().filter { $0.endpointID == "resetCall" })
            try await resetter.channel.close()
            await transport.shutdown()
            let kinds = Dictionary(uniqueKeysWithValues: results.map { ($0.endpointID, $0.divergences.map(\.kind)) })
            #expect(kinds["htmlCall"] == [.status, .html])
            #expect(kinds["truncatedCall"] == [.json])
            #expect(kinds["resetCall"] == [.connection], "\(results.first { $0.endpointID == "resetCall" }!.divergences)")
            #expect(kinds["slowCall"] == [.timeout])
            #expect(kinds["fineCall"] == [])
        }
        // Nobody listens on port 1: connection refused, after the retry.
        let transport = AsyncHTTPTransport(timeout: .seconds(2), retries: 1)
        let outcome = await transport.send(WireRequest(method: "GET", url: "http://127.0.0.1:1/x", headers: [], body: nil))
        await transport.shutdown()
        guard case .failure(let failure) = outcome else { Issue.record("expected a failure"); return }
        #expect(failure.kind == .refused, "\(failure)")
    }
}

/// Answers every request with a head promising 100 bytes, five of them, and a closed connection.
struct ClosingServer {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    static func start() async throws -> ClosingServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(Handler()) }
            .bind(host: "127.0.0.1", port: 0).get()
        return ClosingServer(channel: channel)
    }

    final class Handler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ok\""
            context.writeAndFlush(NIOAny(ByteBuffer(string: head))).whenComplete { _ in context.close(promise: nil) }
        }
    }
}
