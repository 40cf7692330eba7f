import JSON

extension BuiltinRegistry {
    /// The Traction goal-activity, dashboard-analytics and company-report builtins of docs/builtins.md.
    mutating func registerAnalytics() {
        register("createGoalActivity") { call throws(FakeError) in try GoalActivity.create(call) }
        register("addGoalNote") { call throws(FakeError) in try GoalActivity.addNote(call) }
        register("goalStats") { call throws(FakeError) in .data(GoalStats.compute(try AnalyticsData.load(call))) }
        register("recentActivity") { call throws(FakeError) in
            let requested = call.request.query["size"]
            let size = requested?.intValue ?? requested?.stringValue.flatMap { Int($0) } ?? (requested == nil || requested == .null ? 10 : nil)
            guard let size, (1...50).contains(size) else { throw .validation(["size": "must be an integer from 1 to 50"]) }
            return .data(.array(RecentActivity.items(try AnalyticsData.load(call), size: size)))
        }
        register("performanceScore") { call throws(FakeError) in .data(PerformanceScore.compute(try AnalyticsData.load(call))) }
        register("teamAlignment") { call throws(FakeError) in .data(TeamAlignment.compute(try AnalyticsData.load(call))) }
        register("companyReport") { call throws(FakeError) in try CompanyReport.respond(call) }
    }
}
