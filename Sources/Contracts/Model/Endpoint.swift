import JSON
import JSONSchema

/// How a protected endpoint authenticates its caller.
public enum AuthRequirement: String, Sendable, CaseIterable {
    /// Public or pre-login.
    case none
    /// `Authorization: Bearer` + `X-Tenant-Id` matching the token's tenant.
    case tenant
    /// As `tenant`, and the user holds the admin role.
    case admin
    /// Token and tenant as `access_token` and `tenant` query parameters (SSE).
    case query

    public var isProtected: Bool { self != .none }
}

/// One operation of a service, as the contract declares it.
///
/// A reference type: it is built once by the loader, never changed, and handed along every request
/// (route table → fake request → behaviour), where a copy is one retain rather than one per field.
public final class Endpoint: Sendable, Identifiable {
    public let id: String
    public let service: String
    public let summary: String
    public let description: String?
    public let method: HTTPMethod
    public let path: PathTemplate
    public let aliases: [PathTemplate]
    public let auth: AuthRequirement
    public let tags: [String]
    public let decisions: [String]
    public let headers: [Parameter]
    public let query: [Parameter]
    public let body: RequestBody?
    /// By status, in the order the contract lists them.
    public let responses: [Response]
    public let events: [EventDeclaration]
    /// The channel a stream endpoint subscribes to (`goal:{{path.goalId}}`), compiled.
    public let channel: ValueTemplate?
    public let fake: FakeBehaviour?
    /// Safe to replay against production (`verify --read-only`).
    public let safe: Bool
    /// What `verify` is told beyond the example (`verify:`).
    public let hints: VerifyHints
    /// For a stream: what it promises (ids, replay, heartbeat).
    public let stream: StreamPromise?
    public let location: SourceLocation

    public init(
        id: String, service: String, summary: String, description: String?, method: HTTPMethod, path: PathTemplate,
        aliases: [PathTemplate], auth: AuthRequirement, tags: [String], decisions: [String], headers: [Parameter],
        query: [Parameter], body: RequestBody?, responses: [Response], events: [EventDeclaration], channel: ValueTemplate?,
        fake: FakeBehaviour?, safe: Bool, hints: VerifyHints, stream: StreamPromise?, location: SourceLocation
    ) {
        self.id = id
        self.service = service
        self.summary = summary
        self.description = description
        self.method = method
        self.path = path
        self.aliases = aliases
        self.auth = auth
        self.tags = tags
        self.decisions = decisions
        self.headers = headers
        self.query = query
        self.body = body
        self.responses = responses
        self.events = events
        self.channel = channel
        self.fake = fake
        self.safe = safe
        self.hints = hints
        self.stream = stream
        self.location = location
    }

    /// The flow that proves this endpoint's success when its example needs state set up first
    /// (`verify: { via: goalLifecycle }`): `verify` runs no standalone example for it.
    public var verifiedBy: String? { hints.via }
    /// For a stream: the request `verify` sends to make it publish an event (`verify.trigger`).
    public var trigger: StreamTrigger? { hints.trigger }

    /// The first 2xx response: what success looks like.
    public var successResponse: Response? { responses.first { (200..<300).contains($0.status) } }

    public func response(for status: Int) -> Response? { responses.first { $0.status == status } }

    /// Every path the endpoint answers on, the main one first.
    public var allPaths: [PathTemplate] { [path] + aliases }
}

/// The request that makes a stream publish `event`: `verify` opens the stream, sends it, and expects
/// the event. Path values are templates over the stream's own (`{{path.goalId}}`); those not given
/// come from the fixtures, and the body defaults to the called endpoint's example.
public struct StreamTrigger: Sendable {
    public var call: String
    public var path: [String: String]
    public var body: JSONValue?
    public var event: String
}

public enum HTTPMethod: String, Sendable, CaseIterable, Comparable {
    case GET, POST, PUT, PATCH, DELETE

    public var isSafe: Bool { self == .GET }

    public static func < (a: HTTPMethod, b: HTTPMethod) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A query parameter or header the endpoint declares.
public struct Parameter: Sendable {
    public var name: String
    public var required: Bool
    public var schema: Schema?
    /// The schema's `type`, when single, so query strings can be converted before validation.
    public var valueType: String?
    /// The schema's `default`, applied when the parameter is absent.
    public var defaultValue: JSONValue?
    public var description: String?
    public var example: JSONValue?
    public var location: SourceLocation
}

/// The request body an endpoint accepts.
public struct RequestBody: Sendable {
    public var schema: Schema?
    public var example: JSONValue?
    public var required: Bool
    public var contentType: String
    public var location: SourceLocation
}

/// A documented answer of an endpoint for one status.
public struct Response: Sendable {
    /// How the body is declared: the success envelope, the paginated envelope, a whole-body schema, or none.
    public enum BodyShape: String, Sendable { case data, paginated, schema, none }

    public var status: Int
    public var description: String?
    public var bodyShape: BodyShape
    /// The whole body's schema (shorthands already expanded); nil for binary or stream bodies.
    public var schema: Schema?
    /// Named examples; `example` alone is named "default". Full bodies, as on the wire.
    public var examples: [(name: String, value: JSONValue)]
    public var contentType: String
    public var headers: [Parameter]
    public var location: SourceLocation

    public var example: JSONValue? { examples.first?.value }
}

/// An event a stream endpoint can deliver.
public struct EventDeclaration: Sendable {
    public var name: String
    public var schema: Schema?
    public var example: JSONValue?
    public var location: SourceLocation
}
