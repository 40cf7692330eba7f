import JSON

/// One `{{ }}` template of a fake's options (or a stream's channel), compiled, and where it is written.
struct TemplateCheck {
    let template: ValueTemplate
    let pointer: JSONPointer
    let what: String
}

extension ContractLoader {
    /// Compiles the templates of the collection kinds' options (`id`, `parent.id`, `filter`,
    /// `defaults`, `set`, `to`, `body`) and of their emissions, in the language views use, and
    /// queues their type checks: `record` and bare names are a record of the kind's collection;
    /// the request is the endpoint's; no collection is read (these kinds touch one record).
    ///
    /// A `respond` without `body` answers its status's example, which may hold placeholders too.
    func compileTemplates(_ reader: ObjectReader, kind: FakeBehaviour.Kind, endpointID: String, responses: [Response],
                          emissions: inout [FakeBehaviour.Emission]) -> FakeBehaviour.Templates {
        var templates = FakeBehaviour.Templates()
        var checks: [TemplateCheck] = []
        func compile(_ value: JSONValue?, at pointer: JSONPointer, what: String) -> ValueTemplate? {
            guard let value else { return nil }
            do {
                let template = try ValueTemplate.compile(value, at: pointer)
                checks.append(TemplateCheck(template: template, pointer: pointer, what: what))
                return template
            } catch {
                diagnostics.error("\(what): \(error.problem.message)", at: reader.document.location(of: error.pointer))
                return nil
            }
        }
        templates.id = compile(reader.value("id"), at: reader.pointer("id"), what: "fake id")
        templates.parentID = compile(reader.value("parent")?["id"], at: reader.pointer("parent").appending("id"), what: "fake parent id")
        for (field, value) in (reader.mapping("filter") ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let template = compile(value, at: reader.pointer("filter").appending(field), what: "fake filter '\(field)'") {
                templates.filter.append((field, template))
            }
        }
        templates.defaults = compile(reader.value("defaults"), at: reader.pointer("defaults"), what: "fake defaults")
        templates.set = compile(reader.value("set"), at: reader.pointer("set"), what: "fake set")
        templates.to = compile(reader.value("to"), at: reader.pointer("to"), what: "fake to")
        templates.body = compile(reader.value("body"), at: reader.pointer("body"), what: "fake body")
        if case .respond(let status) = kind, templates.body == nil, let example = responses.first(where: { $0.status == status })?.example,
           example.jsonString().contains("{{") {
            templates.body = compile(example, at: reader.pointer("respond"), what: "respond \(status) example")
        }
        let emitPointer = reader.pointer("emit")
        let listed = reader.value("emit")?.arrayValue != nil
        for index in emissions.indices {
            let pointer = listed ? emitPointer.appending(index) : emitPointer
            var compiled = FakeBehaviour.CompiledEmission()
            compiled.channel = compile(.string(emissions[index].channel), at: pointer.appending("channel"), what: "emit channel") ?? compiled.channel
            compiled.data = compile(emissions[index].data, at: pointer.appending("data"), what: "emit data")
            for (text, value) in emissions[index].when.sorted(by: { $0.key < $1.key }) {
                guard let condition = parseExpression(text, at: pointer.appending("when").appending(text), in: reader.document, what: "emit when") else { continue }
                compiled.when.append((condition, value))
                checks.append(TemplateCheck(template: .expression(condition), pointer: pointer.appending("when").appending(text), what: "emit when"))
            }
            emissions[index].compiled = compiled
        }
        let collection = kind.collection
        deferredChecks.append { [unowned self] in
            checkTemplates(checks, collection: collection, endpointID: endpointID, document: reader.document)
        }
        return templates
    }

    /// A stream endpoint's `channel` (`goal:{{path.goalId}}`), compiled and checked against the request.
    func compileChannel(_ reader: ObjectReader, endpointID: String) -> ValueTemplate? {
        guard let value = reader.value("channel") else { return nil }
        guard case .string = value else {
            reader.error("'channel' must be a string, found \(value.typeName)", at: "channel")
            return nil
        }
        do {
            let template = try ValueTemplate.compile(value, at: reader.pointer("channel"))
            let check = TemplateCheck(template: template, pointer: reader.pointer("channel"), what: "channel")
            deferredChecks.append { [unowned self] in checkTemplates([check], collection: nil, endpointID: endpointID, document: reader.document) }
            return template
        } catch {
            diagnostics.error("channel: \(error.problem.message)", at: reader.document.location(of: error.pointer))
            return nil
        }
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
