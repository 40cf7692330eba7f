import Contracts
import Fakes
import JSON
import OrderedCollections

/// The KpiPlan answer of `adjustKpiPlan` (GET's is the `kpiPlan` definition of kpi-planning.yaml,
/// which must agree with it): the KPI's figures, its milestones and one point per month or quarter.
enum KPIPlanBuilder {
    static func plan(_ numbers: KPINumbers, byQuarter: Bool) -> JSONValue {
        let kpi = numbers.kpi
        return [
            "sharedKpiId": .string(numbers.kpiID), "name": kpi["name"] ?? "", "unit": kpi["unit"] ?? "",
            "direction": .string(numbers.direction), "granularity": .string(byQuarter ? "quarter" : "month"),
            "baselineValue": KPINumbers.json(numbers.baselineValue), "currentValue": KPINumbers.json(numbers.currentValue),
            "targetValue": KPINumbers.json(numbers.targetValue), "targetDate": numbers.targetDate.map(JSONValue.string) ?? .null,
            "milestones": .array(numbers.milestones), "points": .array(points(numbers, byQuarter: byQuarter)),
        ]
    }

    /// Every month (or quarter) from the earliest reading or milestone to the latest.
    static func points(_ numbers: KPINumbers, byQuarter: Bool) -> [JSONValue] {
        let months = numbers.readings.compactMap { $0["period"]?.stringValue }.filter(TractionCalendar.isMonth)
            + numbers.milestones.compactMap { $0["targetDate"]?.stringValue }.filter(TractionCalendar.isDay).map { String($0.prefix(7)) }
        guard let first = months.min(), let last = months.max() else { return [] }
        var periods: OrderedDictionary<String, [String]> = [:]  // period → its months
        for month in TractionCalendar.months(from: first, through: last) {
            let period = byQuarter ? (TractionCalendar.quarter(ofMonth: month) ?? month) : month
            periods[period, default: []].append(month)
        }
        return periods.map { period, members in
            let planMonth = byQuarter ? (TractionCalendar.lastMonth(ofQuarter: period) ?? members.last ?? period) : period
            let planned = numbers.plannedValue(forMonth: planMonth)
            let actual = numbers.readings.last { members.contains($0["period"]?.stringValue ?? "") }.flatMap(KPINumbers.effectiveValue)
            return [
                "period": .string(period), "plannedValue": KPINumbers.json(planned), "actualValue": KPINumbers.json(actual),
                "attainmentPct": KPINumbers.json(KPINumbers.percent(actual, against: planned, direction: numbers.direction)),
            ]
        }
    }
}
