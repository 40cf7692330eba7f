import JSON

/// The fast path: does an instance match? Short-circuits, builds no errors, allocates nothing
/// on success (except inside the regex engine for `pattern`/`patternProperties`).
extension SchemaProgram {
    func isValid(_ node: Int, _ value: JSONValue) -> Bool {
        for keyword in nodes[node].keywords where !passes(keyword, value) { return false }
        return true
    }

    /// Whether one keyword accepts `value`; keywords for other types accept it.
    func passes(_ keyword: Keyword, _ value: JSONValue) -> Bool {
        switch (keyword, value) {
        case (.never, _): return false
        case (.ref(let node), _): return isValid(node, value)
        case (.type(let types), _): return types.matches(value)
        case (.enumeration(let rule), _): return rule.contains(value)
        case (.constant(let constant), _): return JSONEquality.equal(value, constant)
        case (.minLength(let minimum), .string(let text)): return Lengths.count(text, atLeast: minimum)
        case (.maxLength(let maximum), .string(let text)): return Lengths.count(text, atMost: maximum)
        case (.pattern(let pattern), .string(let text)): return pattern.matches(text)
        case (.format(let format), .string(let text)): return format.matches(text)
        case (.bound(let bound), .integer), (.bound(let bound), .number): return NumberChecks.satisfies(value, bound)
        case (.multipleOf(let divisor), .integer), (.multipleOf(let divisor), .number):
            return NumberChecks.isMultiple(value, of: divisor)
        case (.required(let names), .object(let members)): return names.allSatisfy { members[$0] != nil }
        case (.dependentRequired(let rules), .object(let members)):
            return rules.allSatisfy { rule in members[rule.trigger] == nil || rule.names.allSatisfy { members[$0] != nil } }
        case (.minProperties(let minimum), .object(let members)): return members.count >= minimum
        case (.maxProperties(let maximum), .object(let members)): return members.count <= maximum
        case (.members(let rule), .object(let members)):
            for (key, member) in members where !memberIsValid(rule, key, member) { return false }
            return true
        case (.propertyNames(let node), .object(let members)):
            return members.keys.allSatisfy { isValid(node, .string($0)) }
        case (.dependentSchemas(let list), .object(let members)):
            return list.allSatisfy { members[$0.name] == nil || isValid($0.node, value) }
        case (.items(let rule), .array(let elements)): return itemsAreValid(rule, elements)
        case (.contains(let rule), .array(let elements)): return containsIsSatisfied(rule, elements)
        case (.minItems(let minimum), .array(let elements)): return elements.count >= minimum
        case (.maxItems(let maximum), .array(let elements)): return elements.count <= maximum
        case (.uniqueItems, .array(let elements)): return UniqueItems.firstDuplicate(elements) == nil
        case (.allOf(let nodes), _): return nodes.allSatisfy { isValid($0, value) }
        case (.anyOf(let nodes), _): return nodes.contains { isValid($0, value) }
        case (.oneOf(let nodes), _): return matchCount(nodes, value, stopAt: 2) == 1
        case (.not(let node), _): return !isValid(node, value)
        case (.conditional(let rule), _):
            let branch = isValid(rule.condition, value) ? rule.then : rule.otherwise
            return branch.map { isValid($0, value) } ?? true
        default: return true
        }
    }

    /// One member against `properties`, matching `patternProperties`, else `additionalProperties`.
    func memberIsValid(_ rule: MemberRule, _ key: String, _ member: JSONValue) -> Bool {
        var matched = false
        if let node = rule.properties[key] {
            matched = true
            if !isValid(node, member) { return false }
        }
        for (pattern, node) in rule.patterns where pattern.matches(key) {
            matched = true
            if !isValid(node, member) { return false }
        }
        if !matched, let node = rule.additional { return isValid(node, member) }
        return true
    }

    func itemsAreValid(_ rule: ItemRule, _ elements: [JSONValue]) -> Bool {
        for (index, element) in elements.enumerated() {
            let node = index < rule.prefix.count ? rule.prefix[index] : rule.rest
            if let node, !isValid(node, element) { return false }
        }
        return true
    }

    func containsIsSatisfied(_ rule: ContainsRule, _ elements: [JSONValue]) -> Bool {
        var found = 0
        for element in elements where isValid(rule.node, element) {
            found += 1
            if let maximum = rule.maximum { if found > maximum { return false } } else if found >= rule.minimum {
                return true
            }
        }
        return found >= rule.minimum
    }

    func matchCount(_ nodes: [Int], _ value: JSONValue, stopAt limit: Int) -> Int {
        var count = 0
        for node in nodes where isValid(node, value) {
            count += 1
            if count >= limit { break }
        }
        return count
    }
}

extension EnumRule {
    func contains(_ value: JSONValue) -> Bool {
        if let strings {
            guard case .string(let text) = value else { return false }
            guard let index = strings.firstIndex(of: text) else { return false }
            return JSONEquality.sameScalars(strings[index], text)
        }
        return values.contains { JSONEquality.equal($0, value) }
    }
}

/// String lengths in Unicode scalars (code points), as JSON Schema counts them, not UTF-16 units.
enum Lengths {
    static func count(_ text: String, atLeast minimum: Int) -> Bool {
        if text.utf8.count < minimum { return false }  // never fewer bytes than scalars
        return text.unicodeScalars.count >= minimum
    }

    static func count(_ text: String, atMost maximum: Int) -> Bool {
        if text.utf8.count <= maximum { return true }
        return text.unicodeScalars.count <= maximum
    }
}
