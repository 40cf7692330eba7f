import AsyncHTTPClient
import Conformance
import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// Sends a request on to the backend, as it came — method, path, query, headers and body, only
/// `Host` (and the hop-by-hop headers) the proxy's own — and hands back the backend's answer
/// head with its body still streaming.
struct Forwarder: Sendable {
    let client: HTTPClient

    init(configuration: ProxyConfiguration) {
        var settings = HTTPClient.Configuration(redirectConfiguration: .disallow)
        settings.timeout = .init(connect: .nanoseconds(configuration.connectTimeout.wholeNanoseconds), read: .nanoseconds(configuration.readTimeout.wholeNanoseconds))
        settings.decompression = .disabled
        // One backend connection per client connection, as a browser's six and a CI suite's fifty
        // would have straight to the backend: AsyncHTTPClient's default of 8 queues the rest.
        settings.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    /// Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded.
    static let hopByHop: Set<String> = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length"]

    func forward(_ request: Request, body: ByteBuffer, to url: String) async throws -> HTTPClientResponse {
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.hopByHop.contains(field.name.canonicalName) {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        if body.readableBytes > 0 { outgoing.body = .bytes(body) }
        return try await client.execute(outgoing, deadline: .distantFuture)
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
