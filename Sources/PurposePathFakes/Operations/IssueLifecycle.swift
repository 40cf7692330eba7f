import Contracts
import Fakes
import Foundation
import JSON

/// The issue lifecycle: root-cause analysis, closure eligibility and closing (contracts/traction/issues.yaml).
enum IssueLifecycle {
    /// Whether an issue's actions (those listing it in `connections.issueIds`) are all done.
    struct Eligibility {
        var totalActions: Int
        var completedActions: Int
        /// Actions neither completed nor cancelled.
        var openActions: Int
        var canClose: Bool { openActions == 0 }

    }

    /// The issue id of the route (`{issueId}`).
    static func issueID(_ call: BuiltinCall) -> String {
        call.request.pathParameters["issueId"] ?? call.request.endpoint.path.parameterNames.last.flatMap { call.request.pathParameters[$0] } ?? ""
    }

    /// The tenant's issue `id`; 404 when missing.
    static func issue(_ id: String, in tenant: TenantState) throws(FakeError) -> JSONValue {
        guard let issue = tenant.record("issues", id: id) else { throw .notFound("Issue") }
        return issue
    }

    static func eligibility(of issueID: String, in tenant: TenantState) -> Eligibility {
        let actions = tenant.all("actions").filter { action in
            (action["connections"]?["issueIds"]?.arrayValue ?? []).contains(.string(issueID))
        }
        let statuses = actions.map { $0["status"]?.stringValue ?? "" }
        return Eligibility(
            totalActions: actions.count, completedActions: statuses.filter { $0 == "completed" }.count,
            openActions: statuses.filter { $0 != "completed" && $0 != "cancelled" }.count)
    }

    /// `recordRootCauseAnalysis`: replaces the issue's `rootCauseAnalysis` with `{method, findings}`.
    static func recordRootCause(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let id = issueID(call)
        let method = call.body["method"]
        let findings = call.body["findings"]
        let updated = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
            let issue = try issue(id, in: tenant)
            var problems: [String: String] = [:]
            if method?.stringValue?.isEmpty ?? true { problems["method"] = "is required" }
            if findings?.objectValue == nil { problems["findings"] = "must be an object" }
            guard problems.isEmpty, let method, let findings else { throw .validation(problems) }
            let record = TractionStore.updated(issue, [("rootCauseAnalysis", ["method": method, "findings": findings])], now: call.now)
            tenant.put("issues", id: id, record)
            return record
        }
        return .data(updated)
    }

    /// `issueClosureEligibility`: the bare `{canClose, completedActions, totalActions}` (K29).
    /// `closeIssue`: moves an eligible, not yet closed issue to the given (or the first active) closed status.
    static func close(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let id = issueID(call)
        let requested = call.body["statusId"]?.stringValue
        let updated = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
            let issue = try issue(id, in: tenant)
            let statuses = tenant.all("issueStatuses")
            let current = statuses.first { $0["id"] == issue["statusId"] }
            if current?["category"]?.stringValue == "closed" {
                throw FakeError(status: 422, "Issue is already closed", code: "INVALID_STATUS_TRANSITION")
            }
            let eligibility = eligibility(of: id, in: tenant)
            guard eligibility.canClose else {
                let count = eligibility.openActions
                throw FakeError(
                    status: 422, "Issue has \(count) open action\(count == 1 ? "" : "s"); complete or cancel \(count == 1 ? "it" : "them") before closing",
                    code: "INVALID_STATUS_TRANSITION")
            }
            let closed = statuses.filter { $0["category"]?.stringValue == "closed" && $0["isActive"] == .bool(true) }
            let target: JSONValue
            if let requested {
                guard let match = closed.first(where: { $0["id"]?.stringValue == requested }) else {
                    throw .validation(["statusId": "is not an active status of category closed"])
                }
                target = match
            } else {
                let ordered = RecordOrdering(keys: ["order"]).sorted(closed)
                guard let first = ordered.first else {
                    throw .validation(["statusId": "the tenant has no active status of category closed"])
                }
                target = first
            }
            let record = TractionStore.updated(issue, [("statusId", target["id"] ?? .null)], now: call.now)
            tenant.put("issues", id: id, record)
            return record
        }
        return .data(updated)
    }
}
