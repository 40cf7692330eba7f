import Contracts
import JSON
import OrderedCollections

/// The API's credentials as `components.securitySchemes` and per-operation `security`: the bearer
/// (or other header) scheme, and the query token `auth: query` endpoints take.
struct SecurityTranslation {
    let conventions: Conventions

    static let headerScheme = "bearerAuth"
    static let queryScheme = "queryToken"

    /// The schemes `endpoints` use, by name.
    func schemes(for endpoints: [Endpoint]) -> OrderedDictionary<String, JSONValue> {
        var schemes: OrderedDictionary<String, JSONValue> = [:]
        let credentials = conventions.credentials
        if endpoints.contains(where: { $0.auth == .tenant || $0.auth == .admin }) {
            if credentials.headerKey == "authorization", !credentials.scheme.isEmpty {
                schemes[Self.headerScheme] = ["type": "http", "scheme": .string(credentials.scheme.lowercased()), "bearerFormat": "JWT"]
            } else {
                schemes[Self.headerScheme] = ["type": "apiKey", "in": "header", "name": .string(credentials.header)]
            }
        }
        if endpoints.contains(where: { $0.auth == .query }) {
            schemes[Self.queryScheme] = ["type": "apiKey", "in": "query", "name": .string(credentials.query),
                                         "description": "The access token in the query, for clients that cannot send headers (EventSource)."]
        }
        return schemes
    }

    /// `[{bearerAuth: []}]` for a protected endpoint; nil for a public one.
    func requirement(for auth: AuthRequirement) -> JSONValue? {
        switch auth {
        case .none: nil
        case .tenant, .admin: [[Self.headerScheme: []]]
        case .query: [[Self.queryScheme: []]]
        }
    }
}
