/// The behaviours implemented in code that contracts may name with `fake: { builtin: … }`.
///
/// The contract format keeps per-endpoint code out of contracts; this list is the reviewed set of
/// exceptions (auth flows, computed analytics, generated files). `docs/builtins.md` specifies each.
public enum BuiltinCatalog {
    public static let entries: [(name: String, description: String)] = [
        // Account: authentication
        ("login", "Checks email and password against the scenario users; issues an access and a refresh token."),
        ("googleLogin", "Accepts any Google token (a JWT's email, or a bare email); logs in or signs up that user."),
        ("register", "Creates a tenant and a user; answers tokens, or the email-verification shape for '+verify' emails."),
        ("refresh", "Rotates a refresh token: the old one becomes used, a new pair is issued; reuse is a 401."),
        ("logout", "Revokes the caller's refresh token given in the query."),
        ("forgotPassword", "Issues a password-reset token for a known email; always answers success."),
        ("resetPassword", "Consumes a reset token, sets the password and revokes the user's refresh tokens."),
        ("resendConfirmation", "Issues a new email-confirmation token for an unconfirmed user."),
        ("confirmEmail", "Consumes a confirmation token and marks the email verified."),
        ("validateConfirmToken", "Reports a confirmation token as valid, used, expired or not_found without consuming it."),
        // Account: users, subscription, billing, onboarding
        ("updateCurrentUser", "Merges profile fields into the caller's user record (snake_case timestamps)."),
        ("createSubscription", "Starts a paid subscription after tier, frequency, promo and payment checks."),
        ("changeSubscription", "Changes tier or frequency of the active subscription; effective at period end."),
        ("cancelSubscription", "Cancels at period end or immediately."),
        ("validatePromo", "Prices a tier with a promo code from the global promo catalog."),
        ("startTrial", "Starts a trial subscription of a tier, once per tenant."),
        ("createPaymentIntent", "Answers a fake Stripe client secret and the amount in cents."),
        ("billingWebhook", "Applies Stripe-like events to the tenant's subscription."),
        ("extendTrial", "Admin: moves a trial's end date and records the extension in the history."),
        ("getOnboarding", "The onboarding record with its products."),
        ("updateOnboarding", "Updates onboarding fields and smart-merges products in one call."),
        // Coaching
        ("alignmentCheck", "A deterministic 0–100 alignment score from word overlap of goal and foundation."),
        ("strategicAlignment", "Scores each action against the goals given; connections, recommendations, insights."),
        ("prioritizationSuggestions", "Suggests a priority per action from due date, linked goals and impact."),
        ("schedulingSuggestions", "Schedules actions by dependencies, capacity and unavailable dates."),
        ("websiteScan", "Derives a business name and industry from the URL's host; no network."),
        // Traction: goals, strategies, KPI links
        ("listGoalViews", "Goals with their strategies and KPI links embedded, filtered by owner and status."),
        ("getGoalView", "One goal with strategies and KPI links embedded."),
        ("updateGoalGuarded", "Merges a goal update; a status change must be an allowed transition."),
        ("reorderStrategies", "Sets the order of a goal's strategies from strategyOrders."),
        ("linkKpi", "Links a KPI to a goal with a threshold (or updates the threshold)."),
        ("unlinkKpi", "Removes a goal's link to a KPI."),
        ("setKpiThreshold", "Sets the threshold of a goal's KPI link."),
        ("getKpiLink", "A goal's KPI link with the KPI's current numbers."),
        // Traction: KPIs and planning
        ("getKpiWithReadings", "A KPI with its readings: {kpi, readings}."),
        ("listKpiReadings", "A KPI's readings between two months, paged with page/size."),
        ("createKpiReading", "Records a reading (v1 reading, v2 actual or action KPI update) and emits kpi.reading.created."),
        ("saveMilestones", "Smart-merges a KPI's milestones (replaceAll deletes the unnamed ones)."),
        ("kpiPlan", "A KPI's plan: milestones and planned vs actual per month or quarter."),
        ("goalKpiPlanning", "A goal's KPI links with milestones, next milestone and replan rule."),
        ("adjustKpiPlan", "Replans a KPI's milestones (redistribute, extend_deadline, manual)."),
        ("kpiCrossGoalImpact", "Which goals a KPI affects and which are at risk."),
        ("crossGoalAlerts", "KPIs shared by several goals that are off track for some of them."),
        ("putReplanRule", "Stores a KPI's replan rule over the default."),
        // Traction: activity, streams, reports, analytics
        ("createGoalActivity", "Adds a goal activity; emits activity.created (and decision/attachment events by type)."),
        ("addGoalNote", "Adds a note activity with attachments; emits activity.created and attachment.created."),
        ("eventStream", "Serves the endpoint's channel as text/event-stream with replay and heartbeats."),
        ("companyReport", "A PDF or DOCX company report built from the tenant's goals, actions and readings."),
        ("goalStats", "Goal counts by status and horizon, and average progress."),
        ("recentActivity", "Recent activity derived from goals, strategies, readings and completed actions."),
        ("performanceScore", "Weighted score of goals, strategies, KPIs and actions, with a trend."),
        ("teamAlignment", "Team alignment metrics from goals, actions and KPI sharing."),
        // Traction: operations
        ("recordRootCauseAnalysis", "Stores an issue's root-cause analysis."),
        ("convertIssueToActions", "Creates actions linked to an issue and optionally moves the issue's status."),
        ("closeIssue", "Moves an eligible issue to a closed-category status."),
        ("reorderIssueStatuses", "Reorders the statuses of one category."),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func description(of name: String) -> String? {
        entries.first { $0.name == name }?.description
    }
}
