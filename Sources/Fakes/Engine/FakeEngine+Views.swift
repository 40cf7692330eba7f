import Contracts
import Foundation
import JSON
import OrderedCollections

/// The `view` kind: a read of the caller's tenant through compiled expressions, under the store's
/// read lock (it writes nothing). A protected view without a caller is 401.
extension FakeEngine {
    func runView(_ view: FakeView, _ fake: FakeBehaviour, _ request: FakeRequest, now: Date) throws(FakeError) -> FakeResponse {
        let status = fake.status ?? request.endpoint.successResponse?.status ?? 200
        let scope = TemplateScope(request: request, now: now)
        if request.endpoint.auth.isProtected, request.caller == nil { throw .unauthorized("Authentication required") }
        let outcome: Result<FakeResponse, FakeError> = store.read { state in
            do throws(FakeError) {
                let context = readContext(state, scope: scope, caller: request.caller)
                return .success(try ViewRun(view: view, fake: fake, collections: contracts.collections, query: request.query, envelope: contracts.conventions.envelope).answer(in: context, status: status))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// What a read's expressions see: the caller's tenant (a tenant with no records yet reads as
    /// empty), the global records, every collection, the definitions and transitions.
    func readContext(_ state: borrowing FakeState, scope: TemplateScope, caller: Caller?) -> ExpressionContext {
        let tenant = caller.map { state.tenants[$0.tenantID] ?? TenantState(id: $0.tenantID, name: "") }
        var context = ExpressionContext(scope: scope, tenant: tenant, global: state.global, collections: contracts.collections)
        context.definitions = contracts.definitions
        context.transitions = contracts.transitionTable
        return context
    }
}
