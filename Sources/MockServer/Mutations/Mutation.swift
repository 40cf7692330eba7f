/// A way `serve --mutate` breaks one endpoint's contract on purpose, so a conformance run can be
/// shown to notice: each kind names what `verify` must report, and where.
public enum Mutation: String, Sendable, CaseIterable, Codable {
    /// A required member of the success body is left out.
    case dropRequiredField = "drop-required-field"
    /// A member of the success body changes type (a string becomes a number, …).
    case changeType = "change-type"
    /// An enum value of the success body changes case (`active` → `ACTIVE`).
    case changeEnumCase = "change-enum-case"
    /// Success is answered with a status the contract does not document.
    case wrongStatus = "wrong-status"
    /// A request without credentials is answered as if it had them.
    case skipAuth = "skip-auth"
    /// The data of the declared success envelope (`{success, data}`) is answered bare.
    case bareObject = "bare-object"
    /// An update answers success but does not persist (a later read shows the old record).
    case ignoreUpdate = "ignore-update"
    /// A delete answers success but the record stays.
    case notDelete = "not-delete"
    /// A JSON body is labelled `text/plain`.
    case wrongContentType = "wrong-content-type"
    /// A stream's events go out under another name.
    case renameEvent = "rename-event"
    /// A record of another tenant is answered where this tenant's lookup found nothing (isolation).
    case leakTenant = "leak-tenant"
    /// An id that exists in no tenant is answered 200 with the documented example (not found).
    case foundUnknown = "found-unknown"
    /// A transition the contract forbids is carried out (lifecycle).
    case allowTransition = "allow-transition"
    /// A used refresh token can be exchanged again (token rotation).
    case reuseRefresh = "reuse-refresh"
    /// Logout answers success and revokes nothing.
    case keepSession = "keep-session"
    /// A token with a broken signature, `alg: none` or past its expiry is accepted.
    case acceptForged = "accept-forged"
    /// A stream's events go out without `id:`.
    case dropEventIDs = "drop-event-ids"
    /// A stream ignores `Last-Event-ID`: nothing missed is replayed.
    case noReplay = "no-replay"
    /// The request body's types are not checked (a string where an integer is documented passes).
    case skipTypeCheck = "skip-type-check"

    /// The family of `verify` cases that notices it, for kinds only one family can see (nil: any
    /// case that reads the broken answer does).
    public var family: String? {
        switch self {
        case .leakTenant: "isolation"
        case .foundUnknown: "not-found"
        case .allowTransition: "lifecycle"
        case .reuseRefresh, .keepSession, .acceptForged: "token"
        case .dropEventIDs, .noReplay: "stream"
        case .skipTypeCheck: "validation"
        default: nil
        }
    }

    /// What the mutation does, for the startup listing.
    public var summary: String {
        switch self {
        case .dropRequiredField: "leaves a required field out of the success body"
        case .changeType: "changes the type of a field of the success body"
        case .changeEnumCase: "changes the case of an enum value of the success body"
        case .wrongStatus: "answers success with an undocumented status"
        case .skipAuth: "answers requests without credentials"
        case .bareObject: "answers the data without its envelope"
        case .ignoreUpdate: "answers updates without persisting them"
        case .notDelete: "answers deletes without deleting"
        case .wrongContentType: "labels JSON bodies text/plain"
        case .renameEvent: "sends the stream's events under another name"
        case .leakTenant: "answers another tenant's record where this tenant has none"
        case .foundUnknown: "answers 200 for an id that exists nowhere"
        case .allowTransition: "carries out transitions the contract forbids"
        case .reuseRefresh: "lets a used refresh token be exchanged again"
        case .keepSession: "answers logout without revoking anything"
        case .acceptForged: "accepts tokens with a broken signature, alg none or past expiry"
        case .dropEventIDs: "sends the stream's events without id:"
        case .noReplay: "ignores Last-Event-ID: nothing missed is replayed"
        case .skipTypeCheck: "does not check the types of request bodies"
        }
    }
}
