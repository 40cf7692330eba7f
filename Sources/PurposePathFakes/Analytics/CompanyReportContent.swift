import CivilTime
import Contracts
import Fakes
import Foundation
import JSON

/// The company report's content (reports.yaml): goals with strategies and KPI figures, actions
/// due in the range (overdue marked) and KPI readings of the range.
struct CompanyReportContent {
    let data: AnalyticsData
    let tenantName: String
    /// First and last day covered (`YYYY-MM-DD`); nil `from` means all history.
    let from: String?
    let to: String
    /// Whether neither bound was given.
    let allTime: Bool

    static let statusOrder = ["active", "paused", "draft", "completed", "cancelled"]

    var document: ReportDocument {
        var document = ReportDocument(title: "\(tenantName) — Company report")
        document.add(.title(document.title))
        document.add(.paragraph(allTime ? "Period: All time (through \(to))" : "Period: \(from ?? "start") to \(to)"))
        document.add(.paragraph("Generated \(data.now.rfc3339)"))
        addGoals(to: &document)
        addActions(to: &document)
        addReadings(to: &document)
        return document
    }

    /// Every non-archived goal by status (active, paused, draft, completed, cancelled), then title.
    var goals: [JSONValue] {
        let rank = { (goal: JSONValue) in Self.statusOrder.firstIndex(of: AnalyticsData.status(goal)) ?? Self.statusOrder.count }
        return TractionSort.stable(data.goals.filter { AnalyticsData.status($0) != "archived" }) { a, b in
            rank(a) != rank(b) ? rank(a) < rank(b) : (a["title"]?.stringValue ?? "") < (b["title"]?.stringValue ?? "")
        }
    }

    /// Actions whose due day is in the range, by due date.
    var actions: [JSONValue] {
        let due = data.actions.filter { action in
            guard let day = action["dueDate"]?.stringValue.flatMap(CalendarDay.init(parsing:))?.iso else { return false }
            return day >= (from ?? "") && day <= to
        }
        return TractionSort.stable(due) { ($0["dueDate"]?.stringValue ?? "") < ($1["dueDate"]?.stringValue ?? "") }
    }

    /// Readings whose month overlaps the range, by period then KPI name.
    var readings: [JSONValue] {
        let first = from.map { String($0.prefix(7)) } ?? ""
        let last = String(to.prefix(7))
        let kept = data.tenant.all("kpiReadings").filter { reading in
            let period = reading["period"]?.stringValue ?? ""
            return period >= first && period <= last
        }
        return TractionSort.stable(kept) { a, b in
            let (pa, pb) = (a["period"]?.stringValue ?? "", b["period"]?.stringValue ?? "")
            return pa != pb ? pa < pb : kpiName(a["kpiId"]) < kpiName(b["kpiId"])
        }
    }

    private func addGoals(to document: inout ReportDocument) {
        document.add(.heading("Goals"))
        let goals = goals
        if goals.isEmpty { document.add(.paragraph("No goals yet.")) }
        let strategies = data.tenant.all("strategies")
        for goal in goals {
            let id = goal["id"]?.stringValue ?? ""
            document.add(.subheading(goal["title"]?.stringValue ?? id))
            let score = goal["alignmentScore"]?.doubleValue.map(AnalyticsData.text) ?? "-"
            document.add(.paragraph(
                "Status: \(AnalyticsData.status(goal)) | Owner: \(data.userName(goal["ownerId"]?.stringValue)) | "
                    + "Horizon: \(goal["horizon"]?.stringValue ?? "none") | Alignment score: \(score)"))
            if let intent = goal["intent"]?.stringValue, !intent.isEmpty { document.add(.paragraph("Intent: \(intent)")) }
            let own = RecordOrdering(keys: ["order"]).sorted(strategies.filter { $0["goalId"]?.stringValue == id })
            document.add(.paragraph(own.isEmpty ? "Strategies: none" : "Strategies:"))
            for (index, strategy) in own.enumerated() {
                document.add(.item("\(index + 1). \(strategy["description"]?.stringValue ?? "") (\(AnalyticsData.status(strategy)))"))
            }
            let links = data.links(ofGoal: id)
            document.add(.paragraph(links.isEmpty ? "KPIs: none" : "KPIs:"))
            for link in links { document.add(.item(kpiLine(link))) }
        }
    }

    /// `Name: current / target unit — on track`.
    private func kpiLine(_ link: JSONValue) -> String {
        let figures = data.figures(of: link)
        let kpi = figures.numbers?.kpi
        let unit = kpi?["unit"]?.stringValue.map { " " + $0 } ?? ""
        let current = figures.numbers?.currentValue.map(AnalyticsData.text) ?? "no reading"
        let target = figures.numbers?.targetValue.map(AnalyticsData.text) ?? "no target"
        let state = switch figures.onTrack {
        case true?: "on track"
        case false?: "off track"
        case nil: "not yet measured"
        }
        let name = kpi?["name"]?.stringValue ?? link["kpiId"]?.stringValue ?? ""
        return "\(name): \(current) / \(target)\(unit) — \(state)"
    }

    private func addActions(to document: inout ReportDocument) {
        document.add(.heading("Actions"))
        let actions = actions
        if actions.isEmpty { document.add(.paragraph("No actions are due in this period.")) }
        let today = data.today
        for action in actions {
            let due = action["dueDate"]?.stringValue.flatMap(CalendarDay.init(parsing:))?.iso ?? ""
            let status = AnalyticsData.status(action)
            let overdue = due < today && status != "completed" && status != "cancelled"
            let assignee = data.userName(action["assignedPersonId"]?.stringValue)
            document.add(.item("\(due)  \(action["title"]?.stringValue ?? "") — \(status), \(assignee)\(overdue ? " — OVERDUE" : "")"))
        }
    }

    private func addReadings(to document: inout ReportDocument) {
        document.add(.heading("KPI readings"))
        let readings = readings
        if readings.isEmpty { document.add(.paragraph("No KPI readings in this period.")) }
        for reading in readings {
            let kpi = data.tenant.record("kpis", id: reading["kpiId"]?.stringValue ?? "")
            let unit = kpi?["unit"]?.stringValue.map { " " + $0 } ?? ""
            let value = KPINumbers.effectiveValue(of: reading).map(AnalyticsData.text) ?? "-"
            var line = "\(reading["period"]?.stringValue ?? "")  \(kpiName(reading["kpiId"])): \(value)\(unit)"
            if reading["adjustedValue"] != nil, let raw = reading["value"]?.doubleValue { line += " (adjusted from \(AnalyticsData.text(raw)))" }
            document.add(.item(line))
        }
    }

    private func kpiName(_ id: JSONValue?) -> String {
        let id = id?.stringValue ?? ""
        return data.tenant.record("kpis", id: id)?["name"]?.stringValue ?? id
    }
}
