import Contracts
import Fakes
import Foundation
import JSON

/// A read-only view of one tenant's Traction records with the KPI figures of every link: what
/// the dashboard analytics and the company report compute from (analytics.yaml, reports.yaml).
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

    /// Actions whose `connections.goalIds` name the goal.
    func actions(ofGoal id: String) -> [JSONValue] {
        actions.filter { ($0["connections"]?["goalIds"]?.arrayValue ?? []).contains(.string(id)) }
    }

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

    /// Month-over-month direction of the mean KPI attainment: the tenant's latest reading month
    /// against the month before, over KPIs with a reading and a planned value in both; ±2 points.
    func trend() -> String {
        let months = tenant.all("kpiReadings").compactMap { $0["period"]?.stringValue }.filter(TractionCalendar.isMonth)
        guard let latest = months.max(), let previous = Self.month(before: latest) else { return "stable" }
        var recent: [Double] = []
        var earlier: [Double] = []
        for id in numbersByKPI.keys.sorted() {
            guard let numbers = numbersByKPI[id], let inLatest = Self.attainment(numbers, inMonth: latest),
                let inPrevious = Self.attainment(numbers, inMonth: previous)
            else { continue }
            recent.append(inLatest)
            earlier.append(inPrevious)
        }
        guard !recent.isEmpty else { return "stable" }
        let change = Self.mean(recent) - Self.mean(earlier)
        return change > 2 ? "improving" : change < -2 ? "declining" : "stable"
    }

    /// The KPI's attainment in one month: its latest reading of that period against that month's plan.
    static func attainment(_ numbers: KPINumbers, inMonth month: String) -> Double? {
        guard let reading = numbers.readings.last(where: { $0["period"]?.stringValue == month }) else { return nil }
        return KPINumbers.percent(
            KPINumbers.effectiveValue(of: reading), against: numbers.plannedValue(forMonth: month), direction: numbers.direction)
    }

    static func month(before month: String) -> String? {
        guard let (year, number) = TractionCalendar.parseMonth(month) else { return nil }
        let (y, m) = number == 1 ? (year - 1, 12) : (year, number - 1)
        return String(format: "%04d-%02d", y, m)
    }

    // MARK: Arithmetic

    /// The mean, 0 for no values.
    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    /// `part / whole × 100`, 0 when `whole` is 0.
    static func rate(_ part: Int, of whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) * 100 }

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
