import JSON

/// What an endpoint tells `understudy verify` beyond its example (`verify:` in the contract).
///
/// ```yaml
/// register:
///   verify: { fresh: [/email] }                          # a new account per run
/// confirmEmail:
///   verify: { singleUse: { at: [/token], refused: 422 } }  # the example's token works once
/// convertIssueToActions:
///   verify: { makes: { actions: /data } }                  # the ids of the actions it made
/// ```
public struct VerifyHints: Sendable {
    /// The flow that proves the endpoint's success (`via`): no standalone example runs.
    public var via: String?
    /// For a stream: the request that makes it publish (`trigger`).
    public var trigger: StreamTrigger?
    /// Body members made unique per run (an email gets `+<run>` before its `@`, other strings a
    /// `-<run>` suffix), so a registration does not collide with an earlier run's.
    public var fresh: [JSONPointer]
    /// Body members the example consumes (a single-use token): verify sends a value no run has used
    /// and expects `refused`, so every run sees the same answer.
    public var singleUse: SingleUse?
    /// Records the call makes besides its answer's own (`convert-to-actions` makes actions): the
    /// collection, and where the answer holds their ids (one id or a list). Verify removes them.
    public var makes: [(collection: String, ids: JSONPointer)]

    public struct SingleUse: Sendable {
        public var at: [JSONPointer]
        public var refused: Int
    }

    public init(via: String? = nil, trigger: StreamTrigger? = nil, fresh: [JSONPointer] = [], singleUse: SingleUse? = nil,
                makes: [(collection: String, ids: JSONPointer)] = []) {
        self.makes = makes
        self.via = via
        self.trigger = trigger
        self.fresh = fresh
        self.singleUse = singleUse
    }
}
