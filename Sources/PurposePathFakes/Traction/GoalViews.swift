import Contracts
import Fakes
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// `listGoalViews`, `getGoalView`, `updateGoalGuarded`: the goal reads and the guarded update
    /// of goals.yaml, all answering goal views.
    mutating func registerTractionGoalViews() {
        register("listGoalViews", description: "Goals with their strategies and KPI links embedded, filtered by owner and status.", tenantRead: true) { call throws(FakeError) in
            let tenant = try TractionStore.tenant(of: call)
            var goals = tenant.all("goals")
            for field in ["ownerId", "status"] {
                guard let wanted = call.request.query[field]?.stringValue, !wanted.isEmpty else { continue }
                goals = goals.filter { $0[field]?.stringValue == wanted }
            }
            let newestFirst = TractionSort.stable(goals) { ($0["createdAt"]?.stringValue ?? "") > ($1["createdAt"]?.stringValue ?? "") }
            return .data(.array(newestFirst.map { GoalViewBuilder.goalView(of: $0, in: tenant, now: call.now) }))
        }

        register("getGoalView", description: "One goal with strategies and KPI links embedded.", tenantRead: true) { call throws(FakeError) in
            let tenant = try TractionStore.tenant(of: call)
            let goal = try TractionStore.goal(TractionStore.path(call, "id"), in: tenant, code: "GOAL_NOT_FOUND")
            return .data(GoalViewBuilder.goalView(of: goal, in: tenant, now: call.now))
        }

        register("updateGoalGuarded", description: "Merges a goal update; a status change must be an allowed transition.") { call throws(FakeError) in
            let goalID = TractionStore.path(call, "id")
            let changes = call.body.objectValue ?? [:]
            let view = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                let goal = try TractionStore.goal(goalID, in: tenant, code: "GOAL_NOT_FOUND")
                let current = goal["status"]?.stringValue ?? ""
                if let target = changes["status"]?.stringValue, target != current,
                    !call.engine.contracts.allowsTransition(of: "goals", field: "status", from: .string(current), to: .string(target))
                {
                    throw FakeError(status: 422, "Cannot change a goal from \(current) to \(target)", code: "INVALID_STATUS_TRANSITION")
                }
                if let status = changes["status"], status.stringValue == nil {
                    throw .validation(["status": "must be a goal status"])
                }
                let merged = TractionStore.updated(goal, changes.filter { $0.key != "id" }.map { ($0.key, $0.value) }, now: call.now)
                tenant.put("goals", id: goalID, merged)
                return GoalViewBuilder.goalView(of: merged, in: tenant, now: call.now)
            }
            return .data(view)
        }
    }
}
