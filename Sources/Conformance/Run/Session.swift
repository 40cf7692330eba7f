import Contracts
import Foundation
import JSON
import Synchronization

/// The runner's signed-in state: tokens, tenant, user; refreshed once on a 401, as the frontend does.
public actor Session {
    public private(set) var accessToken: String?
    public private(set) var refreshToken: String?
    public private(set) var tenantID: String?
    public private(set) var userID: String?
    /// Every secret seen (password, tokens), for redaction.
    public let book: SecretBook
    public var secrets: Set<String> { book.all }
    /// Where a login or refresh answer holds the tokens (`services.yaml` sessions).
    let pointers: AnswerPointers
    /// The refresh call under way, if any.
    var inFlightBox: Task<JSONValue?, Never>?

    /// Where the tokens, tenant and user are in a login answer.
    public struct AnswerPointers: Sendable {
        /// Nil: the contracts declare no sessions, and no answer is taken for a login.
        public var access: JSONPointer?
        public var refresh: JSONPointer?
        public var tenant: JSONPointer?
        public var user: JSONPointer?

        public init(_ conventions: SessionConventions?) {
            access = conventions?.access
            refresh = conventions?.refreshToken
            tenant = conventions?.tenant
            user = conventions?.user
        }
    }

    public init(credentials: Credentials, book: SecretBook = SecretBook(), pointers: AnswerPointers = .init(nil)) {
        self.book = book
        self.pointers = pointers
        if case .token(let token, let tenant) = credentials {
            accessToken = token
            tenantID = tenant
            userID = Self.subject(of: token)
            book.insert(token)
        }
        if let password = credentials.password { book.insert(password) }
    }

    /// Takes the tokens from a login or refresh answer, where the conventions say they are.
    public func adopt(_ body: JSONValue) {
        if let pointer = pointers.access, let access = body.value(at: pointer)?.stringValue {
            accessToken = access
            book.insert(access)
            userID = pointers.user.flatMap { body.value(at: $0)?.stringValue } ?? Self.subject(of: access) ?? userID
        }
        if let pointer = pointers.refresh, let refresh = body.value(at: pointer)?.stringValue {
            refreshToken = refresh
            book.insert(refresh)
        }
        if let pointer = pointers.tenant, let tenant = body.value(at: pointer)?.stringValue { tenantID = tenant }
    }

    /// Whether an answer carries an access token where the conventions say.
    nonisolated func hasAccess(_ body: JSONValue) -> Bool { pointers.access.map { body.value(at: $0) != nil } ?? false }

    /// Remembers a token a flow captured, so reports redact it too.
    public func noteSecret(_ value: String) { book.insert(value) }

    /// The `sub` claim of a JWT, without checking its signature.
    static func subject(of token: String) -> String? {
        UnverifiedClaims.of(token)?["sub"]?.stringValue
    }
}

extension Session {
    /// Refreshes once for everyone who saw `stale` fail: concurrent 401s share one refresh call.
    /// Answers whether a fresh token is available.
    public func refresh(stale: String?, using call: @escaping @Sendable (String) async -> JSONValue?) async -> Bool {
        if accessToken != stale, accessToken != nil { return true }
        if let inFlightBox { return await inFlightBox.value.map(hasAccess) ?? false }
        guard let refreshToken else { return false }
        let task = Task { await call(refreshToken) }
        inFlightBox = task
        let body = await task.value
        inFlightBox = nil
        guard let body, hasAccess(body) else { return false }
        adopt(body)
        return true
    }
}
