import Contracts
import Fakes
import JSON

extension BuiltinRegistry {
    /// The Operations builtins of docs/builtins.md (status order),
    /// and the Traction analytics, activity and report builtins (see `registerAnalytics`).
    mutating func registerOperations() {
        register("reorderIssueStatuses", description: "Reorders the statuses of one category.") { call throws(FakeError) in try IssueStatusReorder.reorder(call) }
    }
}
