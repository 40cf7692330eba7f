import JSON

/// One change to a tenant's records, as durable state replays it.
public enum RecordChange: Sendable {
    case put(collection: String, id: String, record: JSONValue)
    case remove(collection: String, id: String)
    case replaceCollection(collection: String, records: [(String, JSONValue)])
    case singleton(collection: String, record: JSONValue?)
    case renamed
}
