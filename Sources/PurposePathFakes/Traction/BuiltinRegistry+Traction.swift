import Contracts
import Fakes

extension BuiltinRegistry {
    /// The Traction builtins of docs/builtins.md: goal views, strategies, KPI links, the KPI
    /// catalog and readings, milestones, plans, cross-goal impact and replan rules.
    mutating func registerTraction() {
        registerTractionGoalViews()
        registerTractionStrategies()
        registerTractionKPILinks()
        registerTractionKPICatalog()
        registerTractionKPIReadings()
        registerTractionMilestones()
        registerTractionKPIPlan()
        registerTractionPlanAdjustment()
        registerTractionCrossGoal()
        registerTractionReplanRules()
    }
}
