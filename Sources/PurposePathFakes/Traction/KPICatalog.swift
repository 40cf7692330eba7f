import Contracts
import Fakes
import JSON

extension BuiltinRegistry {
    /// The KPI reads of kpis.yaml: a KPI with its readings, and its readings by period.
    mutating func registerTractionKPICatalog() {
        register("getKpiWithReadings", description: "A KPI with its readings: {kpi, readings}.") { call throws(FakeError) in
            let tenant = try TractionStore.tenant(of: call)
            let numbers = try TractionStore.numbers(TractionStore.path(call, "id"), in: tenant, now: call.now)
            return .data(["kpi": numbers.kpi, "readings": .array(numbers.readings)])
        }

        register("listKpiReadings", description: "A KPI's readings between two months, paged with page/size.") { call throws(FakeError) in
            let tenant = try TractionStore.tenant(of: call)
            let numbers = try TractionStore.numbers(TractionStore.path(call, "id"), in: tenant, now: call.now)
            var problems: [String: String] = [:]
            var bounds: [String: String] = [:]
            for field in ["startDate", "endDate"] {
                guard let value = call.request.query[field], value != .null else { continue }
                guard let text = value.stringValue, TractionCalendar.isDay(text) else {
                    problems[field] = "must be a date (YYYY-MM-DD)"
                    continue
                }
                bounds[field] = String(text.prefix(7))
            }
            guard problems.isEmpty else { throw .validation(problems) }
            let readings = numbers.readings.filter { reading in
                let period = reading["period"]?.stringValue ?? ""
                return (bounds["startDate"].map { period >= $0 } ?? true) && (bounds["endDate"].map { period <= $0 } ?? true)
            }
            return .json(FakeEngine.paginate(readings, query: TractionStore.pageQuery(call)))
        }
    }
}
