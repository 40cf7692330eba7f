import JSON

/// `fake: { stream: … }`: the endpoint's `channel` as a server-sent-event stream, once the
/// requirements hold; replay starts after the `Last-Event-ID` header or, without it, `after`.
///
/// ```yaml
/// channel: "goal:{{path.goalId}}"
/// fake:
///   stream:
///     require:
///       - { that: "count(@goals[id == path.goalId]) > 0", status: 404, code: GOAL_NOT_FOUND, message: Goal not found }
///     after: query.lastEventId
/// ```
public struct FakeStream: Sendable {
    /// `let` and `require`, as a view has them (and nothing else of a view).
    public var checks: FakeView
    /// The last event id the client saw when it sends no `Last-Event-ID` header.
    public var after: FakeExpression?
    public var location: SourceLocation
}
