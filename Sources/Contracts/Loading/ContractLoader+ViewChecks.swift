import JSON
import JSONSchema

/// One expression of a view, where it is written, and what its bare names stand for.
struct ViewCheck {
    enum Binding {
        /// Bare names and `record` are a record of the view's collection.
        case record
        /// There is no record (requirements, `one`, a `select` over many records).
        case none
    }

    let expression: FakeExpression
    let pointer: JSONPointer
    let what: String
    let binding: Binding
    /// The `$` name a `let` binds to the expression's value, for the checks after it.
    let binds: String?

    init(_ expression: FakeExpression, at pointer: JSONPointer, what: String, binding: Binding, binds: String? = nil) {
        self.expression = expression
        self.pointer = pointer
        self.what = what
        self.binding = binding
        self.binds = binds
    }
}

extension ContractLoader {
    /// Types a view's expressions against its collection's schema and its endpoint (path and query
    /// parameters, body), and checks the statuses its requirements answer: the second stage of
    /// `parseView`, run once every file is read.
    func checkView(_ checks: [ViewCheck], from: String?, statuses: [(Int, JSONPointer)], endpointID: String, reader: ObjectReader) {
        guard let endpoint = endpoints.first(where: { $0.id == endpointID }) else { return }
        var base = expressionEnvironment(for: endpoint)
        var recordType = ExpressionType.any
        if let from {
            guard let collection = collections[from] else {
                reader.error(unknownCollectionMessage(from), at: "from")
                return
            }
            if !collection.global, endpoint.auth == AuthRequirement.none {
                reader.error("'\(endpointID)' has auth none, so its view can only read a global collection; '\(from)' is per tenant", at: "from")
            }
            recordType = .object(collection.schema?.shape)
            base.records = .array(recordType)
        }
        for check in checks {
            var environment = base
            defer { base.variables = environment.variables }
            if check.binding == .record {
                environment.record = recordType
                environment.current = recordType
                if let from { environment.currentName = "a '\(from)' record" }
            }
            do throws(ExpressionProblem) {
                let type = try ExpressionChecker(environment).check(check.expression)
                if let name = check.binds { environment.variables[name] = type }
            } catch {
                diagnostics.error("\(check.what): \(error.message)", at: reader.document.location(of: check.pointer))
                if let name = check.binds { environment.variables[name] = .any }
            }
        }
        for (status, pointer) in statuses where endpoint.response(for: status) == nil {
            diagnostics.error("require status \(status) is not among the endpoint's responses", at: reader.document.location(of: pointer))
        }
    }
}

extension ContractLoader {
    /// The expression written under `key`, parsed; nil (with a diagnostic where it is wrong) when
    /// the key is absent, is not text or does not parse.
    func expression(_ reader: ObjectReader, _ key: String, what: String) -> FakeExpression? {
        guard let value = reader.value(key) else { return nil }
        guard let text = Self.expressionText(value) else {
            reader.error("\(what) must be an expression (text), found \(value.typeName)", at: key)
            return nil
        }
        return parseExpression(text, at: reader.pointer(key), in: reader.document, what: what)
    }

    /// Parses one expression of a fake; a syntax error is a diagnostic at `pointer` naming the character.
    func parseExpression(_ text: String, at pointer: JSONPointer, in document: YAMLDocument, what: String) -> FakeExpression? {
        do throws(ExpressionProblem) { return try ExpressionParser.parse(text) } catch {
            diagnostics.error("\(what): \(error.message) (at character \(error.offset + 1) of '\(text)')", at: document.location(of: pointer))
            return nil
        }
    }

    /// What an expression of `endpoint`'s fake may name: every collection, the path and query
    /// parameters with their types, the body's schema. Record bindings are the caller's to add.
    func expressionEnvironment(for endpoint: Endpoint) -> ExpressionEnvironment {
        var environment = ExpressionEnvironment(collections: collections)
        environment.definitions = definitions
        environment.pathParameters = Set(endpoint.allPaths.flatMap(\.parameterNames))
        for parameter in endpoint.query { environment.query[parameter.name] = ExpressionType(parameter.schema?.shape) }
        environment.body = ExpressionType(endpoint.body?.schema?.shape)
        return environment
    }
}
