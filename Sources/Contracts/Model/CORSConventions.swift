import JSON

/// What `serve` answers a browser from another origin: the request headers it may send (a
/// preflight that names none gets these) and the answer headers its script may read.
public struct CORSConventions: Sendable {
    public var allowHeaders: [String]
    public var exposeHeaders: [String]

    public init(allowHeaders: [String] = ["Authorization", "Content-Type", "Last-Event-ID", "Accept"],
                exposeHeaders: [String] = ["Content-Disposition", "Retry-After", "Allow"]) {
        self.allowHeaders = allowHeaders
        self.exposeHeaders = exposeHeaders
    }
}
