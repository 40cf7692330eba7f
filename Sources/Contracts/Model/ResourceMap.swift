/// The records the contracts let a client create, and the endpoints that address them — derived
/// from `create:` fakes and path shapes, never from names of an API.
///
/// A resource is a collection with a create endpoint (`POST /goals`, `fake: { create: goals }`); its
/// record path is the create path plus one parameter (`/goals/{id}`); the endpoints on that path
/// (GET, PUT/PATCH, DELETE) read, update and delete a record; a GET on the create path lists them.
/// Both `verify` (to work on records it made itself) and `serve --mutate` use the same map.
///
/// ```swift
/// let map = ResourceMap(contracts)
/// map.resource(named: "goals")?.delete?.id   // "deleteGoal"
/// map.owner(of: "goalId", in: getStrategy.path) // the goals resource
/// ```
public struct ResourceMap: Sendable {
    public struct Resource: Sendable {
        public var collection: ResourceCollection
        public var create: Endpoint
        /// The record path's shape (`/goals/{}`), to recognise paths that address a record.
        public var recordShape: [String]
        public var read: Endpoint?
        public var updates: [Endpoint]
        public var delete: Endpoint?
        public var list: Endpoint?
        /// The create path's parameters, each owned by a parent resource (`{goalId}` of `/goals/{goalId}/strategies`).
        public var parents: [(parameter: String, resource: String)]

        public var name: String { collection.name }
        /// Where a create answer holds the new record's id.
        public var idPointer: String { "/data/\(collection.idField)" }
    }

    public let resources: [Resource]
    /// Every collection, for resolving path parameters.
    public let collections: [String: ResourceCollection]

    public init(_ contracts: ContractSet) {
        collections = contracts.collections
        let creates = contracts.endpoints.filter { endpoint in
            if case .create(let name)? = endpoint.fake?.kind, endpoint.method == .POST,
               let collection = contracts.collections[name], !collection.singleton, !collection.global { return true }
            return false
        }.sorted { $0.id < $1.id }
        var found: [Resource] = []
        for create in creates {
            guard case .create(let name)? = create.fake?.kind, let collection = contracts.collections[name],
                  !found.contains(where: { $0.name == name }) else { continue }
            let base = Self.shape(create.path.segments)
            let onRecord = contracts.endpoints.filter { endpoint in
                guard endpoint.service == create.service else { return false }
                let shape = Self.shape(endpoint.path.segments)
                guard shape.count == base.count + 1, Array(shape.prefix(base.count)) == base, shape.last == "{}" else { return false }
                return true
            }
            let list = contracts.endpoints.first { $0.service == create.service && $0.method == .GET && Self.shape($0.path.segments) == base }
            found.append(Resource(
                collection: collection, create: create, recordShape: base + ["{}"],
                read: onRecord.first { $0.method == .GET }, updates: onRecord.filter { $0.method == .PUT || $0.method == .PATCH },
                delete: onRecord.first { $0.method == .DELETE }, list: list, parents: []))
        }
        // Parents: each parameter of a create path whose prefix is another resource's record path.
        for index in found.indices {
            var parents: [(String, String)] = []
            let segments = found[index].create.path.segments
            for (position, segment) in segments.enumerated() {
                guard case .parameter(let parameter, _, _) = segment else { continue }
                let prefix = Self.shape(Array(segments.prefix(position + 1)), address: true)
                if let parent = found.first(where: { $0.recordShape == prefix && $0.create.service == found[index].create.service }) {
                    parents.append((parameter, parent.name))
                }
            }
            found[index].parents = parents
        }
        resources = found
    }

    public func resource(named name: String) -> Resource? { resources.first { $0.name == name } }

    /// The resource whose record the parameter addresses in `endpoint`'s path: by shape (the path up
    /// to the parameter is a record path), else by name (`{actionId}` → `actions`, `{id}` after
    /// `goals` → `goals`).
    public func owner(of parameter: String, in endpoint: Endpoint) -> Resource? {
        let segments = endpoint.path.segments
        guard let position = segments.firstIndex(where: { if case .parameter(parameter, _, _) = $0 { true } else { false } }) else { return nil }
        let prefix = Self.shape(Array(segments.prefix(position + 1)), address: true)
        if let byShape = resources.first(where: { $0.recordShape == prefix && $0.create.service == endpoint.service }) { return byShape }
        let previous: String? = position > 0 ? { if case .literal(let text) = segments[position - 1] { text } else { nil } }() : nil
        // By convention only: a record the runner makes itself is one whose path names it plainly;
        // a declared alias (`parameters: [sharedKpiId]`) addresses the record, but through another view of it.
        guard let collection = Self.collectionName(for: parameter, after: previous) else { return nil }
        return resources.first { $0.name == collection }
    }

    /// The collection a path parameter addresses: one that declares it (`parameters: [typeId]`), else
    /// by convention (`collectionName(for:after:)`) when that collection exists.
    public func collectionName(for parameter: String, after literal: String?) -> String? {
        if let declared = collections.values.first(where: { $0.parameters.contains(parameter) }) { return declared.name }
        return Self.collectionName(for: parameter, after: literal).flatMap { collections[$0] == nil ? nil : $0 }
    }

    /// The collection a parameter name implies by convention: `{goalId}` → `goals`, `{id}` after `goals` → `goals`.
    public static func collectionName(for parameter: String, after literal: String?) -> String? {
        if parameter == "id" { return literal }
        guard parameter.hasSuffix("Id"), parameter.count > 2 else { return nil }
        let word = String(parameter.dropLast(2))
        return word.hasSuffix("y") ? word.dropLast() + "ies" : word + "s"
    }

    /// The segments with parameter names erased (`/goals/{}:activate`); with `address`, the last
    /// one's custom-method suffix dropped too (`/goals/{id}:activate` addresses the record `/goals/{}`).
    static func shape(_ segments: [PathTemplate.Segment], address: Bool = false) -> [String] {
        segments.enumerated().map { index, segment in
            switch segment {
            case .literal(let text): text
            case .parameter(_, let prefix, let suffix): prefix + "{}" + (address && index == segments.count - 1 ? "" : suffix)
            }
        }
    }
}
