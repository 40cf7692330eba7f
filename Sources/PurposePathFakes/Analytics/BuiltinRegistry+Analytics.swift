import Contracts
import Fakes
import JSON

extension BuiltinRegistry {
    /// The Traction goal-activity, dashboard-analytics and company-report builtins of docs/builtins.md.
    mutating func registerAnalytics() {
        register("recentActivity", description: "Recent activity derived from goals, strategies, readings and completed actions.") { call throws(FakeError) in
            let requested = call.request.query["size"]
            let size = requested?.intValue ?? requested?.stringValue.flatMap { Int($0) } ?? (requested == nil || requested == .null ? 10 : nil)
            guard let size, (1...50).contains(size) else { throw .validation(["size": "must be an integer from 1 to 50"]) }
            return .data(.array(RecentActivity.items(try AnalyticsData.load(call), size: size)))
        }
        register("companyReport", description: "A PDF or DOCX company report built from the tenant's goals, actions and readings.") { call throws(FakeError) in try CompanyReport.respond(call) }
    }
}
