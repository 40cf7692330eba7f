import JSON
import JSONSchema

extension ContractLoader {
    static let endpointKeys = [
        "summary", "description", "method", "path", "aliases", "auth", "tags", "decisions", "headers", "query",
        "body", "responses", "events", "channel", "fake", "safe", "verify", "stream", "pathParameters",
    ]

    func parseEndpoint(id: String, value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument, service: String, fileTags: [String]) {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "endpoint '\(id)'", allowed: Self.endpointKeys, diagnostics: diagnostics)
        else { return }
        if id.isEmpty || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }) {
            reader.error("endpoint id '\(id)' may hold only letters, digits, '_', '.', '-'")
        }
        let method = reader.choice("method", among: HTTPMethod.allCases.map(\.rawValue), required: true).flatMap(HTTPMethod.init)
        let path = parsePath(reader, key: "path")
        var aliases: [PathTemplate] = []
        if let list = reader.value("aliases") {
            if case .array(let items) = list {
                for (index, item) in items.enumerated() {
                    let itemPointer = reader.pointer("aliases").appending(index)
                    guard case .string(let text) = item else {
                        diagnostics.error("an alias must be a path string", at: document.location(of: itemPointer))
                        continue
                    }
                    do {
                        let alias = try PathTemplate(text)
                        if let path, Set(alias.parameterNames) != Set(path.parameterNames) {
                            diagnostics.error(
                                "alias \(text) has parameters {\(alias.parameterNames.joined(separator: "}, {"))} but the path has {\(path.parameterNames.joined(separator: "}, {"))}",
                                at: document.location(of: itemPointer))
                        }
                        aliases.append(alias)
                    } catch {
                        diagnostics.error("invalid alias: \(error.message)", at: document.location(of: itemPointer))
                    }
                }
            } else {
                reader.error("'aliases' must be a list of paths", at: "aliases")
            }
        }
        let auth = reader.choice("auth", among: AuthRequirement.allCases.map(\.rawValue), required: true).flatMap(AuthRequirement.init)
        let decisions = reader.stringList("decisions")
        for (index, decision) in decisions.enumerated() where decision.wholeMatch(of: /K[1-9][0-9]*/) == nil {
            diagnostics.error("decision '\(decision)' must be written K<number>", at: document.location(of: reader.pointer("decisions").appending(index)))
        }
        let headers = parseParameters(reader, key: "headers")
        let query = parseParameters(reader, key: "query")
        let pathParameters = parseParameters(reader, key: "pathParameters")
        if let path {
            for parameter in pathParameters where !path.parameterNames.contains(parameter.name) {
                diagnostics.error("pathParameters names '{\(parameter.name)}', which the path \(path.template) does not have", at: parameter.location)
            }
        }
        let body = reader.value("body").flatMap { parseBody($0, at: reader.pointer("body"), in: document) }
        let responses = parseResponses(reader)
        let events = parseEvents(reader)
        let fake = reader.value("fake").flatMap { parseFake($0, at: reader.pointer("fake"), in: document, endpointID: id, responses: responses) }
        let safe = reader.bool("safe")
        let verifiedBy = parseVerification(reader, endpointID: id)
        let trigger = parseTrigger(reader, events: events)
        var hints = parseHints(reader)
        hints.via = verifiedBy
        hints.trigger = trigger
        let stream = parseStream(reader, responses: responses)
        guard let method, let path, let auth else { return }
        let endpoint = Endpoint(
            id: id, service: service, summary: reader.string("summary") ?? "", description: reader.string("description"),
            method: method, path: path, aliases: aliases, auth: auth, tags: fileTags + reader.stringList("tags"),
            decisions: decisions, headers: headers, query: query, body: body, responses: responses, events: events,
            channel: compileChannel(reader, endpointID: id), fake: fake, safe: safe ?? method.isSafe, hints: hints, stream: stream, location: reader.location,
            pathParameters: pathParameters)
        checkCompleteness(endpoint, reader: reader)
        endpoints.append(endpoint)
    }

    /// `verify: { via: flowId }`: the flow that proves the endpoint's success, checked once every flow is read.
    private func parseVerification(_ reader: ObjectReader, endpointID: String) -> String? {
        guard let value = reader.value("verify"),
              let verify = ObjectReader(value, at: reader.pointer("verify"), in: reader.document, what: "verify", allowed: Self.verifyKeys, diagnostics: diagnostics),
              let flowID = verify.string("via")
        else { return nil }
        deferredChecks.append { [unowned self] in
            guard let flow = flows.first(where: { $0.id == flowID }) else {
                let message = EditDistance.message("verify.via names unknown flow '\(flowID)'", for: flowID, among: flows.map(\.id))
                verify.error(message, at: "via")
                return
            }
            let endpoint = endpoints.first { $0.id == endpointID }
            let proves = flow.steps.contains { step in
                guard step.call == endpointID else { return false }
                let status = step.expectedStatus ?? endpoint?.successResponse?.status ?? 200
                return (200..<300).contains(status)
            }
            if !proves { verify.error("flow '\(flowID)' has no step calling '\(endpointID)' that expects success", at: "via") }
        }
        return flowID
    }

    static let verifyKeys = ["via", "trigger", "fresh", "singleUse", "makes"]

    /// `verify: { fresh: [pointer], singleUse: { at: [pointer], refused: status } }`.
    private func parseHints(_ reader: ObjectReader) -> VerifyHints {
        var hints = VerifyHints()
        // Unknown keys and a non-mapping are reported once, by `parseVerification`.
        guard let value = reader.value("verify"), case .object(let members) = value,
              let verify = ObjectReader(value, at: reader.pointer("verify"), in: reader.document, what: "verify", allowed: Array(members.keys), diagnostics: diagnostics)
        else { return hints }
        func pointers(_ list: [String], key: String, in owner: ObjectReader) -> [JSONPointer] {
            list.compactMap { text in
                guard text.hasPrefix("/") else {
                    owner.error("'\(text)' is not a JSON pointer into the request body", at: key)
                    return nil
                }
                return JSONPointer(text)
            }
        }
        hints.fresh = pointers(verify.stringList("fresh"), key: "fresh", in: verify)
        for (collection, value) in verify.mapping("makes") ?? [:] {
            guard let text = value.stringValue, text.hasPrefix("/") else {
                verify.error("makes.\(collection) must be a JSON pointer into the answer", at: "makes")
                continue
            }
            hints.makes.append((collection, JSONPointer(text)))
            deferredChecks.append { [unowned self] in
                guard collections[collection] == nil else { return }
                verify.error(EditDistance.message("makes names unknown collection '\(collection)'", for: collection, among: Array(collections.keys)), at: "makes")
            }
        }
        if let single = verify.value("singleUse"),
           let reader = ObjectReader(single, at: verify.pointer("singleUse"), in: reader.document, what: "singleUse", allowed: ["at", "refused"], diagnostics: diagnostics) {
            let at = pointers(reader.stringList("at"), key: "at", in: reader)
            guard let refused = reader.integer("refused") else {
                reader.error("missing required key 'refused' (the status a used value is answered with)")
                return hints
            }
            if at.isEmpty { reader.error("'at' names no body member") }
            hints.singleUse = .init(at: at, refused: refused)
        }
        return hints
    }

    /// `stream: { ids, replay, heartbeat }` on a `text/event-stream` endpoint.
    private func parseStream(_ reader: ObjectReader, responses: [Response]) -> StreamPromise? {
        guard let value = reader.value("stream"),
              let stream = ObjectReader(value, at: reader.pointer("stream"), in: reader.document, what: "stream", allowed: ["ids", "replay", "heartbeat"], diagnostics: diagnostics)
        else { return nil }
        if !responses.contains(where: { $0.contentType.hasPrefix("text/event-stream") }) {
            reader.error("'stream' is for endpoints that answer text/event-stream", at: "stream")
        }
        let heartbeat = stream.integer("heartbeat")
        if let heartbeat, heartbeat < 1 { stream.error("heartbeat must be at least 1 second", at: "heartbeat") }
        return StreamPromise(ids: stream.bool("ids") ?? true, replay: stream.bool("replay") ?? false, heartbeat: heartbeat)
    }

    /// `verify: { trigger: { call, path?, body?, event } }` on a stream endpoint.
    private func parseTrigger(_ reader: ObjectReader, events: [EventDeclaration]) -> StreamTrigger? {
        guard let value = reader.value("verify")?["trigger"],
              let trigger = ObjectReader(value, at: reader.pointer("verify").appending("trigger"), in: reader.document, what: "trigger",
                                         allowed: ["call", "path", "body", "event"], diagnostics: diagnostics),
              let call = trigger.string("call", required: true), let event = trigger.string("event", required: true)
        else { return nil }
        if !events.contains(where: { $0.name == event }) {
            trigger.error("trigger event '\(event)' is not declared under this endpoint's events", at: "event")
        }
        deferredChecks.append { [unowned self] in
            guard !endpoints.contains(where: { $0.id == call }) else { return }
            let message = EditDistance.message("trigger calls unknown endpoint '\(call)'", for: call, among: endpoints.map(\.id))
            trigger.error(message, at: "call")
        }
        var path: [String: String] = [:]
        for (name, template) in trigger.mapping("path") ?? [:] {
            guard let text = template.stringValue else { trigger.error("trigger path value '\(name)' must be a string", at: "path"); continue }
            path[name] = text
        }
        return StreamTrigger(call: call, path: path, body: trigger.value("body"), event: event)
    }

    /// The error statuses the common patterns imply; missing ones are problems of the contract.
    private func checkCompleteness(_ endpoint: Endpoint, reader: ObjectReader) {
        // Statuses whose response failed to parse (a broken $ref) still count as declared:
        // that problem is reported once, where it is.
        let statuses = Set(endpoint.responses.map(\.status)).union((reader.mapping("responses") ?? [:]).keys.compactMap { Int($0) })
        if !statuses.contains(where: { (200..<300).contains($0) }) {
            reader.error("endpoint '\(endpoint.id)' declares no 2xx response", at: reader.has("responses") ? "responses" : nil)
        }
        if endpoint.auth.isProtected, !statuses.contains(401) {
            reader.error("protected endpoint '\(endpoint.id)' must declare a 401 response", at: "responses")
        }
        // A path naming the caller's own tenant is authorization (403), not a lookup (404).
        let lookups = endpoint.path.parameterNames.filter { $0 != conventions.tenancy?.parameter }
        if !lookups.isEmpty, endpoint.auth.isProtected, !statuses.contains(404) {
            reader.error("endpoint '\(endpoint.id)' addresses {\(lookups.joined(separator: "}, {"))} and must declare a 404 response", at: "responses")
        }
        // With `auth: query` the token and tenant parameters are credentials: missing ones are a 401.
        let credentials: Set<String> = endpoint.auth == .query ? conventions.queryCredentials : []
        let validatesInput = endpoint.body?.schema != nil
            || endpoint.query.contains { $0.required && !credentials.contains($0.name) }
            || endpoint.headers.contains(where: \.required)
        if validatesInput, !statuses.contains(422) {
            reader.error("endpoint '\(endpoint.id)' validates its input and must declare a 422 response", at: "responses")
        }
    }

    private func parsePath(_ reader: ObjectReader, key: String) -> PathTemplate? {
        guard let text = reader.string(key, required: true) else { return nil }
        do {
            return try PathTemplate(text)
        } catch {
            reader.error("invalid path: \(error.message)", at: key)
            return nil
        }
    }

    /// The schema under `key` as written, with the document its references are relative to.
    func source(of reader: ObjectReader, _ key: String) -> SchemaSource? {
        reader.value(key).map { SchemaSource(value: $0, documentURI: reader.document.uri, pointer: reader.pointer(key)) }
    }

    static let parameterKeys = ["required", "schema", "description", "example"]

    func parseParameters(_ reader: ObjectReader, key: String) -> [Parameter] {
        guard let members = reader.mapping(key) else { return [] }
        var parameters: [Parameter] = []
        let resolver = ReferenceResolver(documents: documents, diagnostics: diagnostics)
        for (name, value) in members {
            guard let target = resolver.resolve(value, at: reader.pointer(key).appending(name), in: reader.document),
                let parameter = ObjectReader(target.value, at: target.pointer, in: target.document, what: "parameter '\(name)'", allowed: Self.parameterKeys, diagnostics: diagnostics)
            else { continue }
            let schema = parameter.has("schema") ? compileSchema(in: target.document, at: parameter.pointer("schema")) : nil
            let example = parameter.value("example")
            if let schema, let example {
                validateExample(example, against: schema, at: parameter.pointer("example"), in: target.document, what: "example of parameter '\(name)'")
            }
            let valueType = parameter.value("schema")?["type"]?.stringValue
            parameters.append(Parameter(
                name: name, required: parameter.bool("required") ?? false, schema: schema,
                schemaSource: source(of: parameter, "schema"), valueType: valueType,
                defaultValue: parameter.value("schema")?["default"],
                description: parameter.string("description"), example: example, location: parameter.location))
        }
        return parameters
    }

    static let bodyKeys = ["schema", "example", "required", "contentType", "description"]

    private func parseBody(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) -> RequestBody? {
        let resolver = ReferenceResolver(documents: documents, diagnostics: diagnostics)
        guard let target = resolver.resolve(value, at: pointer, in: document),
            let reader = ObjectReader(target.value, at: target.pointer, in: target.document, what: "body", allowed: Self.bodyKeys, diagnostics: diagnostics)
        else { return nil }
        let schema = reader.has("schema") ? compileSchema(in: target.document, at: reader.pointer("schema")) : nil
        let example = reader.value("example")
        if let schema, let example {
            validateExample(example, against: schema, at: reader.pointer("example"), in: target.document, what: "body example")
        }
        return RequestBody(
            schema: schema, schemaSource: source(of: reader, "schema"), example: example, required: reader.bool("required") ?? true,
            contentType: reader.string("contentType") ?? "application/json", description: reader.string("description"),
            location: reader.location)
    }

    static let eventKeys = ["schema", "example", "description"]

    private func parseEvents(_ reader: ObjectReader) -> [EventDeclaration] {
        guard let members = reader.mapping("events") else { return [] }
        return members.compactMap { name, value in
            let pointer = reader.pointer("events").appending(name)
            guard let event = ObjectReader(value, at: pointer, in: reader.document, what: "event '\(name)'", allowed: Self.eventKeys, diagnostics: diagnostics)
            else { return nil }
            declaredEvents.insert(name)
            let schema = event.has("schema") ? compileSchema(in: reader.document, at: event.pointer("schema")) : nil
            let example = event.value("example")
            if let schema, let example {
                validateExample(example, against: schema, at: event.pointer("example"), in: reader.document, what: "example of event '\(name)'")
            }
            return EventDeclaration(
                name: name, schema: schema, schemaSource: source(of: event, "schema"), description: event.string("description"),
                example: example, location: event.location)
        }
    }
}
