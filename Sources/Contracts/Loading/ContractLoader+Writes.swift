import JSON
import JSONSchema

extension ContractLoader {
    static let writeKeys = ["tenant", "steps", "answer", "envelope"]
    static let stepActions = ["let", "require", "create", "update", "delete", "emit"]
    static let stepOptions = ["value", "where", "set", "channel", "data", "status", "code", "message", "field", "summary", "unset", "when", "each", "as"]

    /// Parses `fake.write`: each step's expressions compile now; their types are checked in step
    /// order once every collection is known, so `$name` is typed by the step that bound it.
    func parseWrite(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument, endpointID: String) -> FakeWrite? {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "write", allowed: Self.writeKeys, diagnostics: diagnostics)
        else { return nil }
        guard let list = reader.value("steps")?.arrayValue, !list.isEmpty else {
            reader.error("a write needs 'steps' (a list of let, require, create, update, delete, emit)")
            return nil
        }
        var steps: [(FakeWrite.Step, [WriteCheck])] = []
        for (index, item) in list.enumerated() {
            if let step = parseStep(item, at: reader.pointer("steps").appending(index), in: document) { steps.append(step) }
        }
        let tenant = expression(reader, "tenant", what: "write tenant")
        var answer: ValueTemplate?
        if let value = reader.value("answer") {
            do { answer = try ValueTemplate.compile(value, at: reader.pointer("answer")) } catch {
                diagnostics.error("write answer: \(error.problem.message)", at: document.location(of: error.pointer))
            }
        }
        let answerChecks = answer?.expressions(at: reader.pointer("answer")).map {
            WriteCheck(expression: $0.0, pointer: $0.1, what: "write answer", role: .plain)
        } ?? []
        let tenantCheck = tenant.map { WriteCheck(expression: $0, pointer: reader.pointer("tenant"), what: "write tenant", role: .plain) }
        deferredChecks.append { [unowned self] in
            checkWrite(steps, answer: answerChecks, tenant: tenantCheck, endpointID: endpointID, document: document)
        }
        return FakeWrite(tenant: tenant, steps: steps.map(\.0), answer: answer, envelope: reader.bool("envelope") ?? true, location: reader.location)
    }

    private func parseStep(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) -> (FakeWrite.Step, [WriteCheck])? {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "write step", allowed: Self.stepActions + Self.stepOptions, diagnostics: diagnostics)
        else { return nil }
        let actions = Self.stepActions.filter(reader.has)
        guard actions.count == 1, let key = actions.first else {
            reader.error(actions.isEmpty ? "a step needs one action: \(Self.stepActions.joined(separator: ", "))"
                                         : "a step has more than one action: \(actions.joined(separator: ", "))")
            return nil
        }
        var checks: [WriteCheck] = []
        func expression(_ key: String, role: WriteCheck.Role, required: Bool = true) -> FakeExpression? {
            guard let value = reader.value(key) else {
                if required { reader.error("a '\(actions[0])' step needs '\(key)'") }
                return nil
            }
            guard let text = Self.expressionText(value) else {
                reader.error("'\(key)' must be an expression (text), found \(value.typeName)", at: key)
                return nil
            }
            guard let parsed = parseExpression(text, at: reader.pointer(key), in: document, what: "step \(key)") else { return nil }
            checks.append(.init(expression: parsed, pointer: reader.pointer(key), what: "step \(key)", role: role))
            return parsed
        }
        func template(_ key: String, required: Bool = true) -> ValueTemplate? {
            guard let value = reader.value(key) else {
                if required { reader.error("a '\(actions[0])' step needs '\(key)'") }
                return nil
            }
            do {
                let compiled = try ValueTemplate.compile(value, at: reader.pointer(key))
                for (inner, innerPointer) in compiled.expressions(at: reader.pointer(key)) {
                    checks.append(.init(expression: inner, pointer: innerPointer, what: "step \(key)", role: key == "set" ? .record : .plain))
                }
                return compiled
            } catch {
                diagnostics.error("step \(key): \(error.problem.message)", at: document.location(of: error.pointer))
                return nil
            }
        }
        let each = expression("each", role: .each, required: false)
        let when = expression("when", role: .plain, required: false)
        let action: FakeWrite.Action
        switch key {
        case "let":
            guard let name = reader.string("let"), let value = expression("value", role: .plain) else { return nil }
            action = .bind(name: name, value: value)
        case "require":
            guard let condition = expression("require", role: .plain) else { return nil }
            let message = reader.has("message") ? template("message") : .literal("Request refused")
            action = .require(condition, .init(status: reader.integer("status") ?? 422, code: reader.string("code"),
                                               message: message ?? .literal("Request refused"), field: reader.has("field") ? template("field") : nil,
                                               summary: reader.has("summary") ? template("summary") : nil))
        case "create":
            guard let collection = reader.string("create"), let value = template("value") else { return nil }
            action = .create(collection: collection, value: value)
        case "update":
            guard let collection = reader.string("update"), let condition = expression("where", role: .record) else { return nil }
            if !reader.has("set"), !reader.has("unset") { reader.error("an 'update' step needs 'set' or 'unset'") }
            let set = reader.has("set") ? template("set") : .literal(.object([:]))
            guard let set else { return nil }
            action = .update(collection: collection, condition: condition, set: set, unset: reader.stringList("unset"))
        case "delete":
            guard let collection = reader.string("delete"), let condition = expression("where", role: .record) else { return nil }
            action = .delete(collection: collection, condition: condition)
        default:
            guard let event = reader.string("emit"), let channel = template("channel") else { return nil }
            action = .emit(event: event, channel: channel, data: template("data", required: false))
        }
        let misplaced: [String: [String]] = [
            "let": ["value"], "require": ["status", "code", "message", "field", "summary"], "create": ["value"],
            "update": ["where", "set", "unset"], "delete": ["where"], "emit": ["channel", "data"],
        ]
        let allowedHere = Set(misplaced[key] ?? []).union(["when", "each", "as"])
        for option in Self.stepOptions where reader.has(option) && !allowedHere.contains(option) {
            reader.error("'\(option)' does not apply to a '\(key)' step", at: option)
        }
        let step = FakeWrite.Step(action: action, when: when, each: each, binding: reader.string("as"), location: reader.location)
        return (step, checks)
    }
}

/// One expression of a write step and what its bare names stand for.
struct WriteCheck {
    enum Role {
        /// No record: bare names are an error, `$` names and the request are what it reads.
        case plain
        /// A record of the step's collection (update and delete `where`, update `set`).
        case record
        /// The step's `each` list; `$item` is its element for the rest of the step.
        case each
    }

    let expression: FakeExpression
    let pointer: JSONPointer
    let what: String
    let role: Role
}
