import Contracts
import JSON

/// The changes between two versions of one endpoint: auth, parameters, body, answers, events.
struct EndpointComparison {
    let old: ContractVersion
    let new: ContractVersion
    let before: Endpoint
    let after: Endpoint
    private(set) var changes: [ContractChange] = []
    private var schemas: SchemaComparison

    init(old: ContractVersion, new: ContractVersion, before: Endpoint, after: Endpoint) {
        self.old = old
        self.new = new
        self.before = before
        self.after = after
        schemas = SchemaComparison(old: old.contracts.sources, new: new.contracts.sources)
    }

    mutating func run() -> [ContractChange] {
        compareAuth()
        compareParameters(before.query, after.query, kind: "query parameter", caseSensitive: true)
        compareParameters(before.headers, after.headers, kind: "header", caseSensitive: false)
        comparePathParameters()
        compareBody()
        compareResponses()
        compareEvents()
        compareStream()
        return changes
    }

    private mutating func add(_ rule: ChangeRule, _ message: String, at location: SourceLocation?) {
        changes.append(ContractChange(
            rule: rule, service: after.service, route: "\(after.method.rawValue) \(after.path.template)", endpoint: after.id,
            message: message, location: location))
    }

    private static func rank(_ auth: AuthRequirement) -> Int {
        switch auth {
        case .none: 0
        case .tenant, .query: 1
        case .admin: 2
        }
    }

    private mutating func compareAuth() {
        guard before.auth != after.auth else { return }
        let sameRank = Self.rank(after.auth) == Self.rank(before.auth)
        let tighter = sameRank || Self.rank(after.auth) > Self.rank(before.auth)
        let how = sameRank ? " (the credentials travel differently)" : ""
        add(tighter ? .authTightened : .authLoosened, "auth \(before.auth.rawValue) → \(after.auth.rawValue)\(how)", at: new.shown(after.location))
    }

    private mutating func compareParameters(_ listA: [Parameter], _ listB: [Parameter], kind: String, caseSensitive: Bool) {
        let same = { (a: String, b: String) in caseSensitive ? a == b : a.lowercased() == b.lowercased() }
        for a in listA {
            guard let b = listB.first(where: { same($0.name, a.name) }) else {
                add(.parameterRemoved, "\(kind) `\(a.name)` removed", at: old.shown(a.location))
                continue
            }
            if !a.required, b.required { add(.parameterRequired, "\(kind) `\(b.name)` is now required", at: new.shown(b.location)) }
            if a.required, !b.required { add(.parameterOptional, "\(kind) `\(b.name)` is no longer required", at: new.shown(b.location)) }
            compareSchemas(a.schemaSource, b.schemaSource, place: "\(kind) `\(b.name)`", side: .request, owners: (a.location, b.location))
        }
        for b in listB where !listA.contains(where: { same($0.name, b.name) }) {
            add(b.required ? .parameterRequired : .parameterAdded, "\(kind) `\(b.name)` added\(b.required ? ", required" : "")", at: new.shown(b.location))
        }
    }

    /// Path parameters pair by position: a renamed `{id}` is the same value in the URL.
    private mutating func comparePathParameters() {
        for (nameA, nameB) in zip(before.path.parameterNames, after.path.parameterNames) {
            guard let a = before.pathParameters.first(where: { $0.name == nameA }),
                let b = after.pathParameters.first(where: { $0.name == nameB })
            else { continue }
            compareSchemas(a.schemaSource, b.schemaSource, place: "path parameter `\(nameB)`", side: .request, owners: (a.location, b.location))
        }
    }

    private mutating func compareBody() {
        switch (before.body, after.body) {
        case (nil, nil): return
        case (nil, let b?):
            add(b.required ? .bodyRequired : .bodyAdded, b.required ? "a request body is now required" : "an optional request body was added", at: new.shown(b.location))
        case (let a?, nil):
            add(.bodyRemoved, "the request body is no longer part of the contract", at: old.shown(a.location))
        case (let a?, let b?):
            if !a.required, b.required { add(.bodyRequired, "the request body is now required", at: new.shown(b.location)) }
            if a.required, !b.required { add(.bodyOptional, "the request body is no longer required", at: new.shown(b.location)) }
            if a.contentType != b.contentType {
                add(.requestContentType, "body content type \(a.contentType) → \(b.contentType)", at: new.shown(b.location))
            }
            compareSchemas(a.schemaSource, b.schemaSource, place: "body", side: .request, owners: (a.location, b.location))
        }
    }

    private mutating func compareResponses() {
        let successA = before.successResponse
        let successB = after.successResponse
        if let a = successA, let b = successB, a.status != b.status {
            add(.successStatusChanged, "success answers \(b.status) instead of \(a.status)", at: new.shown(b.location))
            compareResponse(a, b)
        } else if let a = successA, successB == nil {
            add(.successStatusChanged, "no success status any more (was \(a.status))", at: new.shown(after.location))
        }
        let paired = successA.flatMap { a in successB.map { [a.status, $0.status] } } ?? []
        for a in before.responses {
            if let b = after.response(for: a.status) {
                compareResponse(a, b)
            } else if !paired.contains(a.status) {
                add(.statusRemoved, "\(a.status) is no longer documented", at: old.shown(a.location))
            }
        }
        for b in after.responses where before.response(for: b.status) == nil && !paired.contains(b.status) {
            add(.statusAdded, "\(b.status) answer added", at: new.shown(b.location))
        }
    }

    private mutating func compareResponse(_ a: Response, _ b: Response) {
        let place = a.status == b.status ? "\(b.status) answer" : "success answer"
        if a.contentType != b.contentType {
            add(.responseContentType, "\(place) content type \(a.contentType) → \(b.contentType)", at: new.shown(b.location))
        }
        for header in a.headers where !b.headers.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
            add(.responseHeaderRemoved, "\(place) header `\(header.name)` removed", at: old.shown(header.location))
        }
        for header in b.headers where !a.headers.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
            add(.responseHeaderAdded, "\(place) header `\(header.name)` added", at: new.shown(header.location))
        }
        switch (a.schemaSource, b.schemaSource) {
        case (.some, nil) where b.bodyShape == .none:
            add(.responseBodyRemoved, "\(place) no longer has a body", at: new.shown(b.location))
        case (nil, .some) where a.bodyShape == .none:
            add(.responseBodyAdded, "\(place) now has a body", at: new.shown(b.location))
        default:
            compareSchemas(a.schemaSource, b.schemaSource, place: place, side: .response, owners: (a.location, b.location))
        }
    }

    private mutating func compareEvents() {
        for a in before.events {
            guard let b = after.events.first(where: { $0.name == a.name }) else {
                add(.eventRemoved, "event `\(a.name)` is no longer sent", at: old.shown(a.location))
                continue
            }
            compareSchemas(a.schemaSource, b.schemaSource, place: "event `\(b.name)`", side: .response, owners: (a.location, b.location))
        }
        for b in after.events where !before.events.contains(where: { $0.name == b.name }) {
            add(.eventAdded, "event `\(b.name)` added", at: new.shown(b.location))
        }
    }

    private mutating func compareStream() {
        let at = new.shown(after.location)
        switch (before.stream, after.stream) {
        case (let a?, let b?):
            if a.ids, !b.ids { add(.streamPromiseDropped, "events no longer promise ids", at: at) }
            if !a.ids, b.ids { add(.streamPromiseAdded, "events now promise ids", at: at) }
            if a.replay, !b.replay { add(.streamPromiseDropped, "reconnects with Last-Event-ID are no longer replayed", at: at) }
            if !a.replay, b.replay { add(.streamPromiseAdded, "reconnects with Last-Event-ID are now replayed", at: at) }
            switch (a.heartbeat, b.heartbeat) {
            case (let x?, nil): add(.streamPromiseDropped, "no heartbeat promised any more (was every \(x) s)", at: at)
            case (nil, let y?): add(.streamPromiseAdded, "a heartbeat every \(y) s is now promised", at: at)
            case (let x?, let y?) where y > x: add(.streamPromiseDropped, "heartbeat every \(y) s at most (was \(x) s)", at: at)
            case (let x?, let y?) where y < x: add(.streamPromiseAdded, "heartbeat every \(y) s at most (was \(x) s)", at: at)
            default: break
            }
        case (.some, nil): add(.streamPromiseDropped, "the stream promises nothing any more (ids, replay, heartbeat)", at: at)
        case (nil, .some): add(.streamPromiseAdded, "the stream now promises ids, replay or a heartbeat", at: at)
        case (nil, nil): break
        }
    }

    enum Side { case request, response }

    private mutating func compareSchemas(_ a: SchemaSource?, _ b: SchemaSource?, place: String, side: Side, owners: (SourceLocation, SourceLocation)) {
        guard let a, let b else { return }
        for delta in schemas.compare(SchemaNode(a), SchemaNode(b)) {
            let version = delta.inOld ? old : new
            let location = version.location(of: delta.node) ?? version.shown(delta.inOld ? owners.0 : owners.1)
            let subject = delta.member.isEmpty ? place : "\(place) member `\(delta.member)`"
            let isMember: Bool
            switch delta.kind {
            case .memberAdded, .memberRemoved, .memberRequired, .memberOptional: isMember = true
            default: isMember = false
            }
            add(Self.rule(delta.kind, side), isMember ? "\(subject) \(delta.detail)" : "\(subject): \(delta.detail)", at: location)
        }
    }

    static func rule(_ kind: SchemaDelta.Kind, _ side: Side) -> ChangeRule {
        switch (kind, side) {
        case (.narrowed, .request): .requestNarrowed
        case (.widened, .request): .requestWidened
        case (.retyped, .request): .requestRetyped
        case (.memberAdded(let required), .request): required ? .requestMemberRequired : .requestMemberAdded
        case (.memberRemoved(let closed), .request): closed ? .requestMemberRemoved : .requestMemberUnlisted
        case (.memberRequired, .request): .requestMemberRequired
        case (.memberOptional, .request): .requestMemberOptional
        case (.closed, .request): .requestClosed
        case (.opened, .request): .requestOpened
        case (.narrowed, .response): .responseNarrowed
        case (.widened, .response): .responseWidened
        case (.retyped, .response): .responseRetyped
        case (.memberAdded, .response): .responseMemberAdded
        case (.memberRemoved, .response): .responseMemberRemoved
        case (.memberRequired, .response): .responseMemberRequired
        case (.memberOptional, .response): .responseMemberOptional
        case (.closed, .response): .responseClosed
        case (.opened, .response): .responseOpened
        }
    }
}
