import JSON

extension BuiltinRegistry {
    /// The Operations builtins of docs/builtins.md (lists, the issue lifecycle, status order),
    /// and the Traction analytics, activity and report builtins (see `registerAnalytics`).
    mutating func registerOperations() {
        register("filteredList") { call throws(FakeError) in
            guard let name = call.stringOption("collection") else { throw .internalError("filteredList needs options.collection") }
            let records: [JSONValue]
            if call.engine.contracts.collections[name]?.global == true {
                records = call.engine.store.read { $0.global.all(name) }
            } else {
                records = try TractionStore.tenant(of: call).all(name)
            }
            let list = FilteredList(options: call.options, query: call.request.query)
            return .data(.array(try list.run(on: records)))
        }
        register("recordRootCauseAnalysis") { call throws(FakeError) in try IssueLifecycle.recordRootCause(call) }
        register("issueClosureEligibility") { call throws(FakeError) in try IssueLifecycle.closureEligibility(call) }
        register("closeIssue") { call throws(FakeError) in try IssueLifecycle.close(call) }
        register("convertIssueToActions") { call throws(FakeError) in try IssueConversion.convert(call) }
        register("reorderIssueStatuses") { call throws(FakeError) in try IssueStatusReorder.reorder(call) }
    }
}
