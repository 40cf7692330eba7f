import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request on the wire: absolute URL, headers, body bytes.
public struct WireRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [(name: String, value: String)], body: [UInt8]?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
