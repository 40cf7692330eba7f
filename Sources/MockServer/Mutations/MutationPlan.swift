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
    /// Endpoint id → the collection its last path parameter addresses (`leak-tenant`, `found-unknown`).
    let collections: [String: String]

    public init(contracts: ContractSet, spec: Spec) {
        self.spec = spec
        var random = SeededRandom(seed: { if case .seed(let seed) = spec { seed } else { 0 } }())
        var order = contracts.endpoints.sorted { $0.id < $1.id }
        if case .seed = spec { order.shuffle(using: &random) }
        var assignments: [String: Mutation] = [:]
        var statuses: [String: Int] = [:]
        var counts: [Mutation: Int] = [:]
        var takenFlows: Set<String> = []
        var takenResources: Set<String> = []
        var applicable: [String: [Mutation]] = [:]
        let map = ResourceMap(contracts)
        var collections: [String: String] = [:]
        for endpoint in contracts.endpoints {
            if let collection = Self.addressedCollection(endpoint, map: map, contracts: contracts) { collections[endpoint.id] = collection }
        }
        let groups = Self.groups(contracts, map: map)
        for endpoint in order {
            var kinds = Self.applicable(to: endpoint, in: contracts, map: map, addressed: collections[endpoint.id])
            if case .kind(let only) = spec { kinds = kinds.filter { $0 == only } }
            applicable[endpoint.id] = kinds
        }
        // A kind only its own family notices disturbs no flow: it needs its resource to itself, not its flows.
        func flowGroups(_ endpoint: Endpoint) -> Set<String> { (groups[endpoint.id] ?? []).filter { !$0.hasPrefix("resource:") } }
        func resourceGroups(_ endpoint: Endpoint) -> Set<String> { (groups[endpoint.id] ?? []).filter { $0.hasPrefix("resource:") } }
        func assign(_ kind: Mutation, to endpoint: Endpoint) {
            assignments[endpoint.id] = kind
            counts[kind, default: 0] += 1
            takenResources.formUnion(resourceGroups(endpoint))
            if kind.family == nil { takenFlows.formUnion(flowGroups(endpoint)) }
            if kind == .wrongStatus { statuses[endpoint.id] = Self.undocumentedStatus(of: endpoint) }
        }
        func isFree(_ endpoint: Endpoint, for kind: Mutation) -> Bool {
            assignments[endpoint.id] == nil && resourceGroups(endpoint).isDisjoint(with: takenResources)
                && (kind.family != nil || flowGroups(endpoint).isDisjoint(with: takenFlows))
        }
        if case .seed = spec {
            // Every kind once first, the scarcest first, so a seed exercises all kinds that can be placed.
            // Ties in scarcity are broken by the seed, so kinds that compete for the same few endpoints take turns.
            let tieBreak = Dictionary(uniqueKeysWithValues: Mutation.allCases.shuffled(using: &random).enumerated().map { ($1, $0) })
            let scarcity = Dictionary(uniqueKeysWithValues: Mutation.allCases.map { kind in (kind, order.count { applicable[$0.id]!.contains(kind) }) })
            let scarcest = Mutation.allCases.sorted { (scarcity[$0]!, tieBreak[$0]!) < (scarcity[$1]!, tieBreak[$1]!) }
            for kind in scarcest {
                if let endpoint = order.filter({ applicable[$0.id]!.contains(kind) && isFree($0, for: kind) }).randomElement(using: &random) {
                    assign(kind, to: endpoint)
                }
            }
        }
        for endpoint in order {
            let kinds = applicable[endpoint.id]!.filter { isFree(endpoint, for: $0) }
            guard !kinds.isEmpty else { continue }
            if case .seed = spec, random.unitInterval() < 0.4 { continue }  // some endpoints stay honest
            let fewest = kinds.map { counts[$0, default: 0] }.min() ?? 0
            assign(kinds.filter { counts[$0, default: 0] == fewest }.randomElement(using: &random)!, to: endpoint)
        }
        self.assignments = assignments
        self.wrongStatuses = statuses
        self.collections = collections
    }

    public func mutation(for endpointID: String) -> Mutation? { assignments[endpointID] }

    /// One line per mutated endpoint, sorted: what `serve` prints at startup.
    public var listing: [String] {
        assignments.keys.sorted().map { id in "\(id): \(assignments[id]!.rawValue) — \(assignments[id]!.summary)" }
    }

    /// The kinds a run can see on this endpoint — each only where the family that notices it runs.
    static func applicable(to endpoint: Endpoint, in contracts: ContractSet, map: ResourceMap, addressed: String?) -> [Mutation] {
        let sessions = contracts.conventions.sessions
        if endpoint.id == sessions?.refresh?.endpoint { return [.reuseRefresh] }
        if endpoint.id == sessions?.logout?.endpoint { return [.keepSession] }
        // The runner signs in through this: breaking it ends the run, not a case.
        if endpoint.id == sessions?.login?.endpoint { return [] }
        guard let success = endpoint.successResponse else { return [] }
        let flowSteps = contracts.flows.flatMap { $0.steps + $0.cleanup }
        let reached = endpoint.verifiedBy == nil || flowSteps.contains { $0.call == endpoint.id }
        guard reached else { return [] }
        var kinds: [Mutation] = []
        let isJSON = success.contentType == "application/json"
        // An example whose single-use value verify replaces is never answered with success.
        let answered = endpoint.hints.singleUse == nil
        if isJSON, answered, let schema = success.schema, let example = success.example {
            for kind in [Mutation.dropRequiredField, .changeType, .changeEnumCase, .bareObject]
            where BodyMutator.apply(kind, to: example, schema: schema, envelope: contracts.conventions.envelope) != nil {
                if kind == .bareObject, ![.data, .paginated].contains(success.bodyShape) { continue }
                kinds.append(kind)
            }
            kinds.append(.wrongContentType)
        }
        if success.contentType.hasPrefix("text/event-stream") {
            if endpoint.trigger != nil {
                kinds.append(.renameEvent)
                if endpoint.stream?.ids == true { kinds.append(.dropEventIDs) }
                if endpoint.stream?.replay == true { kinds.append(.noReplay) }
            }
        } else {
            if answered { kinds.append(.wrongStatus) }
            if endpoint.auth.isProtected { kinds.append(.skipAuth) }
        }
        let checkedByARead = flowSteps.contains { $0.verifies == endpoint.id }
        let readAfterWrite = flowSteps.contains { $0.call == endpoint.id && $0.verifies != nil }
        switch endpoint.fake?.kind {
        case .update? where checkedByARead: kinds.append(.ignoreUpdate)
        case .delete? where checkedByARead: kinds.append(.notDelete)
        case .transition? where !flowSteps.contains(where: { $0.call == endpoint.id && !(200..<300).contains($0.expectedStatus ?? 200) }):
            if endpoint.fake?.error != nil, map.resource(named: endpoint.fake?.kind.collection ?? "") != nil { kinds.append(.allowTransition) }
        default: break
        }
        if map.resources.contains(where: { $0.read?.id == endpoint.id }) { kinds.append(.leakTenant) }
        if addressed != nil, endpoint.response(for: 404) != nil, !readAfterWrite { kinds.append(.foundUnknown) }
        if contracts.tokenProbes(perService: 1).contains(where: { $0.id == endpoint.id }) { kinds.append(.acceptForged) }
        // Declarative writes only: a builtin may check its input again and still refuse.
        if let body = endpoint.body, let schema = body.schema, let example = body.example, endpoint.response(for: 422) != nil,
           Self.isDeclarativeWrite(endpoint.fake?.kind), BodyMutator.apply(.changeType, to: example, schema: schema, envelope: contracts.conventions.envelope) != nil {
            kinds.append(.skipTypeCheck)
        }
        return kinds
    }

    static func isDeclarativeWrite(_ kind: FakeBehaviour.Kind?) -> Bool {
        switch kind {
        case .create?, .update?: true
        default: false
        }
    }

    /// The collection the endpoint's last path parameter addresses, as `verify`'s not-found cases pick it.
    static func addressedCollection(_ endpoint: Endpoint, map: ResourceMap, contracts: ContractSet) -> String? {
        var previous: String?
        var found: String?
        for segment in endpoint.path.segments {
            switch segment {
            case .literal(let text): previous = text
            case .parameter(let name, _, _):
                let collection = map.owner(of: name, in: endpoint)?.name
                    ?? map.collectionName(for: name, after: previous)
                found = collection.flatMap { contracts.collections[$0]?.singleton == false ? $0 : nil }
            }
        }
        return found
    }

    /// What a mutation on an endpoint can disturb: the flows that call it, and the resource whose
    /// records verify's own cases make with it. One mutated endpoint per group, so each is seen alone.
    static func groups(_ contracts: ContractSet, map: ResourceMap) -> [String: Set<String>] {
        var groups: [String: Set<String>] = [:]
        for endpoint in contracts.endpoints { groups[endpoint.id] = flows(touching: endpoint.id, in: contracts) }
        for resource in map.resources {
            for endpoint in [resource.create, resource.read, resource.delete, resource.list].compactMap({ $0 }) + resource.updates {
                groups[endpoint.id, default: []].insert("resource:\(resource.name)")
            }
        }
        return groups
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
