/// Every kind of change `understudy diff` reports, with its stable code and whether it breaks a
/// client written against the old contracts.
///
/// The rule of thumb is the client's: a request the old contract allowed must still be allowed
/// (requests may only widen), and an answer the new contract allows must be one the old contract
/// allowed (answers may only narrow). A new member in an answer is compatible — clients ignore
/// what they do not read — and so is a new documented error status.
public enum ChangeRule: String, CaseIterable, Sendable {
    case endpointRemoved = "endpoint.removed"
    case endpointAdded = "endpoint.added"
    case pathRemoved = "path.removed"
    case pathAdded = "path.added"
    case prefixChanged = "service.prefix.changed"
    case authTightened = "auth.tightened"
    case authLoosened = "auth.loosened"

    case parameterRequired = "request.parameter.required"
    case parameterAdded = "request.parameter.added"
    case parameterRemoved = "request.parameter.removed"
    case parameterOptional = "request.parameter.optional"
    case bodyRequired = "request.body.required"
    case bodyAdded = "request.body.added"
    case bodyRemoved = "request.body.removed"
    case bodyOptional = "request.body.optional"
    case requestContentType = "request.content-type.changed"
    case requestMemberRequired = "request.member.required"
    case requestMemberAdded = "request.member.added"
    case requestMemberRemoved = "request.member.removed"
    case requestMemberUnlisted = "request.member.unlisted"
    case requestMemberOptional = "request.member.optional"
    case requestNarrowed = "request.narrowed"
    case requestWidened = "request.widened"
    case requestRetyped = "request.retyped"
    case requestClosed = "request.closed"
    case requestOpened = "request.opened"

    case successStatusChanged = "response.status.changed"
    case statusAdded = "response.status.added"
    case statusRemoved = "response.status.removed"
    case responseContentType = "response.content-type.changed"
    case responseBodyRemoved = "response.body.removed"
    case responseBodyAdded = "response.body.added"
    case responseMemberRemoved = "response.member.removed"
    case responseMemberOptional = "response.member.optional"
    case responseMemberAdded = "response.member.added"
    case responseMemberRequired = "response.member.required"
    case responseWidened = "response.widened"
    case responseNarrowed = "response.narrowed"
    case responseRetyped = "response.retyped"
    case responseOpened = "response.opened"
    case responseClosed = "response.closed"
    case responseHeaderRemoved = "response.header.removed"
    case responseHeaderAdded = "response.header.added"

    case eventRemoved = "event.removed"
    case eventAdded = "event.added"
    case streamPromiseDropped = "stream.promise.dropped"
    case streamPromiseAdded = "stream.promise.added"

    public var severity: ChangeSeverity {
        switch self {
        case .endpointRemoved, .pathRemoved, .prefixChanged, .authTightened,
             .parameterRequired, .bodyRequired, .bodyRemoved, .requestContentType,
             .requestMemberRequired, .requestMemberRemoved, .requestNarrowed, .requestRetyped, .requestClosed,
             .successStatusChanged, .responseContentType, .responseBodyRemoved, .responseMemberRemoved,
             .responseMemberOptional, .responseWidened, .responseRetyped, .responseHeaderRemoved,
             .eventRemoved, .streamPromiseDropped:
            .breaking
        case .endpointAdded, .pathAdded, .authLoosened, .parameterAdded, .parameterRemoved, .parameterOptional,
             .bodyAdded, .bodyOptional, .requestMemberAdded, .requestMemberUnlisted, .requestMemberOptional,
             .requestWidened, .requestOpened, .statusAdded, .statusRemoved, .responseBodyAdded,
             .responseMemberAdded, .responseMemberRequired, .responseNarrowed, .responseOpened, .responseClosed,
             .responseHeaderAdded, .eventAdded, .streamPromiseAdded:
            .compatible
        }
    }
}

/// Whether a change breaks clients written against the old contracts.
public enum ChangeSeverity: String, Sendable, Comparable {
    case breaking, compatible

    public static func < (a: ChangeSeverity, b: ChangeSeverity) -> Bool { a == .breaking && b == .compatible }
}
