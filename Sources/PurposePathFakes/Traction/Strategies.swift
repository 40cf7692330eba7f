import Contracts
import Fakes
import JSON

extension BuiltinRegistry {
    /// `reorderStrategies` (K58): sets the listed strategies' `order`, all or nothing.
    mutating func registerTractionStrategies() {
        register("reorderStrategies", description: "Sets the order of a goal's strategies from strategyOrders.") { call throws(FakeError) in
            let goalID = TractionStore.path(call, "goalId")
            let strategies = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> [JSONValue] in
                _ = try TractionStore.goal(goalID, in: tenant)
                let orders = try StrategyOrders(body: call.body, goalID: goalID, tenant: tenant)
                for (strategyID, newOrder) in orders.changes {
                    guard let strategy = tenant.record("strategies", id: strategyID) else { continue }
                    tenant.put("strategies", id: strategyID, TractionStore.updated(strategy, [("order", .integer(newOrder))], now: call.now))
                }
                return GoalViewBuilder.strategies(ofGoal: goalID, in: tenant)
            }
            return .data(.array(strategies))
        }
    }
}

/// The checked body of a reorder: every problem found before anything is written.
struct StrategyOrders {
    let changes: [(strategyID: String, newOrder: Int)]

    init(body: JSONValue, goalID: String, tenant: TenantState) throws(FakeError) {
        var problems: [String: String] = [:]
        if let bodyGoal = body["goalId"], bodyGoal.stringValue != goalID {
            problems["goalId"] = "must match the goal in the path (\(goalID))"
        }
        guard let items = body["strategyOrders"]?.arrayValue else {
            problems["strategyOrders"] = "is required"
            throw .validation(problems)
        }
        var changes: [(String, Int)] = []
        for (index, item) in items.enumerated() {
            let strategyID = item["strategyId"]?.stringValue ?? ""
            let strategy = tenant.record("strategies", id: strategyID)
            if strategy == nil || strategy?["goalId"]?.stringValue != goalID {
                problems["strategyOrders.\(index).strategyId"] = "\(strategyID) is not a strategy of goal \(goalID)"
            }
            guard let newOrder = item["newOrder"]?.intValue, newOrder >= 0 else {
                problems["strategyOrders.\(index).newOrder"] = "must be an integer of at least 0"
                continue
            }
            changes.append((strategyID, newOrder))
        }
        guard problems.isEmpty else { throw .validation(problems) }
        self.changes = changes
    }
}
