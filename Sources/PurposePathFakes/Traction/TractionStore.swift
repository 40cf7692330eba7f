import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// How Traction builtins reach the caller's tenant: a copy-on-write snapshot for reads, the
/// store's lock for check-then-write changes, and the shared 404/422 refusals.
enum TractionStore {
    /// The caller's tenant as it is now (a cheap copy-on-write snapshot) for read-only builtins.
    static func tenant(of call: BuiltinCall) throws(FakeError) -> TenantState {
        let caller = try call.caller()
        guard let tenant = call.engine.store.read({ $0.tenants[caller.tenantID] }) else {
            throw .forbidden("Tenant '\(caller.tenantID)' does not exist")
        }
        return tenant
    }

    /// Runs `body` on the caller's tenant under the store lock; `body` checks before it writes.
    static func mutate<T: Sendable>(
        _ call: BuiltinCall, _ body: (inout TenantState) throws(FakeError) -> T
    ) throws(FakeError) -> T {
        let caller = try call.caller()
        return try call.engine.store.mutate { (state: inout FakeState) throws(FakeError) -> T in
            guard state.tenants[caller.tenantID] != nil else {
                throw .forbidden("Tenant '\(caller.tenantID)' does not exist")
            }
            return try body(&state.tenants[caller.tenantID]!)  // present: checked just above
        }
    }

    /// A path parameter, or "" when the route has none of that name.
    static func path(_ call: BuiltinCall, _ name: String) -> String { call.request.pathParameters[name] ?? "" }

    /// The goal `id`; 404 (`code`) when the tenant has none.
    static func goal(_ id: String, in tenant: TenantState, code: String = "NOT_FOUND") throws(FakeError) -> JSONValue {
        guard let goal = tenant.record("goals", id: id) else { throw .notFound("Goal", code: code) }
        return goal
    }

    /// The KPI `id`; 404 when the tenant has none.
    static func kpi(_ id: String, in tenant: TenantState) throws(FakeError) -> JSONValue {
        guard let kpi = tenant.record("kpis", id: id) else { throw .notFound("KPI") }
        return kpi
    }

    /// The KPI numbers of `id`; 404 when the tenant has no such KPI.
    static func numbers(_ id: String, in tenant: TenantState, now: Date) throws(FakeError) -> KPINumbers {
        guard let numbers = KPINumbers(kpiID: id, in: tenant, now: now) else { throw .notFound("KPI") }
        return numbers
    }

    /// The link of a goal to a KPI, if any.
    static func link(goalID: String, kpiID: String, in tenant: TenantState) -> JSONValue? {
        tenant.all("goalKpis").first { $0["goalId"]?.stringValue == goalID && $0["kpiId"]?.stringValue == kpiID }
    }

    /// `{page, size}` of a paginated request: page ≥ 1 (default 1), size 1–100 (default 20).
    static func pageQuery(_ call: BuiltinCall) -> [String: JSONValue] {
        let page = max(1, call.request.query["page"]?.intValue ?? 1)
        let size = min(100, max(1, call.request.query["size"]?.intValue ?? 20))
        return ["page": .integer(page), "size": .integer(size)]
    }

    /// A record with some members replaced (added last when new) and `updatedAt` set.
    static func updated(_ record: JSONValue, _ changes: [(String, JSONValue)], now: Date) -> JSONValue {
        var members = record.objectValue ?? [:]
        for (key, value) in changes { members[key] = value }
        members["updatedAt"] = .string(now.rfc3339)
        return .object(members)
    }
}
