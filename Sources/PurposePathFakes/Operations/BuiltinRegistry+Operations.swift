import Contracts
import Fakes
import JSON

extension BuiltinRegistry {
    /// The Operations builtins of docs/builtins.md (the issue lifecycle, status order),
    /// and the Traction analytics, activity and report builtins (see `registerAnalytics`).
    mutating func registerOperations() {
        register("recordRootCauseAnalysis", description: "Stores an issue's root-cause analysis.") { call throws(FakeError) in try IssueLifecycle.recordRootCause(call) }
        register("closeIssue", description: "Moves an eligible issue to a closed-category status.") { call throws(FakeError) in try IssueLifecycle.close(call) }
        register("convertIssueToActions", description: "Creates actions linked to an issue and optionally moves the issue's status.") { call throws(FakeError) in try IssueConversion.convert(call) }
        register("reorderIssueStatuses", description: "Reorders the statuses of one category.") { call throws(FakeError) in try IssueStatusReorder.reorder(call) }
    }
}
