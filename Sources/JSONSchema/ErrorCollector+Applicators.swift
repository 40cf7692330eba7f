import JSON

/// Errors from applicators: `$ref`, members, items, allOf/anyOf/oneOf, dependentSchemas, if/then/else.
extension ErrorCollector {
    /// Explains `keyword` if it is an applicator and returns true; false for every other keyword.
    mutating func explainApplicator(_ keyword: Keyword, _ value: JSONValue, _ at: JSONPointer) -> Bool {
        switch (keyword, value) {
        case (.ref(let node), _): collect(node, value)
        case (.members(let rule), .object): explainMembers(rule, value, at)
        case (.items(let rule), .array(let elements)): explainItems(rule, elements, at)
        case (.dependentSchemas(let list), .object(let members)):
            for (name, node) in list where members[name] != nil { collect(node, value) }
        case (.allOf(let nodes), _):
            for node in nodes { collect(node, value) }
        case (.anyOf(let nodes), _):
            let branches = nodes.map { branchErrors($0, value) }
            if !branches.contains(where: \.isEmpty) { explainNoMatch(keyword, nodes, branches, value, at) }
        case (.oneOf(let nodes), _):
            let branches = nodes.map { branchErrors($0, value) }
            let matching = branches.indices.filter { branches[$0].isEmpty }
            if matching.isEmpty {
                explainNoMatch(keyword, nodes, branches, value, at)
            } else if matching.count > 1 {
                let which = matching.prefix(2).map { ErrorMessages.ordinal($0 + 1) }.joined(separator: " and ")
                add(keyword, at, "must match exactly one of the \(nodes.count) allowed shapes, but matches the \(which)")
            }
        case (.conditional(let rule), _):
            let branch = program.isValid(rule.condition, value) ? rule.then : rule.otherwise
            if let branch { collect(branch, value) }
        case (.members, _), (.items, _), (.dependentSchemas, _):
            break  // applies to another type of value: nothing to check
        default:
            return false
        }
        return true
    }

    private func branchErrors(_ node: Int, _ value: JSONValue) -> [ValidationError] {
        var branch = ErrorCollector(program: program, path: path)
        branch.collect(node, value)
        return branch.errors
    }

    private mutating func explainMembers(_ rule: MemberRule, _ object: JSONValue, _ at: JSONPointer) {
        guard case .object(let members) = object else { return }
        for (key, member) in members {
            var matched = false
            if let node = rule.properties[key] {
                matched = true
                descend(key, node, member)
            }
            for (pattern, node) in rule.patterns where pattern.matches(key) {
                matched = true
                descend(key, node, member)
            }
            guard !matched, let node = rule.additional else { continue }
            if rule.additionalForbidden {
                add(.members(rule), at, "unexpected property \"\(key)\"", at: key, as: "additionalProperties")
            } else {
                descend(key, node, member)
            }
        }
    }

    private mutating func explainItems(_ rule: ItemRule, _ elements: [JSONValue], _ at: JSONPointer) {
        if rule.restForbidden, elements.count > rule.prefix.count {
            add(.items(rule), at, "must have at most \(ErrorMessages.plural(rule.prefix.count, "item")) (has \(elements.count))")
        }
        for (index, element) in elements.enumerated() {
            let node = index < rule.prefix.count ? rule.prefix[index] : (rule.restForbidden ? nil : rule.rest)
            if let node { descend(String(index), node, element) }
        }
    }

    /// No branch of anyOf/oneOf matched: report the branch that came closest, not every branch.
    ///
    /// A branch that fails only on the instance's own type is furthest away; a failing `const`/`enum`
    /// (a discriminator) is next; otherwise fewer errors is closer. When every branch is a type
    /// mismatch, one message names all the allowed types.
    private mutating func explainNoMatch(
        _ keyword: Keyword, _ nodes: [Int], _ branches: [[ValidationError]], _ value: JSONValue, _ at: JSONPointer
    ) {
        let here = JSONPointer(tokens: path)
        var best: (score: Int, errors: [ValidationError])?
        var allowedTypes: TypeSet = []
        var everyBranchIsTypeMismatch = true
        for (node, branch) in zip(nodes, branches) {
            var score = 0
            var typeOnly = !branch.isEmpty
            for error in branch {
                if error.instancePointer == here && error.keyword == "type" {
                    score += 1000
                } else {
                    typeOnly = false
                    score += error.keyword == "const" || error.keyword == "enum" ? 100 : 1
                }
            }
            if typeOnly, let types = program.declaredTypes(node) {
                allowedTypes.formUnion(types)
            } else {
                everyBranchIsTypeMismatch = false
            }
            if best == nil || score < best!.score { best = (score, branch) }
        }
        if everyBranchIsTypeMismatch {
            add(keyword, at, ErrorMessages.typeMismatch(allowedTypes, value))
        } else if let best, !best.errors.isEmpty {
            errors += best.errors
        } else {
            add(keyword, at, "does not match any of the \(nodes.count) allowed shapes")
        }
    }
}

extension SchemaProgram {
    /// The `type` a schema declares, looking through `$ref` chains; nil when it declares none.
    func declaredTypes(_ node: Int, depth: Int = 0) -> TypeSet? {
        guard depth < 16 else { return nil }
        for keyword in nodes[node].keywords {
            if case .type(let types) = keyword { return types }
        }
        for keyword in nodes[node].keywords {
            if case .ref(let target) = keyword, let types = declaredTypes(target, depth: depth + 1) { return types }
        }
        return nil
    }
}
