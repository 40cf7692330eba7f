import Fakes
import Foundation
import Hummingbird
import JSON

/// `/__understudy/…` on every listener: inspect and steer the fakes during development and demos.
struct AdminAPI: Sendable {
    static let prefix = "/__understudy"

    let engine: FakeEngine
    let log: RequestLog
    let started: Date
    let urls: ListenerURLs
    /// `serve --report FILE`: a verify report for the dashboard, as read at start.
    let report: JSONValue?

    func respond(to request: Request, path: Substring, faults: FaultInjector, mutations: MutationPlan? = nil) async -> Response {
        let parts = path.split(separator: "/").map(String.init)
        switch (request.method, parts.first, parts.count) {
        case (.get, nil, 0):
            return dashboardRoute("index.html")
        case (.get, "dashboard", 2):
            return dashboardRoute(parts[1])
        case (.get, "requests", 2) where parts[1] == "feed":
            return feedRoute()
        case (.get, "endpoints", 1):
            return endpointsRoute()
        case (.get, "streams", 1):
            return streamsRoute()
        case (.get, "report", 1):
            return reportRoute()
        case (_, "state", 3), (_, "state", 4):
            return await stateEditRoute(request, parts: parts)
        case (.get, "health", 1):
            let scenario = engine.store.read { $0.scenario }
            return ok(["status": "ok", "scenario": .string(scenario), "endpoints": .integer(engine.contracts.endpoints.count),
                       "uptimeSeconds": .integer(Int(Date().timeIntervalSince(started)))])
        case (.get, "state", 1):
            let tenant = QueryString.parse(request.uri.query.map { Substring($0) }).first { $0.0 == "tenant" }?.1
            return ok(state(tenant: tenant))
        case (.get, "scenarios", 1):
            let current = engine.store.read { $0.scenario }
            return ok(.array(engine.scenarios.values.sorted { $0.name < $1.name }.map {
                ["name": .string($0.name), "title": .string($0.title), "description": .string($0.description), "active": .bool($0.name == current)]
            }))
        case (.post, "reset", 1):
            return await change { () throws(FakeError) in try engine.reset() }
        case (.post, "scenario", 2):
            return await change { () throws(FakeError) in try engine.reset(to: parts[1]) }
        case (.get, "requests", 1):
            return ok(log.json)
        case (.get, "mutations", 1):
            // `serve --mutate`: which endpoint breaks its contract, and how (empty when honest).
            let entries = (mutations?.assignments ?? [:]).sorted { $0.key < $1.key }
            return ok(.array(entries.map { ["endpoint": .string($0.key), "mutation": .string($0.value.rawValue), "summary": .string($0.value.summary)] }))
        case (.post, "token", 1):
            return await tokenRoute(request)
        case (.get, "openapi", 1), (.get, "openapi", 2):
            return openAPIRoute(parts)
        case (_, "faults", _):
            return await faultsRoute(request, parts: parts, faults: faults)
        default:
            return ResponseWriter.error(FakeError(status: 404, "No admin route \(request.method.rawValue) \(Self.prefix)\(path); see docs/serve.md", code: "ROUTE_NOT_FOUND"), in: engine.contracts.conventions.envelope)
        }
    }

    func state(tenant: String?) -> JSONValue {
        engine.store.read { state in
            let tenants = state.tenants.values.filter { tenant == nil || $0.id == tenant }.sorted { $0.id < $1.id }
            return [
                "scenario": .string(state.scenario),
                "collections": .object(.init(uniqueKeysWithValues: engine.contracts.collections.sorted { $0.key < $1.key }.map { name, collection in
                    (name, ["idField": .string(collection.idField), "singleton": .bool(collection.singleton), "global": .bool(collection.global)] as JSONValue)
                })),
                "tenants": .array(tenants.map(\.snapshot)),
                "global": state.global.snapshot["data"] ?? .object([:]),
            ]
        }
    }

    /// Applies a reset or switch and answers once it is durable (with `--state`).
    private func change(_ body: () throws(FakeError) -> Void) async -> Response {
        do {
            try body()
            do {
                try await engine.store.flush()
            } catch {
                return ResponseWriter.error(.internalError("reset in memory but not saved to the state file: \(error)"), in: engine.contracts.conventions.envelope)
            }
            let scenario = engine.store.read { $0.scenario }
            return ok(["scenario": .string(scenario)])
        } catch {
            return ResponseWriter.error(error, in: engine.contracts.conventions.envelope)
        }
    }

    func ok(_ data: JSONValue) -> Response {
        ResponseWriter.render(.data(data, in: engine.contracts.conventions.envelope), engine: engine)
    }
}
