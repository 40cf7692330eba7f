import Contracts
import Fakes
import Foundation
import JSON
import Testing

/// The Operations builtins over fixtures/default: filtered lists, the issue lifecycle and the order of issue statuses.
@Suite struct OperationsBuiltinTests {
    // MARK: filteredList

    @Test func equalsFiltersAndSortsByDueDateThenTitle() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        // Sam's five actions by dueDate; the two due 2025-11-28 by title.
        #expect(try await Self.ids("listActions", ["assignedPersonId": "user_sam"], harness, demo) == [
            "action_website_case_studies", "action_pricing_benchmark", "action_crm_dedupe", "action_referral_partners",
            "action_onboarding_call_script",
        ])
        #expect(try await Self.ids("listActions", ["assignedPersonId": "user_sam", "status": "completed"], harness, demo) == [
            "action_website_case_studies", "action_pricing_benchmark",
        ])
        #expect(try await Self.ids("listActions", ["priority": "critical"], harness, demo) == ["action_pilot_recruit"])
        // A list parameter matches any of its values; issues come newest dateReported first.
        #expect(try await Self.ids("listIssues", ["status": ["status_open", "status_resolved"]], harness, demo) == [
            "issue_pilot_venue", "issue_double_bookings",
        ])
        #expect(try await Self.ids("listIssues", ["status": "status_in_progress"], harness, demo) == [
            "issue_crm_duplicates", "issue_invoice_delays",
        ])
        // Another tenant sees only its own records.
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(try await Self.ids("listActions", [:], harness, gina) == [
            "action_gps_firmware_rollback", "action_route_pilot", "action_driver_briefing",
        ])
    }

    @Test func overlapsMatchesAnySharedConnection() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        #expect(try await Self.ids("listActions", ["goalIds": ["goal_group_program", "goal_brand"]], harness, demo) == [
            "action_brand_designers", "action_pilot_curriculum", "action_pilot_recruit",
        ])
        // A comma-separated string is accepted too.
        #expect(try await Self.ids("listActions", ["goalIds": "goal_website,goal_retention"], harness, demo) == [
            "action_website_case_studies", "action_onboarding_call_script",
        ])
        #expect(try await Self.ids("listActions", ["issueIds": ["issue_crm_duplicates"], "strategyIds": ["strategy_referrals"]], harness, demo).isEmpty)
        #expect(try await Self.ids("listActions", ["strategyIds": ["strategy_pricing"]], harness, demo) == [
            "action_pricing_benchmark", "action_price_sheet_2026",
        ])
    }

    @Test func dateBoundsCoverWholeDaysForBareDates() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        // dueDate ≥ 2025-11-28T00:00:00Z.
        #expect(try await Self.ids("listActions", ["startDate": "2025-11-28"], harness, demo) == [
            "action_referral_partners", "action_onboarding_call_script", "action_price_sheet_2026", "action_pilot_recruit",
        ])
        #expect(try await Self.ids("listActions", ["startDate": "2025-11-28T00:00:01Z"], harness, demo) == [
            "action_price_sheet_2026", "action_pilot_recruit",
        ])
        // startDate ≤ the end of 2025-10-06.
        #expect(try await Self.ids("listActions", ["endDate": "2025-10-06"], harness, demo) == [
            "action_website_case_studies", "action_pricing_benchmark", "action_brand_designers", "action_referral_partners",
            "action_pilot_recruit",
        ])
        // Issues reported from the 9th through the whole of the 20th of October.
        #expect(try await Self.ids("listIssues", ["startDate": "2025-10-09", "endDate": "2025-10-20"], harness, demo) == [
            "issue_pilot_venue", "issue_crm_duplicates",
        ])
        #expect(try await Self.ids("listIssues", ["endDate": "2025-10-20T08:00:00Z", "reportedBy": "user_demo"], harness, demo) == [
            "issue_invoice_delays",
        ])
        let bad = try await harness.call("listActions", query: ["startDate": "next week"], as: demo)
        #expect(bad.status == 422)
        #expect(bad.jsonBody?["errors"]?["startDate"] != nil)
    }

    @Test func includeFlagsDropInactiveAndSystemRecordsAndSortFollowsCategories() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        #expect(try await Self.ids("listIssueStatuses", [:], harness, demo) == [
            "status_open", "status_in_progress", "status_pending_approval", "status_blocked", "status_closed", "status_resolved",
        ])
        #expect(try await Self.ids("listIssueStatuses", ["includeInactive": true], harness, demo) == [
            "status_open", "status_in_progress", "status_pending_approval", "status_blocked", "status_deferred", "status_closed",
            "status_resolved",
        ])
        #expect(try await Self.ids("listIssueStatuses", ["includeSystem": false], harness, demo) == ["status_pending_approval", "status_resolved"])
        #expect(try await Self.ids("listIssueStatuses", ["includeSystem": "false", "includeInactive": "true"], harness, demo) == [
            "status_pending_approval", "status_deferred", "status_resolved",
        ])
        #expect(try await Self.ids("listIssueStatuses", ["category": "closed"], harness, demo) == ["status_closed", "status_resolved"])
        #expect(try await Self.ids("listIssueTypes", [:], harness, demo) == [
            "type_operations", "type_people", "type_technology", "type_finance", "type_client_delivery",
        ])
        // Globex's system records carry other timestamps and are still dropped by includeSystem=false.
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        #expect(try await Self.ids("listIssueTypes", ["includeSystem": false], harness, gina) == ["type_fleet"])
    }

    // MARK: Root cause, eligibility, closing

    @Test func rootCauseAnalysisReplacesTheStoredOne() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let analysis: JSONValue = ["method": "five_whys", "findings": ["rootCause": "The import matches on name, not email."]]
        let response = try await harness.call("createIssueRootCause", path: ["issueId": "issue_crm_duplicates"], body: analysis, as: demo)
        #expect(response.status == 200)
        #expect(response.jsonBody?["data"]?["rootCauseAnalysis"] == analysis)
        #expect(response.jsonBody?["data"]?["updatedAt"] == "2025-11-24T16:00:00Z")
        let stored = try await Self.issue("issue_crm_duplicates", harness, demo)
        #expect(stored?["rootCauseAnalysis"] == analysis)
        let missing = try await harness.call("createIssueRootCause", path: ["issueId": "issue_gone"], body: analysis, as: demo)
        #expect(missing.status == 404)
    }

    @Test func closureEligibilityCountsTheIssuesActions() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let crm = try await harness.call("getIssueClosureEligibility", path: ["issueId": "issue_crm_duplicates"], as: demo)
        #expect(crm.jsonBody == ["canClose": false, "completedActions": 0, "totalActions": 1])
        let venue = try await harness.call("getIssueClosureEligibility", path: ["issueId": "issue_pilot_venue"], as: demo)
        #expect(venue.jsonBody == ["canClose": true, "completedActions": 0, "totalActions": 0])
        // A cancelled action no longer blocks closing, and does not count as completed.
        try await harness.call("updateAction", path: ["actionId": "action_crm_dedupe"], body: ["status": "cancelled"], as: demo)
        let cancelled = try await harness.call("getIssueClosureEligibility", path: ["issueId": "issue_crm_duplicates"], as: demo)
        #expect(cancelled.jsonBody == ["canClose": true, "completedActions": 0, "totalActions": 1])
        let missing = try await harness.call("getIssueClosureEligibility", path: ["issueId": "issue_gone"], as: demo)
        #expect(missing.status == 404)
    }

    @Test func closeRefusesOpenActionsClosedIssuesAndBadStatuses() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let open = try await harness.call("closeIssue", path: ["issueId": "issue_crm_duplicates"], as: demo)
        #expect(open.status == 422)
        #expect(open.jsonBody?["code"] == "INVALID_STATUS_TRANSITION")
        #expect(open.jsonBody?["error"] == "Issue has 1 open action; complete or cancel it before closing")
        let closed = try await harness.call("closeIssue", path: ["issueId": "issue_double_bookings"], as: demo)
        #expect(closed.jsonBody?["code"] == "INVALID_STATUS_TRANSITION")
        #expect(closed.jsonBody?["error"] == "Issue is already closed")
        let notClosedCategory = try await harness.call(
            "closeIssue", path: ["issueId": "issue_pilot_venue"], body: ["statusId": "status_in_progress"], as: demo)
        #expect(notClosedCategory.status == 422)
        #expect(notClosedCategory.jsonBody?["code"] == "VALIDATION_ERROR")
        #expect(notClosedCategory.jsonBody?["errors"]?["statusId"] != nil)
        #expect(try await Self.issue("issue_pilot_venue", harness, demo)?["statusId"] == "status_open")
        let missing = try await harness.call("closeIssue", path: ["issueId": "issue_gone"], as: demo)
        #expect(missing.status == 404)
    }

    @Test func closeUsesTheGivenOrTheFirstActiveClosedStatus() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let first = try await harness.call("closeIssue", path: ["issueId": "issue_pilot_venue"], as: demo)
        #expect(first.status == 200)
        #expect(first.jsonBody?["data"]?["statusId"] == "status_closed")
        #expect(try await Self.issue("issue_pilot_venue", harness, demo)?["updatedAt"] == "2025-11-24T16:00:00Z")
        let resolved = try await harness.call(
            "closeIssue", path: ["issueId": "issue_invoice_delays"], body: ["statusId": "status_resolved"], as: demo)
        #expect(resolved.jsonBody?["data"]?["statusId"] == "status_resolved")
        // Once its action is completed, the CRM issue can close.
        try await harness.call("updateAction", path: ["actionId": "action_crm_dedupe"], body: ["status": "completed", "progress": 100], as: demo)
        // With "Closed" deactivated, the first active closed status is "Resolved" (order 2).
        try await harness.call("deleteIssueStatus", path: ["statusId": "status_closed"], as: demo)
        let fallback = try await harness.call("closeIssue", path: ["issueId": "issue_crm_duplicates"], as: demo)
        #expect(fallback.jsonBody?["data"]?["statusId"] == "status_resolved")
        let inactive = try await harness.call(
            "closeIssue", path: ["issueId": "issue_pilot_venue"], body: ["statusId": "status_closed"], as: demo)
        #expect(inactive.status == 422)  // already closed comes first
        // Globex has no "Resolved": with its "Closed" deactivated there is no closed status to use.
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        try await harness.call("updateAction", path: ["actionId": "action_route_pilot"], body: ["status": "completed"], as: gina)
        try await harness.call("deleteIssueStatus", path: ["statusId": "status_closed"], as: gina)
        let none = try await harness.call("closeIssue", path: ["issueId": "issue_telematics_gaps"], as: gina)
        #expect(none.status == 422)
        #expect(none.jsonBody?["errors"]?["statusId"] != nil)
    }

    // MARK: Converting an issue

    @Test func convertCreatesConnectedActionsAndMovesTheIssue() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let body: JSONValue = [
            "actions": [
                [
                    "title": "Switch CRM import matching to email", "description": "Change the import template.",
                    "startDate": "2025-11-25T00:00:00Z", "dueDate": "2025-12-05T00:00:00Z", "priority": "medium",
                    "assignedPersonId": "user_demo", "connections": ["goalIds": [], "strategyIds": [], "issueIds": []],
                ],
                [
                    "title": "Audit the merged contacts", "description": "Spot-check fifty merged records.",
                    "dateEntered": "2025-11-20T09:00:00Z", "startDate": "2025-12-01T00:00:00Z", "dueDate": "2025-12-12T00:00:00Z",
                    "priority": "low", "assignedPersonId": "user_sam",
                    "connections": ["goalIds": ["goal_revenue"], "strategyIds": [], "issueIds": ["issue_crm_duplicates"]],
                ],
            ],
            "newStatusId": "status_pending_approval",
        ]
        let response = try await harness.call("convertIssueToActions", path: ["issueId": "issue_crm_duplicates"], body: body, as: demo)
        #expect(response.status == 200)
        let ids = (response.jsonBody?["data"]?.arrayValue ?? []).compactMap { $0.stringValue }
        #expect(ids.count == 2)
        #expect(ids.allSatisfy { $0.hasPrefix("action_") })
        let connected = try await harness.call("listActions", query: ["issueIds": ["issue_crm_duplicates"]], as: demo)
        let actions = try #require(connected.jsonBody?["data"]?.arrayValue)
        #expect(Set(actions.compactMap { $0["id"]?.stringValue }) == Set(ids + ["action_crm_dedupe"]))
        let first = try #require(actions.first { $0["id"]?.stringValue == ids[0] })
        #expect(first["status"] == "not_started")
        #expect(first["progress"] == 0)
        #expect(first["dateEntered"] == "2025-11-24T16:00:00Z")
        #expect(first["createdAt"] == "2025-11-24T16:00:00Z")
        #expect(first["connections"]?["issueIds"] == ["issue_crm_duplicates"])
        let second = try #require(actions.first { $0["id"]?.stringValue == ids[1] })
        #expect(second["dateEntered"] == "2025-11-20T09:00:00Z")
        #expect(second["connections"]?["issueIds"] == ["issue_crm_duplicates"])  // not repeated
        #expect(try await Self.issue("issue_crm_duplicates", harness, demo)?["statusId"] == "status_pending_approval")
        // The new actions now count towards closing the issue.
        let eligibility = try await harness.call("getIssueClosureEligibility", path: ["issueId": "issue_crm_duplicates"], as: demo)
        #expect(eligibility.jsonBody?["totalActions"] == 3)
    }

    @Test func convertRefusesAnUnknownStatusAndCreatesNothing() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let action: JSONValue = [
            "title": "Book a backup venue", "description": "Hold a second room.", "startDate": "2025-11-25T00:00:00Z",
            "dueDate": "2025-11-28T00:00:00Z", "priority": "high", "assignedPersonId": "user_sam",
            "connections": ["goalIds": [], "strategyIds": [], "issueIds": []],
        ]
        let before = harness.engine.store.read { $0.tenants["tenant_acme"]?.count("actions") }
        let bad = try await harness.call(
            "convertIssueToActions", path: ["issueId": "issue_pilot_venue"], body: ["actions": [action], "newStatusId": "status_nope"], as: demo)
        #expect(bad.status == 422)
        #expect(bad.jsonBody?["errors"]?["newStatusId"] != nil)
        #expect(harness.engine.store.read { $0.tenants["tenant_acme"]?.count("actions") } == before)
        let missing = try await harness.call("convertIssueToActions", path: ["issueId": "issue_gone"], body: ["actions": [action]], as: demo)
        #expect(missing.status == 404)
        // Without newStatusId the issue keeps its status.
        let plain = try await harness.call("convertIssueToActions", path: ["issueId": "issue_pilot_venue"], body: ["actions": [action]], as: demo)
        #expect(plain.jsonBody?["data"]?.arrayValue?.count == 1)
        #expect(try await Self.issue("issue_pilot_venue", harness, demo)?["statusId"] == "status_open")
        // Globex has no "Pending Approval" status.
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let foreign = try await harness.call(
            "convertIssueToActions", path: ["issueId": "issue_telematics_gaps"], body: ["actions": [action], "newStatusId": "status_pending_approval"],
            as: gina)
        #expect(foreign.status == 422)
    }

    // MARK: Reordering statuses

    @Test func reorderNumbersTheListedStatusesFirst() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let response = try await harness.call(
            "reorderIssueStatuses", body: ["category": "active", "statusIds": ["status_pending_approval"]], as: demo)
        let statuses = try #require(response.jsonBody?["data"]?.arrayValue)
        #expect(statuses.compactMap { $0["id"]?.stringValue } == ["status_pending_approval", "status_in_progress"])
        #expect(statuses.compactMap { $0["order"]?.intValue } == [1, 2])
        #expect(statuses.allSatisfy { $0["updatedAt"] == "2025-11-24T16:00:00Z" })
        #expect(try await Self.ids("listIssueStatuses", ["category": "active"], harness, demo) == ["status_pending_approval", "status_in_progress"])
        // Inactive statuses are reordered too; an unchanged order keeps its timestamp.
        harness.clock.advance(60)
        let inactive = try await harness.call("reorderIssueStatuses", body: ["category": "inactive", "statusIds": ["status_blocked"]], as: demo)
        let both = try #require(inactive.jsonBody?["data"]?.arrayValue)
        #expect(both.compactMap { $0["id"]?.stringValue } == ["status_blocked", "status_deferred"])
        #expect(both.compactMap { $0["updatedAt"]?.stringValue } == ["2025-09-01T09:00:00Z", "2025-10-02T08:30:00Z"])
        // Globex's statuses are untouched.
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try await harness.call("listIssueStatuses", query: ["category": "active"], as: gina)
        #expect(globex.jsonBody?["data"]?[0]?["order"] == 1)
        #expect(globex.jsonBody?["data"]?[0]?["updatedAt"] == "2025-08-15T08:00:00Z")
    }

    @Test func reorderRefusesStatusesOfAnotherCategoryOrRepeated() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let other = try await harness.call("reorderIssueStatuses", body: ["category": "active", "statusIds": ["status_open"]], as: demo)
        #expect(other.status == 422)
        #expect(other.jsonBody?["errors"]?["statusIds"] != nil)
        let twice = try await harness.call(
            "reorderIssueStatuses", body: ["category": "closed", "statusIds": ["status_resolved", "status_resolved"]], as: demo)
        #expect(twice.status == 422)
        #expect(try await Self.ids("listIssueStatuses", ["category": "closed"], harness, demo) == ["status_closed", "status_resolved"])
    }

    // MARK: Helpers

    /// The ids a list endpoint answers for a query.
    static func ids(_ endpoint: String, _ query: [String: JSONValue], _ harness: EngineHarness, _ caller: Caller) async throws -> [String] {
        let response = try await harness.call(endpoint, query: query, as: caller)
        #expect(response.status == 200, "\(endpoint) answered \(response.status): \(response.jsonBody?.jsonString() ?? "")")
        return response.jsonBody?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    /// An issue as the issue list shows it.
    static func issue(_ id: String, _ harness: EngineHarness, _ caller: Caller) async throws -> JSONValue? {
        let response = try await harness.call("listIssues", as: caller)
        return response.jsonBody?["data"]?.arrayValue?.first { $0["id"]?.stringValue == id }
    }
}
