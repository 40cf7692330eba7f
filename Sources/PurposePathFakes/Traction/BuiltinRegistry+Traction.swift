import Contracts
import Fakes

extension BuiltinRegistry {
    /// The Traction builtins of docs/builtins.md: goal views, strategies, KPI links, KPI readings
    /// (writes), milestones, plans, cross-goal impact and replan rules.
    mutating func registerTraction() {
        registerTractionGoalViews()
        registerTractionKPIReadings()
        registerTractionMilestones()
        registerTractionKPIPlan()
        registerTractionPlanAdjustment()
        registerTractionCrossGoal()
    }
}
