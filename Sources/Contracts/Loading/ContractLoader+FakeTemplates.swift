import JSON

/// One `{{ }}` template of a fake's options (or a stream's channel), compiled, and where it is written.
struct TemplateCheck {
    let template: ValueTemplate
    let pointer: JSONPointer
    let what: String
}

/// The templates of one fake, compiled: its options, its parent's id and its emissions.
struct CompiledFakeTemplates {
    var templates = FakeBehaviour.Templates()
    var parentID: ValueTemplate?
    var emissions: [FakeBehaviour.Emission] = []
}

extension ContractLoader {
    /// Compiles the templates of the collection kinds' options (`id`, `parent.id`, `filter`,
    /// `defaults`, `set`, `to`, `body`) and parses their emissions (`event`, `channel`, `data`,
    /// `when`), in the language views use, and queues their type checks: `record` and bare names
    /// are a record of the kind's collection; the request is the endpoint's; no collection is read
    /// (these kinds touch one record).
    ///
    /// A `respond` without `body` answers its status's example, which may hold placeholders too.
    func compileTemplates(_ reader: ObjectReader, kind: FakeBehaviour.Kind, endpointID: String, responses: [Response]) -> CompiledFakeTemplates {
        var compiled = CompiledFakeTemplates()
        var checks: [TemplateCheck] = []
        func compile(_ value: JSONValue?, at pointer: JSONPointer, what: String) -> ValueTemplate? {
            guard let value else { return nil }
            guard let template = compileTemplate(value, at: pointer, in: reader.document, what: what) else { return nil }
            checks.append(TemplateCheck(template: template, pointer: pointer, what: what))
            return template
        }
        compiled.templates.id = compile(reader.value("id"), at: reader.pointer("id"), what: "fake id")
        compiled.parentID = compile(reader.value("parent")?["id"], at: reader.pointer("parent").appending("id"), what: "fake parent id")
        for (field, value) in (reader.mapping("filter") ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard case .string = value else {
                diagnostics.error("a filter value must be a template string", at: reader.document.location(of: reader.pointer("filter").appending(field)))
                continue
            }
            if let template = compile(value, at: reader.pointer("filter").appending(field), what: "fake filter '\(field)'") {
                compiled.templates.filter.append((field, template))
            }
        }
        compiled.templates.defaults = compile(reader.value("defaults"), at: reader.pointer("defaults"), what: "fake defaults")
        compiled.templates.set = compile(reader.value("set"), at: reader.pointer("set"), what: "fake set")
        compiled.templates.to = compile(reader.value("to"), at: reader.pointer("to"), what: "fake to")
        compiled.templates.body = compile(reader.value("body"), at: reader.pointer("body"), what: "fake body")
        if case .respond(let status) = kind, compiled.templates.body == nil, let example = responses.first(where: { $0.status == status })?.example,
           example.jsonString().contains("{{") {
            compiled.templates.body = compile(example, at: reader.pointer("respond"), what: "respond \(status) example")
        }
        let items: [(JSONValue, JSONPointer)] = reader.value("emit").map { value in
            value.arrayValue.map { list in list.enumerated().map { ($1, reader.pointer("emit").appending($0)) } } ?? [(value, reader.pointer("emit"))]
        } ?? []
        for (item, pointer) in items {
            guard let emit = ObjectReader(item, at: pointer, in: reader.document, what: "emit", allowed: ["event", "channel", "data", "when"], diagnostics: diagnostics),
                let event = emit.string("event", required: true), emit.string("channel", required: true) != nil,
                let channel = compile(emit.value("channel"), at: pointer.appending("channel"), what: "emit channel")
            else { continue }
            deferredChecks.append { [unowned self] in
                if !declaredEvents.contains(event) {
                    let message = EditDistance.message("emitted event '\(event)' is not declared by any stream endpoint", for: event, among: declaredEvents)
                    emit.error(message, at: "event")
                }
            }
            var when: [(condition: FakeExpression, value: JSONValue)] = []
            for (text, value) in (emit.mapping("when") ?? [:]).sorted(by: { $0.key < $1.key }) {
                let conditionPointer = pointer.appending("when").appending(text)
                guard let condition = parseExpression(text, at: conditionPointer, in: reader.document, what: "emit when") else { continue }
                when.append((condition, value))
                checks.append(TemplateCheck(template: .expression(condition), pointer: conditionPointer, what: "emit when"))
            }
            compiled.emissions.append(.init(event: event, channel: channel, data: compile(emit.value("data"), at: pointer.appending("data"), what: "emit data"),
                                            when: when, location: emit.location))
        }
        let collection = kind.collection
        deferredChecks.append { [unowned self] in
            checkTemplates(checks, collection: collection, endpointID: endpointID, document: reader.document)
        }
        return compiled
    }

    /// One template compiled; a placeholder that does not parse is a diagnostic at its string.
    private func compileTemplate(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument, what: String) -> ValueTemplate? {
        do { return try ValueTemplate.compile(value, at: pointer) } catch {
            diagnostics.error("\(what): \(error.problem.message)", at: document.location(of: error.pointer))
            return nil
        }
    }

    /// A stream endpoint's `channel` (`goal:{{path.goalId}}`), compiled and checked against the request.
    func compileChannel(_ reader: ObjectReader, endpointID: String) -> ValueTemplate? {
        guard let value = reader.value("channel") else { return nil }
        guard case .string = value else {
            reader.error("'channel' must be a string, found \(value.typeName)", at: "channel")
            return nil
        }
        guard let template = compileTemplate(value, at: reader.pointer("channel"), in: reader.document, what: "channel") else { return nil }
        let check = TemplateCheck(template: template, pointer: reader.pointer("channel"), what: "channel")
        deferredChecks.append { [unowned self] in checkTemplates([check], collection: nil, endpointID: endpointID, document: reader.document) }
        return template
    }

    /// The bare names an expression reads outside any filter (inside one they are the item's fields).
    static func bareNames(outsideFilters expression: FakeExpression) -> [String] {
        switch expression {
        case .field(let name): [name]
        case .literal, .root, .collection, .variable: []
        case .list(let items), .object(_, let items), .call(_, let items), .apply(_, let items): items.flatMap(bareNames(outsideFilters:))
        case .member(let base, _), .index(let base, _), .not(let base), .negate(let base), .filter(let base, _): bareNames(outsideFilters: base)
        case .binary(_, let left, let right): bareNames(outsideFilters: left) + bareNames(outsideFilters: right)
        }
    }

    private func checkTemplates(_ checks: [TemplateCheck], collection: String?, endpointID: String, document: YAMLDocument) {
        guard !checks.isEmpty, let endpoint = endpoints.first(where: { $0.id == endpointID }) else { return }
        var environment = expressionEnvironment(for: endpoint)
        environment.collections = [:]
        environment.definitions = [:]
        if let collection, let declared = collections[collection] {
            environment.record = .object(declared.schema?.shape)
            environment.current = environment.record
            environment.currentName = "a '\(collection)' record"
        }
        for check in checks {
            for (expression, pointer) in check.template.expressions(at: check.pointer) {
                do throws(ExpressionProblem) { try ExpressionChecker(environment).check(expression) } catch {
                    diagnostics.error("\(check.what): \(error.message)", at: document.location(of: pointer))
                }
                // Without a collection there is no record for a bare name to be a field of.
                guard collection == nil else { continue }
                for name in Self.bareNames(outsideFilters: expression) {
                    diagnostics.error("\(check.what): '\(name)' is no field here (there is no record); the request is path., query., body., user., tenant.; a fresh id is newId('prefix_')", at: document.location(of: pointer))
                }
            }
        }
    }
}
