import Contracts
import JSON
import OrderedCollections

/// The document's security schemes as the contracts' credentials: a bearer token (HTTP bearer,
/// OAuth 2, OpenID Connect) or an API key in a header becomes the `credentials` header (tokens the
/// mock mints, `POST /__understudy/token`), an API key in the query `auth: query`. Cookie keys and
/// HTTP basic have no counterpart: those operations are served as public, with a note.
struct SecurityMapping {
    enum Carrier: Equatable {
        case header(name: String, scheme: String)
        case query(name: String)
    }

    /// The credentials header the contracts declare (the first header carrier met).
    private(set) var header: Carrier?
    private(set) var query: String?
    private let schemes: OrderedDictionary<String, JSONValue>
    private let documentSecurity: JSONValue?
    private let notes: ImportNotes

    init(root: JSONValue, sources: OpenAPISources, notes: ImportNotes) {
        self.notes = notes
        var schemes: OrderedDictionary<String, JSONValue> = [:]
        for (name, value) in root["components"]?["securitySchemes"]?.objectValue ?? [:] {
            schemes[name] = sources.resolve(value, at: JSONPointer(tokens: ["components", "securitySchemes", name]), in: sources.root.uri)?.value ?? value
        }
        self.schemes = schemes
        documentSecurity = root["security"]
    }

    /// The auth of an operation (`op.security`, else the document's), noting what cannot be kept.
    mutating func auth(of operation: JSONValue, at pointer: JSONPointer) -> AuthRequirement {
        let requirements = operation["security"] ?? documentSecurity
        let where_ = operation["security"] != nil ? pointer.appending("security") : JSONPointer("/security")
        guard let alternatives = requirements?.arrayValue, !alternatives.isEmpty else { return .none }
        // An empty alternative (`- {}`) makes the credentials optional: the mock takes the request without.
        if alternatives.contains(where: { $0.objectValue?.isEmpty == true }) { return .none }
        for alternative in alternatives {
            let carriers = (alternative.objectValue ?? [:]).keys.map { carrier(for: $0) }
            guard let first = carriers.first, carriers.allSatisfy({ $0 != nil }), let carrier = first else { continue }
            switch carrier {
            case .header:
                if header == nil { header = carrier }
                if header != carrier {
                    notes.warn("this operation takes another credentials header than the first one; the mock reads only \(describe(header!))", at: where_)
                }
                return .tenant
            case .query(let name):
                if query == nil { query = name }
                if query != name { notes.warn("this operation takes its key in another query parameter than '\(query!)'; the mock reads only that one", at: where_) }
                return .query
            }
        }
        let names = alternatives.flatMap { ($0.objectValue ?? [:]).keys }.joined(separator: ", ")
        notes.warn("no security scheme of this operation (\(names)) can be checked by the mock (cookie keys, HTTP basic and mutual TLS cannot); it is served as public", at: where_)
        return .none
    }

    private func carrier(for name: String) -> Carrier? {
        guard let scheme = schemes[name] else { return nil }
        switch scheme["type"]?.stringValue {
        case "http"?:
            return scheme["scheme"]?.stringValue?.lowercased() == "bearer" ? .header(name: "Authorization", scheme: "Bearer") : nil
        case "oauth2"?, "openIdConnect"?:
            return .header(name: "Authorization", scheme: "Bearer")
        case "apiKey"?:
            guard let key = scheme["name"]?.stringValue else { return nil }
            switch scheme["in"]?.stringValue {
            case "header"?: return key.lowercased() == "authorization" ? .header(name: key, scheme: "Bearer") : .header(name: key, scheme: "")
            case "query"?: return .query(name: key)
            default: return nil
            }
        default:
            return nil
        }
    }

    private func describe(_ carrier: Carrier) -> String {
        switch carrier {
        case .header(let name, let scheme): scheme.isEmpty ? name : "\(name): \(scheme)"
        case .query(let name): "?\(name)="
        }
    }

    /// services.yaml's `credentials`, when the API takes any.
    var credentials: JSONValue? {
        var members: OrderedDictionary<String, JSONValue> = [:]
        if case .header(let name, let scheme)? = header {
            members["header"] = .string(name)
            members["scheme"] = .string(scheme)
        }
        if let query { members["query"] = .string(query) }
        return members.isEmpty ? nil : .object(members)
    }
}
