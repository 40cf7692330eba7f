import JSON
import JSONSchema

extension ContractLoader {
    static let viewKeys = ["from", "one", "where", "filter", "sort", "page", "fields", "omit", "select", "envelope", "by", "cases", "default", "require", "let"]

    /// Parses `fake.view`: expressions and templates compile now (syntax errors point into the
    /// text); their types are checked once every collection and endpoint is known.
    /// `answers: false`: only `let` and `require` (a stream's checks), so nothing needs `from` or `select`.
    func parseView(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument, endpointID: String, answers: Bool = true) -> FakeView? {
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "view", allowed: Self.viewKeys, diagnostics: diagnostics)
        else { return nil }
        let from = reader.string("from")
        func expression(_ text: String, at pointer: JSONPointer, what: String) -> FakeExpression? {
            parseExpression(text, at: pointer, in: document, what: what)
        }
        func expressions(_ key: String) -> [(FakeExpression, JSONPointer, String)] {
            guard let value = reader.value(key) else { return [] }
            let items = value.arrayValue.map { $0.enumerated().map { ($1, reader.pointer(key).appending($0)) } } ?? [(value, reader.pointer(key))]
            return items.compactMap { item, itemPointer in
                guard let text = Self.expressionText(item) else {
                    diagnostics.error("view \(key) must be an expression (text), found \(item.typeName)", at: document.location(of: itemPointer))
                    return nil
                }
                return expression(text, at: itemPointer, what: "view \(key)").map { ($0, itemPointer, text) }
            }
        }
        func template(_ value: JSONValue, at pointer: JSONPointer, what: String) -> ValueTemplate? {
            do { return try ValueTemplate.compile(value, at: pointer) } catch {
                diagnostics.error("\(what): \(error.problem.message)", at: document.location(of: error.pointer))
                return nil
            }
        }

        var bindings: [(name: String, value: FakeExpression)] = []
        for (name, value) in reader.mapping("let") ?? [:] {
            let itemPointer = reader.pointer("let").appending(name)
            guard let text = Self.expressionText(value) else {
                diagnostics.error("view let '\(name)' must be an expression (text), found \(value.typeName)", at: document.location(of: itemPointer))
                continue
            }
            if let parsed = expression(text, at: itemPointer, what: "view let '\(name)'") { bindings.append((name, parsed)) }
        }
        var requirements: [(FakeView.Requirement, JSONPointer)] = []
        let required = reader.value("require").map { $0.arrayValue ?? [$0] } ?? []
        for (index, item) in required.enumerated() {
            let itemPointer = reader.value("require")?.arrayValue == nil ? reader.pointer("require") : reader.pointer("require").appending(index)
            guard let requirement = ObjectReader(item, at: itemPointer, in: document, what: "require", allowed: ["that", "status", "code", "message", "field"], diagnostics: diagnostics),
                let text = requirement.value("that").flatMap(Self.expressionText),
                let condition = expression(text, at: requirement.pointer("that"), what: "view require")
            else {
                if item.objectValue?["that"] == nil { diagnostics.error("a requirement needs 'that' (the condition)", at: document.location(of: itemPointer)) }
                continue
            }
            let status = requirement.integer("status") ?? 422
            requirements.append((.init(condition: condition, status: status, code: requirement.string("code"),
                                       message: requirement.string("message") ?? "Request refused", field: requirement.string("field")), itemPointer))
        }
        let one = reader.value("one").flatMap { value -> FakeExpression? in
            guard let text = Self.expressionText(value) else { reader.error("view one must be an expression of the record's id", at: "one"); return nil }
            return expression(text, at: reader.pointer("one"), what: "view one")
        }
        let conditions = expressions("where")
        let filters = expressions("filter")
        var sort: [(FakeView.SortKey, JSONPointer)] = []
        for (index, item) in (reader.value("sort")?.arrayValue ?? reader.value("sort").map { [$0] } ?? []).enumerated() {
            let itemPointer = reader.pointer("sort").appending(index)
            if let text = item.stringValue {
                let descending = text.hasPrefix("-")
                if let key = expression(descending ? String(text.dropFirst()) : text, at: itemPointer, what: "view sort") {
                    sort.append((.init(key: key, descending: descending, values: nil), itemPointer))
                }
            } else if let keyReader = ObjectReader(item, at: itemPointer, in: document, what: "sort key", allowed: ["by", "values"], diagnostics: diagnostics),
                let text = keyReader.string("by", required: true), let key = expression(text, at: keyReader.pointer("by"), what: "view sort")
            {
                sort.append((.init(key: key, descending: false, values: keyReader.value("values")?.arrayValue ?? []), itemPointer))
            }
        }
        var fields: [(name: String, value: ValueTemplate)] = []
        for (name, value) in reader.mapping("fields") ?? [:] {
            if let compiled = template(value, at: reader.pointer("fields").appending(name), what: "view field '\(name)'") { fields.append((name, compiled)) }
        }
        let select = reader.value("select").flatMap { template($0, at: reader.pointer("select"), what: "view select") }
        var choice: FakeView.Choice?
        if let text = reader.value("by").flatMap(Self.expressionText), let by = expression(text, at: reader.pointer("by"), what: "view by") {
            var cases: [String: ValueTemplate] = [:]
            for (name, value) in reader.mapping("cases") ?? [:] {
                cases[name] = template(value, at: reader.pointer("cases").appending(name), what: "view case '\(name)'")
            }
            if cases.isEmpty { reader.error("a view with 'by' needs 'cases'", at: "by") }
            let fallback = reader.value("default").flatMap { template($0, at: reader.pointer("default"), what: "view default") }
            choice = .init(by: by, cases: cases, fallback: fallback)
        } else if reader.has("cases") || reader.has("default") {
            reader.error("'cases' and 'default' need 'by' (the expression that picks the case)")
        }
        if choice != nil, reader.has("select") { reader.error("a view answers 'select' or 'cases', not both", at: "select") }
        let page = reader.value("page").flatMap { parsePage($0, at: reader.pointer("page"), in: document) }
        if answers, from == nil, select == nil, choice == nil { reader.error("a view needs 'from' (a collection) or 'select' (the answer)") }
        if from == nil, one != nil || !conditions.isEmpty || !filters.isEmpty || !sort.isEmpty || page != nil || !fields.isEmpty {
            reader.error("one, where, filter, sort, page and fields read records: the view needs 'from'")
        }
        if one != nil, page != nil { reader.error("a view of one record has no pages", at: "page") }

        // What each expression is checked against, gathered here and typed once every collection
        // and endpoint is known (ContractLoader+ViewChecks.swift).
        let answerBinding: ViewCheck.Binding = one != nil ? .record : .none
        var checks: [ViewCheck] = bindings.map {
            ViewCheck($0.value, at: reader.pointer("let").appending($0.name), what: "view let '\($0.name)'", binding: .none, binds: $0.name)
        }
        if let one { checks.append(.init(one, at: reader.pointer("one"), what: "view one", binding: .none)) }
        for (requirement, pointer) in requirements {
            checks.append(.init(requirement.condition, at: pointer.appending("that"), what: "view require", binding: .none))
        }
        for (condition, pointer, _) in conditions + filters { checks.append(.init(condition, at: pointer, what: "view condition", binding: .record)) }
        for (key, pointer) in sort { checks.append(.init(key.key, at: pointer, what: "view sort", binding: .record)) }
        for (name, value) in fields {
            for (expression, pointer) in value.expressions(at: reader.pointer("fields").appending(name)) {
                checks.append(.init(expression, at: pointer, what: "view field '\(name)'", binding: .record))
            }
        }
        for (expression, pointer) in select?.expressions(at: reader.pointer("select")) ?? [] {
            checks.append(.init(expression, at: pointer, what: "view select", binding: answerBinding))
        }
        if let choice {
            checks.append(.init(choice.by, at: reader.pointer("by"), what: "view by", binding: answerBinding))
            let templates = choice.cases.map { ($0.value, reader.pointer("cases").appending($0.key)) }
                + (choice.fallback.map { [($0, reader.pointer("default"))] } ?? [])
            for (template, pointer) in templates {
                for (expression, inner) in template.expressions(at: pointer) {
                    checks.append(.init(expression, at: inner, what: "view case", binding: answerBinding))
                }
            }
        }
        let statuses = requirements.map { ($0.0.status, $0.1.appending("status")) }
        deferredChecks.append { [unowned self] in
            checkView(checks, from: from, statuses: statuses, endpointID: endpointID, reader: reader)
        }
        let all = checks.map(\.expression)
        return FakeView(
            bindings: bindings, requirements: requirements.map(\.0), from: from, one: one, conditions: conditions.map(\.0),
            filters: filters.map { .init(condition: $0.0, parameters: $0.0.queryParameters) },
            sort: sort.map(\.0), page: page, fields: fields, omit: reader.stringList("omit"), select: select, choice: choice,
            envelope: reader.bool("envelope") ?? true, cacheable: !all.contains { $0.readsMoreThanTheRequestAndDay },
            location: reader.location)
    }

    /// `page: true` or `{page, size, default, max, members}`; unset members follow services.yaml.
    func parsePage(_ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) -> FakeView.Page? {
        let defaults = conventions.pagination
        if value == .bool(true) { return defaults }
        if value == .bool(false) { return nil }
        guard let reader = ObjectReader(value, at: pointer, in: document, what: "page", allowed: ["page", "size", "default", "max", "members"], diagnostics: diagnostics)
        else { return nil }
        var page = defaults
        if let name = reader.string("page") { page.pageParameter = name }
        if reader.has("size") { page.sizeParameters = reader.stringList("size") }
        if let size = reader.integer("default") { page.defaultSize = size }
        if let size = reader.integer("max") { page.maximumSize = size }
        for (meaning, name) in reader.mapping("members") ?? [:] {
            guard FakeView.Page.meanings.contains(meaning) else {
                reader.error("unknown pagination member '\(meaning)' (have: \(FakeView.Page.meanings.joined(separator: ", ")))", at: "members")
                continue
            }
            if let name = name.stringValue { page.members[meaning] = name }
        }
        return page
    }

    /// The text of an expression key: YAML reads `true`, `3` or `null` as scalars, which are expressions too.
    static func expressionText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): String(number)
        default: nil
        }
    }
}

extension FakeView.Page {
    public static let meanings = ["page", "limit", "total", "totalPages"]

    /// Today's pagination: `page`, `limit` (or `size`), 20 a page, `{page, limit, total, totalPages}`.
    public static let standard = FakeView.Page(
        pageParameter: "page", sizeParameters: ["limit", "size"], defaultSize: 20, maximumSize: nil,
        members: ["page": "page", "limit": "limit", "total": "total", "totalPages": "totalPages"])
}
