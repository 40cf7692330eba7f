import Contracts
import JSON
import OrderedCollections

/// The conventions services.yaml declares that OpenAPI has no words for — how a request names its
/// tenant, how answers are wrapped — as `x-understudy-conventions` at the document's root, so
/// `openapi import` of an exported document restores them.
enum ConventionsTranslation {
    static func json(_ conventions: Conventions) -> JSONValue {
        var out: OrderedDictionary<String, JSONValue> = [:]
        if let tenancy = conventions.tenancy {
            var members: OrderedDictionary<String, JSONValue> = ["header": .string(tenancy.header)]
            if let query = tenancy.query { members["query"] = .string(query) }
            if let parameter = tenancy.parameter { members["parameter"] = .string(parameter) }
            members["missing"] = .integer(tenancy.missing)
            members["foreign"] = .integer(tenancy.foreign)
            out["tenancy"] = .object(members)
        }
        let envelope = conventions.envelope
        out["envelope"] = [
            "success": envelope.flag.map(JSONValue.string) ?? .null, "data": envelope.data.map(JSONValue.string) ?? .null,
            "pagination": .string(envelope.pagination), "error": .string(envelope.message),
            "code": envelope.code.map(JSONValue.string) ?? .null, "fields": envelope.fields.map(JSONValue.string) ?? .null,
        ]
        let credentials = conventions.credentials
        out["credentials"] = ["header": .string(credentials.header), "scheme": .string(credentials.scheme), "query": .string(credentials.query)]
        return .object(out)
    }
}
