import Contracts
import Hummingbird

/// Stage 1 of a request's way — routed: the endpoint its method and path reached, the path
/// parameters, and the query and headers parsed once for the stages after it.
struct RoutedRequest: Sendable {
    let endpoint: Endpoint
    let parameters: [String: String]
    /// The contract path template that matched (an alias's, when an alias did).
    let template: PathTemplate
    /// The path within its service (after the mount prefix).
    let relativePath: Substring
    let query: [(String, String)]
    /// Keyed by lowercased name; the first of repeated headers wins.
    let headers: [String: String]

    init(endpoint: Endpoint, parameters: [String: String], template: PathTemplate, relativePath: Substring, request: Request) {
        self.endpoint = endpoint
        self.parameters = parameters
        self.template = template
        self.relativePath = relativePath
        query = QueryString.parse(request.uri.query.map { Substring($0) })
        headers = Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
