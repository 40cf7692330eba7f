import Contracts
import Fakes
import Foundation
import JSON

/// `reorderIssueStatuses`: the listed statuses of a category get `order` 1…n in array order;
/// the category's other statuses follow in their previous order.
enum IssueStatusReorder {
    static func reorder(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let category = call.body["category"]?.stringValue ?? ""
        let listed = call.body["statusIds"]?.arrayValue ?? []
        let result = try TractionStore.mutate(call) { (tenant: inout TenantState) throws(FakeError) -> [JSONValue] in
            let statuses = tenant.all("issueStatuses").filter { $0["category"]?.stringValue == category }
            let known = Set(statuses.compactMap { $0["id"]?.stringValue })
            var ids: [String] = []
            var problems: [String: String] = [:]
            if category.isEmpty { problems["category"] = "is required" }
            if listed.isEmpty { problems["statusIds"] = "must list at least one status" }
            for item in listed {
                guard let id = item.stringValue, known.contains(id) else {
                    problems["statusIds"] = "'\(item.stringValue ?? item.jsonString())' is not a status of category \(category)"
                    break
                }
                guard !ids.contains(id) else {
                    problems["statusIds"] = "lists '\(id)' more than once"
                    break
                }
                ids.append(id)
            }
            guard problems.isEmpty else { throw .validation(problems) }
            let rest = RecordOrdering(keys: ["order"]).sorted(statuses.filter { !ids.contains($0["id"]?.stringValue ?? "") })
            let ordered = ids.compactMap { id in statuses.first { $0["id"]?.stringValue == id } } + rest
            var answer: [JSONValue] = []
            for (index, status) in ordered.enumerated() {
                guard let id = status["id"]?.stringValue else { continue }
                let order = index + 1
                var record = status
                if status["order"]?.intValue != order {
                    record = TractionStore.updated(status, [("order", .integer(order))], now: call.now)
                    tenant.put("issueStatuses", id: id, record)
                }
                answer.append(record)
            }
            return answer
        }
        return .data(.array(result))
    }
}
