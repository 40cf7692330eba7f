import JSON

extension BuiltinRegistry {
    /// The Operations builtins of docs/builtins.md (the issue lifecycle, status order),
    /// and the Traction analytics, activity and report builtins (see `registerAnalytics`).
    mutating func registerOperations() {
        register("recordRootCauseAnalysis") { call throws(FakeError) in try IssueLifecycle.recordRootCause(call) }
        register("closeIssue") { call throws(FakeError) in try IssueLifecycle.close(call) }
        register("convertIssueToActions") { call throws(FakeError) in try IssueConversion.convert(call) }
        register("reorderIssueStatuses") { call throws(FakeError) in try IssueStatusReorder.reorder(call) }
    }
}
