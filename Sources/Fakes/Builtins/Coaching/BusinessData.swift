import JSON

/// `businessData` (GET /multitenant/conversations/business-data): the dashboard's numbers. Revenue,
/// customers and team come from the tenant's seed record; operations are counted live from Traction data.
enum BusinessData {
    /// What a tenant without a seed record reports: zeros and a flat trend.
    static let emptySeed: JSONValue = [
        "revenue": ["current": 0, "previous": 0, "trend": "flat", "changePercent": 0],
        "customers": ["total": 0, "new": 0, "churned": 0, "retentionRate": 0],
        "team": ["size": 0, "utilization": 0, "satisfaction": 0],
    ]

    /// Answers `{success: true, data: {revenue, customers, operations, team}}` for the caller's tenant.
    static func respond(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let tenantID = try call.caller().tenantID
        let seedName = call.stringOption("seed") ?? "businessData"
        let goalsName = call.stringOption("goals") ?? "goals"
        let actionsName = call.stringOption("actions") ?? "actions"
        let issuesName = call.stringOption("issues") ?? "issues"
        let statusesName = call.stringOption("issueStatuses") ?? "issueStatuses"
        let data: JSONValue = call.engine.store.read { state in
            let tenant = state.tenants[tenantID] ?? TenantState(id: tenantID, name: "")
            let seed = tenant.singleton(seedName) ?? tenant.all(seedName).first
            let closedStatuses = Set(tenant.all(statusesName).filter { $0["category"] == "closed" }.compactMap { $0["id"]?.stringValue })
            let operations: JSONValue = [
                "activeGoals": .integer(tenant.all(goalsName).count { $0["status"] == "active" }),
                "completedActions": .integer(tenant.all(actionsName).count { $0["status"] == "completed" }),
                "openIssues": .integer(tenant.all(issuesName).count { issue in
                    !(issue["statusId"]?.stringValue.map(closedStatuses.contains) ?? false)
                }),
            ]
            return [
                "revenue": seed?["revenue"] ?? emptySeed["revenue"] ?? .null,
                "customers": seed?["customers"] ?? emptySeed["customers"] ?? .null,
                "operations": operations,
                "team": seed?["team"] ?? emptySeed["team"] ?? .null,
            ]
        }
        return .data(data)
    }
}
