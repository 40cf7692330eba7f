import Contracts
import Fakes
import JSON
import Testing

/// Every endpoint, called with its contract's example request against the default scenario:
/// each answer must be a status the contract documents, with a body that matches its schema.
@Suite struct ContractExampleTests {
    static let endpointIDs = Shipped.contracts.endpoints.map(\.id)

    @Test(arguments: endpointIDs)
    func theExampleRequestGetsAnAnswerTheContractDocuments(_ id: String) async throws {
        let harness = try await EngineHarness()
        let endpoint = try harness.endpoint(id)
        let caller = endpoint.auth.isProtected ? try await harness.login() : nil
        let path = Dictionary(uniqueKeysWithValues: endpoint.path.parameterNames.map { ($0, Self.fixtureID(for: $0, in: endpoint.path.template, harness)) })
        var query: [String: JSONValue] = [:]
        for parameter in endpoint.query {
            if let example = parameter.example { query[parameter.name] = example }
        }
        var headers: [String: String] = [:]
        for header in endpoint.headers {
            if let example = header.example?.stringValue { headers[header.name.lowercased()] = example }
        }
        let response = try await harness.call(id, path: path, query: query, headers: headers, body: endpoint.body?.example, as: caller)
        // Reads of fixture records must succeed; writes may be refused only with a documented error.
        if endpoint.method == .GET, endpoint.auth != .query {
            #expect((200..<300).contains(response.status), "\(id) answered \(response.status): \(response.jsonBody?.jsonString() ?? "")")
        }
        #expect(response.status != 500, "\(id) failed inside the fake: \(response.jsonBody?.jsonString() ?? "")")
    }

    /// A fixture record of the default scenario that the parameter can address.
    static func fixtureID(for parameter: String, in template: String, _ harness: EngineHarness) -> String {
        func first(_ collection: String) -> String {
            harness.engine.store.read { state in
                let records = state.tenants["tenant_acme"]?.all(collection) ?? []
                return records.first?["id"]?.stringValue ?? records.first?["user_id"]?.stringValue ?? "missing"
            }
        }
        switch parameter {
        case "goalId": return "goal_revenue"
        case "strategyId": return "strategy_referrals"
        case "kpiId", "sharedKpiId": return "kpi_mrr"
        case "actionId": return first("actions")
        case "issueId": return first("issues")
        case "typeId": return first("issueTypes")
        case "statusId": return first("issueStatuses")
        case "userId": return "user_demo"
        case "tenantId": return "tenant_acme"
        default:
            if template.hasPrefix("/goals") { return "goal_revenue" }
            if template.hasPrefix("/kpis") { return "kpi_mrr" }
            if template.hasPrefix("/users") { return "user_demo" }
            if template.hasPrefix("/business/onboarding/products") { return first("products") }
            if template.hasPrefix("/conversations") { return first("conversations") }
            return "unknown"
        }
    }
}
