/// A named expression with parameters, declared once under a contract file's `define:` and
/// called like a function wherever expressions are written: the way a shared rule (a KPI's
/// figures, a percentage with a direction) lives in one place.
///
/// ```yaml
/// define:
///   percent(x, y): "if($x == null or $y == null, null, round(100 * $x / $y, 1))"
///   figures(kpi):
///     let: { readings: "@kpiReadings[kpiId == $kpi.id]" }
///     value: "{current: last($readings).value, count: count($readings)}"
/// ```
///
/// A definition reads its parameters (`$x`), its own `let` names, the collections and `today` —
/// never the request, the clock's time or bare field names — so where it is called decides what
/// it sees, and a view calling it stays cacheable.
public struct FakeDefinition: Sendable {
    public var name: String
    public var parameters: [String]
    /// Named values evaluated in order before `value`, each seeing the ones before it.
    public var bindings: [(name: String, value: FakeExpression)]
    public var value: FakeExpression
    public var location: SourceLocation

    public init(name: String, parameters: [String], bindings: [(name: String, value: FakeExpression)], value: FakeExpression, location: SourceLocation) {
        self.name = name
        self.parameters = parameters
        self.bindings = bindings
        self.value = value
        self.location = location
    }
}
