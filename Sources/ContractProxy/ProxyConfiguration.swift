import Conformance
import MockServer

/// How `understudy proxy` runs: where each service's backend is, and how strictly it stands
/// between the client and the backend.
public struct ProxyConfiguration: Sendable {
    /// The backend base URL of each service (the gateway form includes the prefixes).
    public var backends: Target
    /// An invalid request is answered with the contract's 422 instead of being forwarded.
    public var strict: Bool
    /// CORS is the backend's business: preflights are forwarded and its headers kept.
    public var passCORS: Bool
    /// The CORS `serve` answers with, when `passCORS` is off.
    public var cors: CORSPolicy
    /// How long to wait for a backend connection, and at most between two reads of its answer.
    public var connectTimeout: Duration
    public var readTimeout: Duration
    /// The largest request or answer body taken whole (larger ones are refused 413 / passed unchecked).
    public var maxBodyBytes: Int
    /// Keep the real answers' records for `--record`.
    public var record: Bool
    /// No line per divergence on stdout.
    public var quiet: Bool

    public init(backends: Target, strict: Bool = false, passCORS: Bool = false, cors: CORSPolicy = CORSPolicy(),
                connectTimeout: Duration = .seconds(2), readTimeout: Duration = .seconds(30), maxBodyBytes: Int = 16 << 20,
                record: Bool = false, quiet: Bool = false) {
        self.backends = backends
        self.strict = strict
        self.passCORS = passCORS
        self.cors = cors
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.maxBodyBytes = maxBodyBytes
        self.record = record
        self.quiet = quiet
    }
}
