import JSON

extension ContractLoader {
    static let fakeKinds = ["list", "get", "create", "update", "delete", "transition", "merge", "respond", "builtin", "view", "write", "stream"]
    static let fakeOptions = [
        "id", "parent", "filter", "defaults", "set", "field", "from", "to", "error", "status", "body", "emit", "options", "match",
    ]

    func parseFake(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument, endpointID: String, responses: [Response]) -> FakeBehaviour? {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "fake", allowed: Self.fakeKinds + Self.fakeOptions, diagnostics: diagnostics)
        else { return nil }
        let kinds = Self.fakeKinds.filter(reader.has)
        guard kinds.count == 1, let kindKey = kinds.first else {
            reader.error(kinds.isEmpty
                ? "fake needs one behaviour: \(Self.fakeKinds.joined(separator: ", "))"
                : "fake has more than one behaviour: \(kinds.joined(separator: ", "))")
            return nil
        }
        let kind: FakeBehaviour.Kind
        var view: FakeView?
        var write: FakeWrite?
        var stream: FakeStream?
        switch kindKey {
        case "stream":
            stream = reader.value("stream").flatMap { parseStreamFake($0, at: reader.pointer("stream"), in: document, endpointID: endpointID) }
            guard stream != nil else { return nil }
            kind = .stream
        case "write":
            write = reader.value("write").flatMap { parseWrite($0, at: reader.pointer("write"), in: document, endpointID: endpointID) }
            guard write != nil else { return nil }
            kind = .write
        case "view":
            view = reader.value("view").flatMap { parseView($0, at: reader.pointer("view"), in: document, endpointID: endpointID) }
            guard let view else { return nil }
            kind = .view(from: view.from)
        case "respond":
            guard let status = reader.integer("respond") else { return nil }
            // A response that declares no body (a 204, a bare 202) is answered empty.
            if !responses.contains(where: { $0.status == status && ($0.example != nil || $0.bodyShape == .none) }) {
                reader.error("respond: \(status) needs a \(status) response with an example", at: "respond")
            }
            kind = .respond(status: status)
        case "builtin":
            guard let name = reader.string("builtin") else { return nil }
            if let builtins, builtins.description(of: name) == nil {
                let message = EditDistance.message("unknown builtin '\(name)'", for: name, among: builtins.names)
                reader.error(message, at: "builtin")
            }
            kind = .builtin(name: name)
        default:
            guard let collection = reader.string(kindKey) else { return nil }
            deferredChecks.append { [unowned self] in
                guard let declared = collections[collection] else {
                    reader.error(unknownCollectionMessage(collection), at: kindKey)
                    return
                }
                // Without a caller there is no tenant to keep the record in.
                if !declared.global, endpoints.first(where: { $0.id == endpointID })?.auth == AuthRequirement.none {
                    reader.error("'\(endpointID)' has auth none, so its fake can only use a global collection; '\(collection)' is per tenant", at: kindKey)
                }
            }
            kind = switch kindKey {
            case "list": .list(collection: collection)
            case "get": .get(collection: collection)
            case "create": .create(collection: collection)
            case "update": .update(collection: collection)
            case "delete": .delete(collection: collection)
            case "transition": .transition(collection: collection)
            default: .merge(collection: collection)
            }
        }
        if case .transition = kind {
            if !reader.has("to") { reader.error("a transition needs 'to'") }
            if !reader.has("field") { reader.error("a transition needs 'field'") }
        }
        var parentCollection: String?
        if let value = reader.value("parent"),
            let parentReader = ObjectReader(value, at: reader.pointer("parent"), in: document, what: "parent", allowed: ["collection", "id"], diagnostics: diagnostics),
            let collection = parentReader.string("collection", required: true), parentReader.string("id", required: true) != nil
        {
            parentCollection = collection
            deferredChecks.append { [unowned self] in
                if collections[collection] == nil { parentReader.error(unknownCollectionMessage(collection), at: "collection") }
            }
        }
        var refusal: FakeBehaviour.Refusal?
        if let value = reader.value("error"),
            let errorReader = ObjectReader(value, at: reader.pointer("error"), in: document, what: "error", allowed: ["status", "code", "message"], diagnostics: diagnostics)
        {
            let status = errorReader.integer("status") ?? 422
            if !responses.contains(where: { $0.status == status }) {
                errorReader.error("error status \(status) is not among the endpoint's responses", at: "status")
            }
            refusal = .init(status: status, code: errorReader.string("code"), message: errorReader.string("message"))
        }
        let status = reader.integer("status")
        if let status, !responses.contains(where: { $0.status == status }) {
            reader.error("status \(status) is not among the endpoint's responses", at: "status")
        }
        let match = expression(reader, "match", what: "match")
        if reader.has("match") {
            switch kind {
            case .get, .update, .delete, .transition: break
            default: reader.error("match finds the record of get, update, delete or transition", at: "match")
            }
            if let match, let collection = kind.collection {
                deferredChecks.append { [unowned self] in
                    guard let declared = collections[collection], let endpoint = endpoints.first(where: { $0.id == endpointID }) else { return }
                    // The condition sees the record and the request, not other collections.
                    var environment = expressionEnvironment(for: endpoint)
                    environment.collections = [:]
                    environment.record = .object(declared.schema?.shape)
                    environment.current = environment.record
                    environment.currentName = "a '\(collection)' record"
                    do throws(ExpressionProblem) { try ExpressionChecker(environment).check(match) } catch {
                        reader.error("match: \(error.message)", at: "match")
                    }
                }
            }
        }
        var from: [JSONValue] = []
        if let value = reader.value("from") { from = value.arrayValue ?? [value] }
        let compiled = compileTemplates(reader, kind: kind, endpointID: endpointID, responses: responses)
        let parent = parentCollection.map { FakeBehaviour.ParentReference(collection: $0, id: compiled.parentID ?? .literal(.string(""))) }
        return FakeBehaviour(
            kind: kind, parent: parent, defaults: reader.value("defaults"),
            set: reader.value("set"), field: reader.string("field"), from: from, to: reader.value("to"), error: refusal,
            status: status, emit: compiled.emissions, options: reader.value("options"),
            match: match, view: view, write: write, stream: stream, location: reader.location, templates: compiled.templates)
    }
}
