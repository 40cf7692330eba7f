import Contracts
import JSON

/// Which endpoint `serve --mutate` breaks, and how: at most one mutation per endpoint, each one a
/// conformance run can see, and at most one mutated endpoint per flow (a flow stops at its first
/// failed step, so a second mutation in it would go unseen).
///
/// ```swift
/// let plan = MutationPlan(contracts: contracts, spec: .seed(7))
/// plan.mutation(for: "getGoal")   // .changeType, or nil when getGoal is left alone
/// ```
public struct MutationPlan: Sendable {
    /// `--mutate 7` picks kinds and endpoints from a seed; `--mutate change-type` applies one kind wherever it can.
    public enum Spec: Sendable, Equatable {
        case seed(UInt64)
        case kind(Mutation)

        public init?(_ text: String) {
            if let seed = UInt64(text) { self = .seed(seed) }
            else if let kind = Mutation(rawValue: text) { self = .kind(kind) }
            else { return nil }
        }
    }

    public let spec: Spec
    /// Endpoint id → its mutation.
    public let assignments: [String: Mutation]
    /// Endpoint id → the undocumented status `wrong-status` answers.
    let wrongStatuses: [String: Int]

    public init(contracts: ContractSet, spec: Spec) {
        self.spec = spec
        var random = SeededRandom(seed: { if case .seed(let seed) = spec { seed } else { 0 } }())
        var order = contracts.endpoints.sorted { $0.id < $1.id }
        if case .seed = spec { order.shuffle(using: &random) }
        var assignments: [String: Mutation] = [:]
        var statuses: [String: Int] = [:]
        var counts: [Mutation: Int] = [:]
        var takenFlows: Set<String> = []
        var applicable: [String: [Mutation]] = [:]
        for endpoint in order {
            var kinds = Self.applicable(to: endpoint, in: contracts)
            if case .kind(let only) = spec { kinds = kinds.filter { $0 == only } }
            applicable[endpoint.id] = kinds
        }
        func assign(_ kind: Mutation, to endpoint: Endpoint) {
            assignments[endpoint.id] = kind
            counts[kind, default: 0] += 1
            takenFlows.formUnion(Self.flows(touching: endpoint.id, in: contracts))
            if kind == .wrongStatus { statuses[endpoint.id] = Self.undocumentedStatus(of: endpoint) }
        }
        func isFree(_ endpoint: Endpoint) -> Bool {
            assignments[endpoint.id] == nil && Self.flows(touching: endpoint.id, in: contracts).isDisjoint(with: takenFlows)
        }
        if case .seed = spec {
            // Every kind once first, the scarcest first, so a seed exercises all kinds that can be placed.
            let scarcest = Mutation.allCases.sorted { kind, other in
                order.count { applicable[$0.id]!.contains(kind) } < order.count { applicable[$0.id]!.contains(other) }
            }
            for kind in scarcest {
                if let endpoint = order.filter({ applicable[$0.id]!.contains(kind) && isFree($0) }).randomElement(using: &random) {
                    assign(kind, to: endpoint)
                }
            }
        }
        for endpoint in order where isFree(endpoint) {
            let kinds = applicable[endpoint.id]!
            guard !kinds.isEmpty else { continue }
            if case .seed = spec, random.unitInterval() < 0.4 { continue }  // some endpoints stay honest
            let fewest = kinds.map { counts[$0, default: 0] }.min() ?? 0
            assign(kinds.filter { counts[$0, default: 0] == fewest }.randomElement(using: &random)!, to: endpoint)
        }
        self.assignments = assignments
        self.wrongStatuses = statuses
    }

    public func mutation(for endpointID: String) -> Mutation? { assignments[endpointID] }

    /// One line per mutated endpoint, sorted: what `serve` prints at startup.
    public var listing: [String] {
        assignments.keys.sorted().map { id in "\(id): \(assignments[id]!.rawValue) — \(assignments[id]!.summary)" }
    }

    /// The kinds a run can see on this endpoint.
    static func applicable(to endpoint: Endpoint, in contracts: ContractSet) -> [Mutation] {
        // The runner signs in through these: breaking them ends the run, not a case.
        if case .builtin(let name)? = endpoint.fake?.kind, ["login", "refresh"].contains(name) { return [] }
        guard let success = endpoint.successResponse else { return [] }
        let flowSteps = contracts.flows.flatMap { $0.steps }
        let reached = endpoint.verifiedBy == nil || flowSteps.contains { $0.call == endpoint.id }
        guard reached else { return [] }
        var kinds: [Mutation] = []
        let isJSON = success.contentType == "application/json"
        if isJSON, let schema = success.schema, let example = success.example {
            for kind in [Mutation.dropRequiredField, .changeType, .changeEnumCase, .bareObject]
            where BodyMutator.apply(kind, to: example, schema: schema) != nil {
                if kind == .bareObject, ![.data, .paginated].contains(success.bodyShape) { continue }
                kinds.append(kind)
            }
            kinds.append(.wrongContentType)
        }
        if success.contentType.hasPrefix("text/event-stream") {
            if endpoint.trigger != nil { kinds.append(.renameEvent) }
        } else {
            kinds.append(.wrongStatus)
            if endpoint.auth.isProtected { kinds.append(.skipAuth) }
        }
        let checkedByARead = flowSteps.contains { $0.verifies == endpoint.id }
        switch endpoint.fake?.kind {
        case .update? where checkedByARead: kinds.append(.ignoreUpdate)
        case .delete? where checkedByARead: kinds.append(.notDelete)
        default: break
        }
        return kinds
    }

    /// Flows with a step (or cleanup) calling the endpoint, or a read checking it.
    static func flows(touching endpointID: String, in contracts: ContractSet) -> Set<String> {
        Set(contracts.flows.filter { flow in
            (flow.steps + flow.cleanup).contains { $0.call == endpointID || $0.verifies == endpointID }
        }.map(\.id))
    }

    static func undocumentedStatus(of endpoint: Endpoint) -> Int {
        [201, 202, 203, 206, 200].first { endpoint.response(for: $0) == nil } ?? 299
    }
}
