import Contracts
import Fakes
import Foundation
import JSON

/// `recentActivity`: the dashboard feed (K25) derived from goals, strategies, KPI readings and
/// completed actions, newest first.
enum RecentActivity {
    struct Item {
        var type: String
        var sourceID: String
        var userID: String
        var entityID: String
        var entityType: String
        var entityTitle: String
        var description: String
        var timestamp: String
    }

    /// At most `size` items, newest first (ties keep the derivation order).
    static func items(_ data: AnalyticsData, size: Int) -> [JSONValue] {
        let dated = derive(data).enumerated().compactMap { index, item in
            RecordInstant.parse(item.timestamp).map { (index: index, instant: $0, item: item) }
        }
        let newestFirst = dated.sorted { a, b in a.instant != b.instant ? a.instant > b.instant : a.index < b.index }
        return newestFirst.prefix(max(0, size)).map { entry in
            let item = entry.item
            return [
                "id": .string("\(item.type)_\(item.sourceID)"), "type": .string(item.type),
                "userId": .string(item.userID), "userName": .string(data.userName(item.userID)),
                "entityId": .string(item.entityID), "entityType": .string(item.entityType),
                "entityTitle": .string(item.entityTitle), "description": .string(item.description),
                "timestamp": .string(item.timestamp),
            ]
        }
    }

    /// Every item the records imply, in record order.
    static func derive(_ data: AnalyticsData) -> [Item] {
        var items: [Item] = []
        var goalsByID: [String: JSONValue] = [:]
        for goal in data.goals {
            let id = goal["id"]?.stringValue ?? ""
            goalsByID[id] = goal
            let title = goal["title"]?.stringValue ?? ""
            let owner = goal["ownerId"]?.stringValue ?? ""
            let created = goal["createdAt"]?.stringValue ?? ""
            items.append(Item(
                type: "goal_created", sourceID: id, userID: owner, entityID: id, entityType: "goal", entityTitle: title,
                description: "Created goal \"\(title)\"", timestamp: created))
            if let updated = goal["updatedAt"]?.stringValue, let after = RecordInstant.parse(updated),
                let before = RecordInstant.parse(created), after > before
            {
                items.append(Item(
                    type: "goal_updated", sourceID: id, userID: owner, entityID: id, entityType: "goal", entityTitle: title,
                    description: "Updated goal \"\(title)\" (status \(AnalyticsData.status(goal)))", timestamp: updated))
            }
        }
        for strategy in data.tenant.all("strategies") {
            let id = strategy["id"]?.stringValue ?? ""
            let goal = goalsByID[strategy["goalId"]?.stringValue ?? ""]
            items.append(Item(
                type: "strategy_added", sourceID: id, userID: goal?["ownerId"]?.stringValue ?? "", entityID: id,
                entityType: "strategy", entityTitle: strategy["description"]?.stringValue ?? "",
                description: "Added a strategy to \"\(goal?["title"]?.stringValue ?? "")\"",
                timestamp: strategy["createdAt"]?.stringValue ?? ""))
        }
        for reading in data.tenant.all("kpiReadings") {
            let kpiID = reading["kpiId"]?.stringValue ?? ""
            let kpi = data.tenant.record("kpis", id: kpiID)
            let value = KPINumbers.effectiveValue(of: reading).map(AnalyticsData.text) ?? "-"
            let unit = kpi?["unit"]?.stringValue.map { " " + $0 } ?? ""
            items.append(Item(
                type: "kpi_updated", sourceID: reading["id"]?.stringValue ?? "", userID: reading["recordedBy"]?.stringValue ?? "",
                entityID: kpiID, entityType: "kpi", entityTitle: kpi?["name"]?.stringValue ?? kpiID,
                description: "Recorded \(value)\(unit) for \(reading["period"]?.stringValue ?? "")",
                timestamp: reading["createdAt"]?.stringValue ?? ""))
        }
        for action in data.actions where AnalyticsData.status(action) == "completed" {
            let id = action["id"]?.stringValue ?? ""
            let title = action["title"]?.stringValue ?? ""
            items.append(Item(
                type: "action_completed", sourceID: id, userID: action["assignedPersonId"]?.stringValue ?? "", entityID: id,
                entityType: "action", entityTitle: title, description: "Completed action \"\(title)\"",
                timestamp: action["updatedAt"]?.stringValue ?? ""))
        }
        return items
    }
}
