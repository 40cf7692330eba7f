import Contracts
import Fakes
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// `updateGoalGuarded`: the guarded update of goals.yaml, answering the goal view.
    mutating func registerTractionGoalViews() {
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
