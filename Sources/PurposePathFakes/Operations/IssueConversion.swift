import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// `convertIssueToActions`: one action per element of `actions`, created as `createAction`
/// creates them, each connected to the issue; `newStatusId` (when given) moves the issue.
enum IssueConversion {
    static func convert(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let issueID = IssueLifecycle.issueID(call)
        let elements = call.body["actions"]?.arrayValue ?? []
        let newStatusID = call.body["newStatusId"]?.stringValue
        let recipe = ActionRecipe(contracts: call.engine.contracts)
        let ids = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> [String] in
            let issue = try IssueLifecycle.issue(issueID, in: tenant)
            var problems: [String: String] = [:]
            if elements.isEmpty { problems["actions"] = "must list at least one action" }
            for (index, element) in elements.enumerated() where element.objectValue == nil {
                problems["actions.\(index)"] = "must be an object"
            }
            if let newStatusID, tenant.record("issueStatuses", id: newStatusID) == nil {
                problems["newStatusId"] = "is not an issue status of this tenant"
            }
            guard problems.isEmpty else { throw .validation(problems) }
            var created: [String] = []
            for element in elements {
                let (id, record) = recipe.make(from: element, issueID: issueID, now: call.now)
                tenant.put(recipe.collection, id: id, record)
                created.append(id)
            }
            if let newStatusID {
                tenant.put("issues", id: issueID, TractionStore.updated(issue, [("statusId", .string(newStatusID))], now: call.now))
            }
            return created
        }
        return .data(.array(ids.map(JSONValue.string)))
    }
}

/// How `createAction` builds an action, read from its contract (`defaults`, `set`, the
/// collection's id prefix and timestamps) so conversions stay in step with it.
struct ActionRecipe {
    var collection = "actions"
    var idPrefix = "action_"
    var idField = "id"
    var defaults: JSONValue = ["dateEntered": "{{now}}"]
    var set: JSONValue = ["status": "not_started", "progress": 0]
    var timestamps: (created: String, updated: String)? = ("createdAt", "updatedAt")

    init(contracts: ContractSet) {
        guard let fake = contracts.endpoint(id: "createAction")?.fake, let name = fake.kind.collection,
            let definition = contracts.collections[name]
        else { return }
        collection = name
        idPrefix = definition.idPrefix
        idField = definition.idField
        defaults = fake.defaults ?? .object([:])
        set = fake.set ?? .object([:])
        timestamps = definition.timestamps
    }

    /// A new action from a CreateActionRequest, its `connections.issueIds` holding the issue.
    func make(from element: JSONValue, issueID: String, now: Date) -> (id: String, record: JSONValue) {
        var scope = TemplateScope(now: now)
        scope.body = element
        var members = Template.render(defaults, in: scope).objectValue ?? [:]
        for (key, value) in element.objectValue ?? [:] { members[key] = value }
        var connections = members["connections"]?.objectValue ?? ["goalIds": [], "strategyIds": [], "issueIds": []]
        var issueIDs = connections["issueIds"]?.arrayValue ?? []
        if !issueIDs.contains(.string(issueID)) { issueIDs.append(.string(issueID)) }
        connections["issueIds"] = .array(issueIDs)
        members["connections"] = .object(connections)
        scope.record = .object(members)
        for (key, value) in Template.render(set, in: scope).objectValue ?? [:] { members[key] = value }
        let id = IDGenerator.make(prefix: idPrefix)
        members.removeValue(forKey: idField)
        members.updateValue(.string(id), forKey: idField, insertingAt: 0)
        if let timestamps {
            let time = JSONValue.string(now.rfc3339)
            members[timestamps.created] = time
            members[timestamps.updated] = time
        }
        return (id, .object(members))
    }
}
