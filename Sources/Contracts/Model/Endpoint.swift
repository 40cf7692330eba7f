import JSON
import JSONSchema

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
    /// What the path's parameters hold (`pathParameters:`): schema, description, example. Optional;
    /// `verify` takes the example where no fixture record names a value.
    public let pathParameters: [Parameter]
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
        fake: FakeBehaviour?, safe: Bool, hints: VerifyHints, stream: StreamPromise?, location: SourceLocation,
        pathParameters: [Parameter] = []
    ) {
        self.pathParameters = pathParameters
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
