import JSON

/// Compiles the keywords that apply subschemas: to members, to items, or in place (allOf, if, …).
extension SchemaBuilder {
    mutating func objectKeywords(_ context: SchemaContext) -> [Keyword] {
        var result: [Keyword] = []
        if let value = context.schema["required"], let names = names(value, context, "required") {
            result.append(.required(names))
        }
        if let value = context.schema["dependentRequired"] {
            if let members = value.objectValue {
                var rules: [DependentRequirement] = []
                for (trigger, list) in members {
                    if let names = names(list, context, "dependentRequired", trigger) {
                        rules.append(DependentRequirement(trigger: trigger, names: names))
                    }
                }
                result.append(.dependentRequired(rules))
            } else {
                report(context, "dependentRequired", "\"dependentRequired\" must be an object of property-name arrays")
            }
        }
        if let minimum = count(context, "minProperties") { result.append(.minProperties(minimum)) }
        if let maximum = count(context, "maxProperties") { result.append(.maxProperties(maximum)) }
        var rule = MemberRule()
        var hasMemberRule = false
        if let properties = schemaMap(context, "properties") {
            hasMemberRule = true
            for (name, node) in properties { rule.properties[name] = node }
        }
        if let patterns = schemaMap(context, "patternProperties") {
            hasMemberRule = true
            for (source, node) in patterns {
                if let pattern = pattern(source, context, "patternProperties", source) {
                    rule.patterns.append((pattern, node))
                }
            }
        }
        if context.schema["additionalProperties"] != nil {
            hasMemberRule = true
            rule.additional = child(context, "additionalProperties")
            rule.additionalForbidden = context.schema["additionalProperties"] == .bool(false)
        }
        if hasMemberRule { result.append(.members(rule)) }
        if context.schema["propertyNames"] != nil { result.append(.propertyNames(child(context, "propertyNames"))) }
        if let schemas = schemaMap(context, "dependentSchemas") { result.append(.dependentSchemas(schemas)) }
        return result
    }

    mutating func arrayKeywords(_ context: SchemaContext) -> [Keyword] {
        var result: [Keyword] = []
        if let minimum = count(context, "minItems") { result.append(.minItems(minimum)) }
        if let maximum = count(context, "maxItems") { result.append(.maxItems(maximum)) }
        if let value = context.schema["uniqueItems"] {
            if let flag = value.boolValue {
                if flag { result.append(.uniqueItems) }
            } else {
                report(context, "uniqueItems", "\"uniqueItems\" must be true or false")
            }
        }
        var rule = ItemRule()
        if let prefix = schemaList(context, "prefixItems") { rule.prefix = prefix }
        if let items = context.schema["items"] {
            if items.arrayValue != nil {
                report(context, "items", "\"items\" must be a single schema; use \"prefixItems\" for tuples")
            } else {
                rule.rest = child(context, "items")
                rule.restForbidden = items == .bool(false)
            }
        }
        if !rule.prefix.isEmpty || rule.rest != nil { result.append(.items(rule)) }
        let minContains = count(context, "minContains")
        let maxContains = count(context, "maxContains")
        if context.schema["contains"] != nil {
            let node = child(context, "contains")
            result.append(.contains(ContainsRule(node: node, minimum: minContains ?? 1, maximum: maxContains)))
        }
        return result
    }

    mutating func combinators(_ context: SchemaContext) -> [Keyword] {
        var result: [Keyword] = []
        if let nodes = schemaList(context, "allOf") { result.append(.allOf(nodes)) }
        if let nodes = schemaList(context, "anyOf") { result.append(.anyOf(nodes)) }
        if let nodes = schemaList(context, "oneOf") { result.append(.oneOf(nodes)) }
        if context.schema["not"] != nil { result.append(.not(child(context, "not"))) }
        let then = context.schema["then"] != nil ? child(context, "then") : nil
        let otherwise = context.schema["else"] != nil ? child(context, "else") : nil
        if context.schema["if"] != nil {
            let condition = child(context, "if")
            if then != nil || otherwise != nil {
                result.append(.conditional(ConditionalRule(condition: condition, then: then, otherwise: otherwise)))
            }
        }
        return result
    }
}
