import JSON
import OrderedCollections
import Synchronization

/// One tenant's records by collection: what fixtures seed and fake behaviours read and write.
///
/// Records keep their insertion order, so lists answer in the order data was created.
public struct TenantState: Sendable {
    public let id: String
    public var name: String { didSet { journal.append(.renamed); revision = Self.nextRevision() } }
    /// Renewed by every change, unique across all tenants and resets: an answer computed from this
    /// tenant stays valid while its revision holds.
    public private(set) var revision = TenantState.nextRevision()
    private static let revisions = Atomic<Int>(0)
    static func nextRevision() -> Int { revisions.add(1, ordering: .relaxed).newValue }
    private var records: [String: OrderedDictionary<String, JSONValue>] = [:]
    private var singletons: [String: JSONValue] = [:]
    /// What changed since the last drain, for durable state; empty and unused without `--state`.
    var journal: [RecordChange] = []

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// Every record of a collection, in insertion order.
    public func all(_ collection: String) -> [JSONValue] {
        records[collection].map { Array($0.values) } ?? []
    }

    public func record(_ collection: String, id: String) -> JSONValue? { records[collection]?[id] }

    public func count(_ collection: String) -> Int { records[collection]?.count ?? 0 }

    /// Inserts or replaces a record; a new id goes last.
    public mutating func put(_ collection: String, id: String, _ record: JSONValue) {
        records[collection, default: [:]][id] = record
        journal.append(.put(collection: collection, id: id, record: record))
        revision = Self.nextRevision()
    }

    @discardableResult
    public mutating func remove(_ collection: String, id: String) -> JSONValue? {
        guard let removed = records[collection]?.removeValue(forKey: id) else { return nil }
        journal.append(.remove(collection: collection, id: id))
        revision = Self.nextRevision()
        return removed
    }

    /// Replaces a whole collection (reorders, merges).
    public mutating func replaceAll(_ collection: String, with items: [(id: String, record: JSONValue)]) {
        records[collection] = OrderedDictionary(items.map { ($0.id, $0.record) }, uniquingKeysWith: { _, last in last })
        journal.append(.replaceCollection(collection: collection, records: items.map { ($0.id, $0.record) }))
        revision = Self.nextRevision()
    }

    public func singleton(_ collection: String) -> JSONValue? { singletons[collection] }

    public mutating func setSingleton(_ collection: String, _ record: JSONValue?) {
        singletons[collection] = record
        journal.append(.singleton(collection: collection, record: record))
        revision = Self.nextRevision()
    }

    /// The records of every collection in order, singletons apart (durable snapshots).
    public var contents: (records: [String: [(id: String, record: JSONValue)]], singletons: [String: JSONValue]) {
        (records.mapValues { $0.map { ($0.key, $0.value) } }, singletons)
    }

    /// Collection names holding records, for the admin state dump.
    public var collectionNames: [String] { Array(Set(records.keys).union(singletons.keys)).sorted() }

    /// The tenant as one JSON document (admin API, durable state).
    public var snapshot: JSONValue {
        var data: OrderedDictionary<String, JSONValue> = [:]
        for name in collectionNames {
            data[name] = singletons[name] ?? .array(all(name))
        }
        return ["id": .string(id), "name": .string(name), "data": .object(data)]
    }
}
