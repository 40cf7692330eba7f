import CivilTime
import Contracts
import Fakes
import Foundation
import JSON

/// The figures of one KPI, as the header of contracts/traction/goal-kpis.yaml defines them:
/// computed from the KPI's readings and milestones, shared by every Traction builtin.
///
/// ```swift
/// guard let numbers = KPINumbers(kpiID: "kpi_mrr", in: tenant, now: call.now) else { throw .notFound("KPI") }
/// numbers.attainmentPct          // 98.1
/// numbers.onTrack(thresholdPct: 80)   // true
/// ```
struct KPINumbers: Sendable {
    let kpiID: String
    /// The `kpis` record.
    let kpi: JSONValue
    /// The KPI's readings sorted by `period`, then `createdAt` (oldest first).
    let readings: [JSONValue]
    /// The KPI's milestones sorted by `targetDate` (stable), earliest first.
    let milestones: [JSONValue]
    /// The server's current month (UTC), `YYYY-MM`.
    let currentMonth: String

    /// The numbers of the tenant's KPI `kpiID`; nil when the tenant has no such KPI.
    init?(kpiID: String, in tenant: TenantState, now: Date) {
        guard let kpi = tenant.record("kpis", id: kpiID) else { return nil }
        self.init(
            kpi: kpi,
            readings: tenant.all("kpiReadings").filter { $0["kpiId"]?.stringValue == kpiID },
            milestones: tenant.all("milestones").filter { $0["sharedKpiId"]?.stringValue == kpiID },
            now: now)
    }

    /// The numbers of a KPI record from readings and milestones in any order.
    init(kpi: JSONValue, readings: [JSONValue], milestones: [JSONValue], now: Date) {
        self.kpiID = kpi["id"]?.stringValue ?? ""
        self.kpi = kpi
        self.readings = Self.sortedReadings(readings)
        self.milestones = Self.sortedMilestones(milestones)
        self.currentMonth = CalendarDay(utc: now).isoMonth
    }

    /// `up` or `down` (anything else counts as `up`).
    var direction: String { kpi["direction"]?.stringValue == "down" ? "down" : "up" }

    var latestReading: JSONValue? { readings.last }
    var earliestReading: JSONValue? { readings.first }

    /// Effective value of the latest reading; nil without readings.
    var currentValue: Double? { latestReading.flatMap(Self.effectiveValue) }

    /// Effective value of the earliest reading (the plan's baseline).
    var baselineValue: Double? { earliestReading.flatMap(Self.effectiveValue) }

    /// Target of the milestone with the latest `targetDate`; nil without milestones.
    var targetValue: Double? { milestones.last?["targetValue"]?.doubleValue }

    /// `targetDate` of the last milestone.
    var targetDate: String? { milestones.last?["targetDate"]?.stringValue }

    /// Planned value for a month `YYYY-MM`: the target of the earliest milestone dated in that
    /// month or later; after the last milestone, the last target; nil without milestones.
    func plannedValue(forMonth month: String) -> Double? {
        let due = milestones.first { ($0["targetDate"]?.stringValue ?? "").prefix(7) >= month } ?? milestones.last
        return due?["targetValue"]?.doubleValue
    }

    /// The month the current figures refer to: the latest reading's period, else the current month.
    var referenceMonth: String { latestReading?["period"]?.stringValue ?? currentMonth }

    /// Planned value for the month of the latest reading (or the current month without readings).
    var plannedValue: Double? { plannedValue(forMonth: referenceMonth) }

    /// Current value against planned value, 0–100 with one decimal.
    var attainmentPct: Double? { Self.percent(currentValue, against: plannedValue, direction: direction) }

    /// Current value against target value, 0–100 with one decimal.
    var progress: Double? { Self.percent(currentValue, against: targetValue, direction: direction) }

    /// `attainmentPct ≥ thresholdPct`; nil when either is unknown.
    func onTrack(thresholdPct: Double?) -> Bool? {
        guard let attainment = attainmentPct, let thresholdPct else { return nil }
        return attainment >= thresholdPct
    }

    /// The figures as JSON members, in the GoalKpi view's order.
    var figures: [(String, JSONValue)] {
        [
            ("currentValue", Self.json(currentValue)), ("targetValue", Self.json(targetValue)),
            ("plannedValue", Self.json(plannedValue)), ("attainmentPct", Self.json(attainmentPct)),
            ("progress", Self.json(progress)),
        ]
    }

    // MARK: Shared rules

    /// `adjustedValue` when present, else `value`.
    static func effectiveValue(of reading: JSONValue) -> Double? {
        reading["adjustedValue"]?.doubleValue ?? reading["value"]?.doubleValue
    }

    /// "x against y": up → 100 if y ≤ 0 else x/y×100; down → 100 if x ≤ y else y/x×100;
    /// clamped to 0–100 and rounded to one decimal; nil if either side is nil.
    static func percent(_ x: Double?, against y: Double?, direction: String) -> Double? {
        guard let x, let y else { return nil }
        let raw: Double
        if direction == "down" {
            raw = x <= y ? 100 : y / x * 100
        } else {
            raw = y <= 0 ? 100 : x / y * 100
        }
        let clamped = raw.isNaN ? 0 : min(100, max(0, raw))
        return (clamped * 10).rounded() / 10
    }

    /// A number as JSON: whole values as integers (`100`, not `100.0`), nil as null.
    static func json(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .integer(Int(value)) }
        return .number(value)
    }

    /// Readings by `period`, then `createdAt`, keeping the given order for ties.
    static func sortedReadings(_ readings: [JSONValue]) -> [JSONValue] {
        TractionSort.stable(readings) { a, b in
            let (pa, pb) = (a["period"]?.stringValue ?? "", b["period"]?.stringValue ?? "")
            if pa != pb { return pa < pb }
            return (a["createdAt"]?.stringValue ?? "") < (b["createdAt"]?.stringValue ?? "")
        }
    }

    /// Milestones by `targetDate`, keeping the given order for ties.
    static func sortedMilestones(_ milestones: [JSONValue]) -> [JSONValue] {
        TractionSort.stable(milestones) { ($0["targetDate"]?.stringValue ?? "") < ($1["targetDate"]?.stringValue ?? "") }
    }
}
