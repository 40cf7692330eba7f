import JSON

/// The slow path, run only when `isValid` said no: explains each failing keyword with a pointer
/// into the instance and a message a frontend developer can act on.
struct ErrorCollector {
    let program: SchemaProgram
    var path: [String] = []
    var errors: [ValidationError] = []

    init(program: SchemaProgram, path: [String] = []) {
        self.program = program
        self.path = path
    }

    /// Adds the errors of `value` against `node`; adds none exactly when it is valid.
    ///
    /// Applicators recurse directly (their children report only what fails), so explaining a
    /// deeply nested failure stays linear instead of re-validating every subtree at every level.
    mutating func collect(_ node: Int, _ value: JSONValue) {
        let schema = program.nodes[node]
        for keyword in schema.keywords {
            if explainApplicator(keyword, value, schema.pointer) { continue }
            guard !program.passes(keyword, value) else { continue }
            let before = errors.count
            explain(keyword, value, schema.pointer)
            if errors.count == before { add(keyword, schema.pointer, "does not match \"\(keyword.name)\"") }
        }
    }

    mutating func add(_ keyword: Keyword, _ schemaPointer: JSONPointer, _ message: String, at token: String? = nil,
                      as name: String? = nil) {
        let name = name ?? keyword.name
        let instance = JSONPointer(tokens: token.map { path + [$0] } ?? path)
        let location = if case .never = keyword { schemaPointer } else { schemaPointer.appending(name) }
        errors.append(ValidationError(instancePointer: instance, keyword: name, schemaPointer: location, message: message))
    }

    /// Collects a subschema's errors for the child at `token`.
    mutating func descend(_ token: String, _ node: Int, _ value: JSONValue) {
        path.append(token)
        collect(node, value)
        path.removeLast()
    }

    private mutating func explain(_ keyword: Keyword, _ value: JSONValue, _ at: JSONPointer) {
        switch (keyword, value) {
        case (.never, _): add(keyword, at, "is not allowed here")
        case (.type(let types), _): add(keyword, at, ErrorMessages.typeMismatch(types, value))
        case (.enumeration(let rule), _):
            add(keyword, at, "\(ErrorMessages.render(value)) is not one of \(ErrorMessages.list(rule.values))")
        case (.constant(let constant), _): add(keyword, at, "must be \(ErrorMessages.render(constant))")
        case (.minLength(let minimum), .string(let text)):
            add(keyword, at, "must be at least \(ErrorMessages.plural(minimum, "character")) long (is \(text.unicodeScalars.count))")
        case (.maxLength(let maximum), .string(let text)):
            add(keyword, at, "must be at most \(ErrorMessages.plural(maximum, "character")) long (is \(text.unicodeScalars.count))")
        case (.pattern(let pattern), _): add(keyword, at, "must match the pattern \(pattern.source)")
        case (.format(let format), _): add(keyword, at, "must be \(format.expectation)")
        case (.bound(let bound), _):
            let relation = switch bound.kind {
            case .minimum: "at least"
            case .exclusiveMinimum: "greater than"
            case .maximum: "at most"
            case .exclusiveMaximum: "less than"
            }
            add(keyword, at, "must be \(relation) \(ErrorMessages.render(bound.limit)), got \(ErrorMessages.render(value))")
        case (.multipleOf(let divisor), _):
            let shown = divisor.isWhole && abs(divisor) < 1e15 ? String(Int(divisor)) : "\(divisor)"
            add(keyword, at, "must be a multiple of \(shown)")
        case (.required(let names), .object(let members)):
            for name in names where members[name] == nil {
                add(keyword, at, "missing required property \"\(name)\"", at: name)
            }
        case (.dependentRequired(let rules), .object(let members)):
            for rule in rules where members[rule.trigger] != nil {
                for name in rule.names where members[name] == nil {
                    add(keyword, at, "missing property \"\(name)\", required when \"\(rule.trigger)\" is present", at: name)
                }
            }
        case (.minProperties(let minimum), .object(let members)):
            add(keyword, at, "must have at least \(ErrorMessages.plural(minimum, "property", "properties")) (has \(members.count))")
        case (.maxProperties(let maximum), .object(let members)):
            add(keyword, at, "must have at most \(ErrorMessages.plural(maximum, "property", "properties")) (has \(members.count))")
        case (.propertyNames(let node), .object(let members)):
            for key in members.keys where !program.isValid(node, .string(key)) {
                var names = ErrorCollector(program: program)
                names.collect(node, .string(key))
                let reason = names.errors.first.map { ": \($0.message)" } ?? ""
                add(keyword, at, "invalid property name \"\(key)\"\(reason)", at: key)
            }
        case (.contains(let rule), .array(let elements)):
            let found = elements.filter { program.isValid(rule.node, $0) }.count
            if found < rule.minimum {
                add(keyword, at, "must contain at least \(ErrorMessages.plural(rule.minimum, "item")) matching the \"contains\" schema (found \(found))",
                    as: rule.minimum == 1 ? "contains" : "minContains")
            } else if let maximum = rule.maximum {
                add(keyword, at, "must contain at most \(ErrorMessages.plural(maximum, "item")) matching the \"contains\" schema (found \(found))",
                    as: "maxContains")
            }
        case (.minItems(let minimum), .array(let elements)):
            add(keyword, at, "must have at least \(ErrorMessages.plural(minimum, "item")) (has \(elements.count))")
        case (.maxItems(let maximum), .array(let elements)):
            add(keyword, at, "must have at most \(ErrorMessages.plural(maximum, "item")) (has \(elements.count))")
        case (.uniqueItems, .array(let elements)):
            if let (first, second) = UniqueItems.firstDuplicate(elements) {
                add(keyword, at, "must not contain duplicate items (items \(first) and \(second) are equal)")
            }
        case (.not, _): add(keyword, at, "must not match the schema under \"not\"")
        default: break
        }
    }
}
