import CivilTime
import Contracts
import Fakes
import Foundation
import JSON

/// A read-only view of one tenant's Traction records with the KPI figures of every link: what
/// the company report computes from (reports.yaml); the dashboard analytics are views in analytics.yaml.
struct AnalyticsData {
    /// A link's figures: its KPI's numbers judged against the link's threshold.
    struct LinkFigures {
        var numbers: KPINumbers?
        var attainmentPct: Double? { numbers?.attainmentPct }
        var progress: Double? { numbers?.progress }
        var onTrack: Bool?
    }

    let tenant: TenantState
    let now: Date
    let goals: [JSONValue]
    let links: [JSONValue]
    let actions: [JSONValue]
    let numbersByKPI: [String: KPINumbers]

    init(tenant: TenantState, now: Date) {
        self.tenant = tenant
        self.now = now
        goals = tenant.all("goals")
        links = tenant.all("goalKpis")
        actions = tenant.all("actions")
        let readings = Dictionary(grouping: tenant.all("kpiReadings")) { $0["kpiId"]?.stringValue ?? "" }
        let milestones = Dictionary(grouping: tenant.all("milestones")) { $0["sharedKpiId"]?.stringValue ?? "" }
        var numbers: [String: KPINumbers] = [:]
        for kpi in tenant.all("kpis") {
            guard let id = kpi["id"]?.stringValue else { continue }
            numbers[id] = KPINumbers(kpi: kpi, readings: readings[id] ?? [], milestones: milestones[id] ?? [], now: now)
        }
        numbersByKPI = numbers
    }

    /// The caller's tenant as it is now.
    static func load(_ call: BuiltinCall) throws(FakeError) -> AnalyticsData {
        AnalyticsData(tenant: try TractionStore.tenant(of: call), now: call.now)
    }

    /// Today (UTC) as `YYYY-MM-DD`.
    var today: String { CalendarDay(utc: now).iso }

    static func status(_ record: JSONValue) -> String { record["status"]?.stringValue ?? "" }

    func links(ofGoal id: String) -> [JSONValue] { links.filter { $0["goalId"]?.stringValue == id } }

    func figures(of link: JSONValue) -> LinkFigures {
        let numbers = link["kpiId"]?.stringValue.flatMap { numbersByKPI[$0] }
        return LinkFigures(numbers: numbers, onTrack: numbers?.onTrack(thresholdPct: link["thresholdPct"]?.doubleValue))
    }

    /// "First Last" from the tenant's `users` profiles, else the id itself.
    func userName(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "" }
        guard let profile = tenant.record("users", id: id) else { return id }
        let name = [profile["first_name"]?.stringValue, profile["last_name"]?.stringValue]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? id : name
    }

    // MARK: Arithmetic


    static func round1(_ value: Double) -> Double { value.isFinite ? (value * 10).rounded() / 10 : 0 }

    /// A computed figure as JSON, rounded to one decimal.
    static func figure(_ value: Double) -> JSONValue { .number(round1(value)) }

    /// A value as people read it: `41200`, `3.1`.
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
