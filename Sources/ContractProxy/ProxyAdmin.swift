import Fakes
import Foundation
import HTTPTypes
import Hummingbird
import JSON
import MockServer
import NIOCore

/// `/__understudy/…` on the proxy's listeners: what it has seen, and the reports on demand.
struct ProxyAdmin {
    static let prefix = "/__understudy"
    let proxy: ContractProxy

    func respond(to request: Request, path: Substring) async -> Response {
        let route = path.dropFirst(Self.prefix.count).split(separator: "/").joined(separator: "/")
        switch (request.method, route) {
        case (.get, "divergences"):
            return json(proxy.book.json)
        case (.get, "health"):
            return json(["status": "ok", "mode": "proxy", "backends": .object(.init(uniqueKeysWithValues: proxy.configuration.backends.bases.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
                         "uptimeSeconds": .integer(Int(Date().timeIntervalSince(proxy.started)))])
        case (.post, "report"):
            let run = proxy.run
            var written: [String] = []
            do {
                written = try proxy.reportWriter?(proxy) ?? []
            } catch {
                return ResponseWriter.error(.internalError("cannot write the reports: \(error)"), in: proxy.contracts.conventions.envelope)
            }
            return json(["written": .array(written.map(JSONValue.string)), "failed": .bool(run.failed),
                         "endpoints": .integer(run.endpoints.count), "divergences": .integer(run.results.reduce(0) { $0 + $1.divergences.count }),
                         "unmatched": .integer(run.unmatched.count)])
        default:
            return ResponseWriter.error(FakeError(status: 404, "No proxy admin route \(request.method.rawValue) \(path); see docs/proxy.md", code: "ROUTE_NOT_FOUND"),
                                        in: proxy.contracts.conventions.envelope)
        }
    }

    private func json(_ value: JSONValue) -> Response { ResponseWriter.render(.json(value)) }
}
