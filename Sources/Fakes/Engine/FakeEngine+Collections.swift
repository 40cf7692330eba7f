import Contracts
import Foundation
import JSON
import OrderedCollections

/// The declarative kinds: list, get, create, update, delete, transition, merge.
extension FakeEngine {
    func runCollectionBehaviour(_ fake: FakeBehaviour, _ request: FakeRequest, now: Date) throws(FakeError) -> FakeResponse {
        guard let name = fake.kind.collection, let collection = contracts.collections[name] else {
            throw .internalError("fake of '\(request.endpoint.id)' names no known collection")
        }
        let status = fake.status ?? request.endpoint.successResponse?.status ?? 200
        var behaviour = try CollectionBehaviour(engine: self, fake: fake, request: request, collection: collection, now: now)
        let outcome: JSONValue = try store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue in
            if behaviour.needsGlobalRecords { behaviour.globalRecords = state.global }
            return try state.withScope(of: collection, tenantID: request.caller?.tenantID) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                try behaviour.run(in: &tenant)
            }
        }
        let context = behaviour.context.focused(on: outcome)
        for emission in fake.emit {
            var holds = true
            for (condition, value) in emission.when where try condition.evaluate(in: context) != value { holds = false }
            guard holds else { continue }
            let data = try emission.data?.render(in: context) ?? outcome
            let channel = ValueComparison.text(try emission.channel.render(in: context))
            publish(event: emission.event, channel: channel, tenantID: request.caller?.tenantID, data: data)
        }
        if let template = fake.templates.body { return .json(try template.render(in: context), status: status) }
        switch fake.kind {
        case .delete: return .data(nil, status: status, in: contracts.conventions.envelope)
        case .list where request.endpoint.successResponse?.bodyShape == .paginated:
            let (page, pagination) = contracts.conventions.pagination.slice(outcome.arrayValue ?? [], query: request.query)
            return .json(contracts.conventions.envelope.page(.array(page), pagination: pagination), status: status)
        default: return .data(outcome, status: status, in: contracts.conventions.envelope)
        }
    }
}

extension FakeState {
    /// Runs `body` on the tenant's records, or on the global ones for a global collection.
    mutating func withScope<T>(of collection: ResourceCollection, tenantID: String?, _ body: (inout TenantState) throws(FakeError) -> T) throws(FakeError) -> T {
        if collection.global { return try body(&global) }
        guard let tenantID else { throw .internalError("collection '\(collection.name)' is per tenant but the endpoint has no caller") }
        guard tenants[tenantID] != nil else { throw .forbidden("Tenant '\(tenantID)' does not exist") }
        return try body(&tenants[tenantID]!)
    }
}
