import Contracts
import Fakes

extension BuiltinRegistry {
    /// The Traction builtins of docs/builtins.md: KPI readings (writes), milestones, plans and
    /// plan adjustment.
    mutating func registerTraction() {
        registerTractionPlanAdjustment()
    }
}
