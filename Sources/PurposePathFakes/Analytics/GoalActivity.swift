import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

/// `createGoalActivity` and `addGoalNote`: new entries of a goal's feed, announced on `goal:<id>`
/// with the realtime.yaml event shapes (K52).
enum GoalActivity {
    static let types: Set<String> = ["weekly_review", "note", "system", "decision", "attachment"]

    /// `{type, text, title?, url?, metadata?}` → an Activity; publishes `activity.created`, plus
    /// `decision.created` or `attachment.created` for those types.
    static func create(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let caller = try call.caller()
        let goalID = TractionStore.path(call, "id")
        let body = call.body
        let record = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
            _ = try TractionStore.goal(goalID, in: tenant)
            var problems: [String: String] = [:]
            let type = body["type"]?.stringValue ?? ""
            if !types.contains(type) { problems["type"] = "must be one of \(types.sorted().joined(separator: ", "))" }
            if body["text"]?.stringValue?.isEmpty ?? true { problems["text"] = "is required" }
            if let title = body["title"], title.stringValue == nil { problems["title"] = "must be a string" }
            if let url = body["url"], url.stringValue?.isEmpty ?? true { problems["url"] = "must be a URL" }
            if type == "attachment", body["url"] == nil { problems["url"] = "is required for attachment entries" }
            if let metadata = body["metadata"], metadata.objectValue == nil { problems["metadata"] = "must be an object" }
            guard problems.isEmpty else { throw .validation(problems) }
            var members: OrderedDictionary<String, JSONValue> = [
                "id": .string(IDGenerator.make(prefix: "activity_")), "goalId": .string(goalID), "type": .string(type),
            ]
            if let title = body["title"] { members["title"] = title }
            members["text"] = body["text"]
            if let url = body["url"] { members["url"] = url }
            if let metadata = body["metadata"] { members["metadata"] = metadata }
            stamp(&members, by: caller.userID, at: call.now)
            let record = JSONValue.object(members)
            tenant.put("activities", id: members["id"]?.stringValue ?? "", record)
            return record
        }
        let channel = "goal:\(goalID)"
        call.publish("activity.created", channel: channel, data: ["type": "activity.created", "goalId": .string(goalID), "activity": record])
        switch record["type"]?.stringValue {
        case "decision":
            call.publish("decision.created", channel: channel, data: ["type": "decision.created", "goalId": .string(goalID), "decision": record])
        case "attachment":
            let attachment: JSONValue = [
                "id": record["id"] ?? .null, "activityId": record["id"] ?? .null,
                "name": record["title"].flatMap { $0.stringValue?.isEmpty == false ? $0 : nil } ?? record["url"] ?? .null,
                "url": record["url"] ?? .null, "createdBy": record["createdBy"] ?? .null, "createdAt": record["createdAt"] ?? .null,
            ]
            call.publish("attachment.created", channel: channel, data: ["type": "attachment.created", "goalId": .string(goalID), "attachment": attachment])
        default: break
        }
        return .data(record)
    }

    /// `{note, attachments?}` → a `note` Activity whose attachments get ids; publishes
    /// `activity.created` and one `attachment.created` per attachment.
    static func addNote(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let caller = try call.caller()
        let goalID = TractionStore.path(call, "id")
        let body = call.body
        let record = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
            _ = try TractionStore.goal(goalID, in: tenant)
            var problems: [String: String] = [:]
            if body["note"]?.stringValue?.isEmpty ?? true { problems["note"] = "is required" }
            let items = body["attachments"]?.arrayValue ?? []
            if let given = body["attachments"], given.arrayValue == nil { problems["attachments"] = "must be an array" }
            for (index, item) in items.enumerated() {
                if item["name"]?.stringValue?.isEmpty ?? true { problems["attachments.\(index).name"] = "is required" }
                if item["url"]?.stringValue?.isEmpty ?? true { problems["attachments.\(index).url"] = "is required" }
            }
            guard problems.isEmpty else { throw .validation(problems) }
            var members: OrderedDictionary<String, JSONValue> = [
                "id": .string(IDGenerator.make(prefix: "activity_")), "goalId": .string(goalID), "type": "note", "text": body["note"] ?? "",
            ]
            if !items.isEmpty {
                members["attachments"] = .array(items.map { item in
                    var attachment: OrderedDictionary<String, JSONValue> = ["id": .string(IDGenerator.make(prefix: "attachment_"))]
                    for (key, value) in item.objectValue ?? [:] where key != "id" { attachment[key] = value }
                    return .object(attachment)
                })
            }
            stamp(&members, by: caller.userID, at: call.now)
            let record = JSONValue.object(members)
            tenant.put("activities", id: members["id"]?.stringValue ?? "", record)
            return record
        }
        let channel = "goal:\(goalID)"
        call.publish("activity.created", channel: channel, data: ["type": "activity.created", "goalId": .string(goalID), "activity": record])
        for attachment in record["attachments"]?.arrayValue ?? [] {
            var members: OrderedDictionary<String, JSONValue> = ["id": attachment["id"] ?? .null, "activityId": record["id"] ?? .null]
            for (key, value) in attachment.objectValue ?? [:] where key != "id" { members[key] = value }
            members["createdBy"] = record["createdBy"]
            members["createdAt"] = record["createdAt"]
            call.publish("attachment.created", channel: channel, data: ["type": "attachment.created", "goalId": .string(goalID), "attachment": .object(members)])
        }
        return .data(record)
    }

    private static func stamp(_ members: inout OrderedDictionary<String, JSONValue>, by userID: String, at now: Date) {
        members["createdBy"] = .string(userID)
        members["createdAt"] = .string(now.rfc3339)
        members["updatedAt"] = .string(now.rfc3339)
    }
}
