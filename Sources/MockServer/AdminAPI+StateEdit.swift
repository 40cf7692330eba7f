import Contracts
import Fakes
import Hummingbird
import JSON

extension AdminAPI {
    /// `/__understudy/state/{tenant}/{collection}/{id}`: `PUT` a record (checked against the
    /// collection's schema first — a record it refuses changes nothing and answers 422 with each
    /// problem by pointer), `DELETE` one; `PUT /state/{tenant}/{collection}` sets a singleton;
    /// `POST /state/{tenant}/reset` puts one tenant back as the scenario seeds it. `global` names
    /// the records every tenant shares.
    func stateEditRoute(_ request: Request, parts: [String]) async -> Response {
        let envelope = engine.contracts.conventions.envelope
        do throws(FakeError) {
            switch (request.method, parts.count) {
            case (.post, 3) where parts[2] == "reset":
                try resetTenant(parts[1])
            case (.put, 3), (.put, 4):
                let record = try await Self.body(request)
                try put(record, tenant: parts[1], collection: parts[2], id: parts.count == 4 ? parts[3] : nil)
            case (.delete, 4):
                try delete(tenant: parts[1], collection: parts[2], id: parts[3])
            default:
                throw FakeError(status: 405, "\(request.method.rawValue) is not allowed on \(request.uri.path); see docs/serve.md", code: "METHOD_NOT_ALLOWED")
            }
        } catch {
            return ResponseWriter.error(error, in: envelope)
        }
        do {
            try await engine.store.flush()
        } catch {
            return ResponseWriter.error(.internalError("changed in memory but not saved to the state file: \(error)"), in: envelope)
        }
        return ok(state(tenant: parts[1] == "global" ? nil : parts[1]))
    }

    private static func body(_ request: Request) async throws(FakeError) -> JSONValue {
        var request = request
        let bytes: [UInt8]
        do { bytes = Array(buffer: try await request.collectBody(upTo: 1 << 20)) } catch {
            throw FakeError(status: 413, "A record is at most 1 MiB", code: "PAYLOAD_TOO_LARGE")
        }
        do { return try JSONParser.parse(bytes) } catch {
            throw FakeError(status: 400, "Request body is not valid JSON: \(error)", code: "MALFORMED_JSON")
        }
    }

    private func collection(_ name: String) throws(FakeError) -> ResourceCollection {
        guard let collection = engine.contracts.collections[name] else {
            throw .notFound("Collection \(name) (there are \(engine.contracts.collections.keys.sorted().joined(separator: ", ")))", code: "UNKNOWN_COLLECTION")
        }
        return collection
    }

    private func put(_ record: JSONValue, tenant: String, collection name: String, id: String?) throws(FakeError) {
        let collection = try collection(name)
        if collection.singleton != (id == nil) {
            throw FakeError(status: 405, collection.singleton ? "\(name) holds one record: PUT /state/\(tenant)/\(name)" : "PUT a record of \(name) at /state/\(tenant)/\(name)/{id}", code: "METHOD_NOT_ALLOWED")
        }
        var problems: [String: String] = [:]
        if let id, record[collection.idField]?.recordKey != id { problems["/\(collection.idField)"] = "must be \"\(id)\", the id in the path" }
        for problem in collection.schema?.validate(record) ?? [] where problems[problem.instancePointer.description] == nil {
            problems[problem.instancePointer.description.isEmpty ? "/" : problem.instancePointer.description] = problem.message
        }
        guard problems.isEmpty else { throw .validation(problems, message: "The record does not match the schema of \(name); nothing was changed") }
        try edit(tenant) { state in
            if let id { state.put(name, id: id, record) } else { state.setSingleton(name, record) }
        }
    }

    private func delete(tenant: String, collection name: String, id: String) throws(FakeError) {
        _ = try collection(name)
        try edit(tenant) { (state: inout TenantState) throws(FakeError) in
            guard state.remove(name, id: id) != nil else { throw .notFound("\(name) \(id) in \(tenant)", code: "RECORD_NOT_FOUND") }
        }
    }

    private func resetTenant(_ tenant: String) throws(FakeError) {
        let active = engine.store.read { $0.scenario }
        guard let scenario = engine.scenarios[active] else { throw .notFound("scenario '\(active)'", code: "UNKNOWN_SCENARIO") }
        let seed = FakeState.seed(scenario, contracts: engine.contracts)
        guard let seeded = tenant == "global" ? seed.global : seed.tenants[tenant] else {
            throw .notFound("Tenant \(tenant) in the scenario's fixtures", code: "TENANT_NOT_FOUND")
        }
        try edit(tenant) { state in
            let (records, singletons) = seeded.contents
            let (current, currentSingletons) = state.contents
            for name in Set(records.keys).union(current.keys) { state.replaceAll(name, with: records[name] ?? []) }
            for name in Set(singletons.keys).union(currentSingletons.keys) { state.setSingleton(name, singletons[name]) }
        }
    }

    /// One tenant's records changed under the store's lock (journaled, so `--state` keeps it).
    private func edit(_ tenant: String, _ change: (inout TenantState) throws(FakeError) -> Void) throws(FakeError) {
        try engine.store.mutate { (state: inout FakeState) throws(FakeError) in
            if tenant == "global" { return try change(&state.global) }
            guard state.tenants[tenant] != nil else { throw .notFound("Tenant \(tenant)", code: "TENANT_NOT_FOUND") }
            try change(&state.tenants[tenant]!)
        }
    }
}
