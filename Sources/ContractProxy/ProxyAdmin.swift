import Fakes
import Foundation
import JSON
import NIOHTTP1

/// `/__understudy/…` on the proxy's listeners: what it has seen, and the reports on demand.
struct ProxyAdmin {
    static let prefix = "/__understudy"
    let proxy: ContractProxy

    func respond(method: HTTPMethod, path: Substring) -> LocalAnswer {
        let route = path.dropFirst(Self.prefix.count).split(separator: "/").joined(separator: "/")
        switch (method, route) {
        case (.GET, "divergences"):
            return .json(proxy.book.json)
        case (.GET, "health"):
            return .json(["status": "ok", "mode": "proxy", "backends": .object(.init(uniqueKeysWithValues: proxy.configuration.backends.bases.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
                          "uptimeSeconds": .integer(Int(Date().timeIntervalSince(proxy.started)))])
        case (.POST, "report"):
            // Writes a few files on the event loop: rare, and the caller waits for them anyway.
            let run = proxy.run
            var written: [String] = []
            do {
                written = try proxy.reportWriter?(proxy) ?? []
            } catch {
                return .error(FakeError.internalError("cannot write the reports: \(error)"), in: proxy.contracts.conventions.envelope)
            }
            return .json(["written": .array(written.map(JSONValue.string)), "failed": .bool(run.failed),
                          "endpoints": .integer(run.endpoints.count), "divergences": .integer(run.results.reduce(0) { $0 + $1.divergences.count }),
                          "unmatched": .integer(run.unmatched.count)])
        default:
            return .error(FakeError(status: 404, "No proxy admin route \(method.rawValue) \(path); see docs/proxy.md", code: "ROUTE_NOT_FOUND"),
                          in: proxy.contracts.conventions.envelope)
        }
    }
}
