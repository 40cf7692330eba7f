import JSON

/// Reading keyword values of a given shape; a value of the wrong shape is reported at the keyword.
extension SchemaBuilder {
    /// A non-negative integer (`2.0` counts), or nil when absent or malformed.
    mutating func count(_ context: SchemaContext, _ keyword: String) -> Int? {
        guard let value = context.schema[keyword] else { return nil }
        guard let integer = value.intValue, integer >= 0 else {
            report(context, keyword, "\"\(keyword)\" must be a non-negative integer, not \(ErrorMessages.render(value))")
            return nil
        }
        return integer
    }

    /// A number (integer or not), or nil when absent or malformed.
    mutating func number(_ context: SchemaContext, _ keyword: String) -> JSONValue? {
        guard let value = context.schema[keyword] else { return nil }
        guard value.doubleValue != nil else {
            report(context, keyword, "\"\(keyword)\" must be a number, not \(ErrorMessages.render(value))")
            return nil
        }
        return value
    }

    /// An array of distinct strings (`required`, `dependentRequired` entries).
    mutating func names(_ value: JSONValue, _ context: SchemaContext, _ keyword: String, _ tokens: String...) -> [String]? {
        var pointer = context.location.pointer.appending(keyword)
        for token in tokens { pointer = pointer.appending(token) }
        let location = SchemaLocation(document: context.location.document, pointer: pointer)
        guard let elements = value.arrayValue else {
            report(location, "\"\(keyword)\" must be an array of property names, not \(ErrorMessages.render(value))")
            return nil
        }
        var names: [String] = []
        for (offset, element) in elements.enumerated() {
            guard let name = element.stringValue else {
                report(SchemaLocation(document: location.document, pointer: pointer.appending(offset)),
                       "\"\(keyword)\" must contain only strings, not \(ErrorMessages.render(element))")
                return nil
            }
            if names.contains(name) {
                report(SchemaLocation(document: location.document, pointer: pointer.appending(offset)),
                       "\"\(keyword)\" lists \"\(name)\" twice")
            } else {
                names.append(name)
            }
        }
        return names
    }

    /// The subschemas of an array-valued keyword (`allOf`, `prefixItems`, …); non-empty.
    mutating func schemaList(_ context: SchemaContext, _ keyword: String) -> [Int]? {
        guard let value = context.schema[keyword] else { return nil }
        guard let elements = value.arrayValue, !elements.isEmpty else {
            report(context, keyword, "\"\(keyword)\" must be a non-empty array of schemas")
            return nil
        }
        return elements.indices.map { child(context, keyword, String($0)) }
    }

    /// The subschemas of an object-valued keyword (`properties`, `$defs`, …), in written order.
    mutating func schemaMap(_ context: SchemaContext, _ keyword: String) -> [(name: String, node: Int)]? {
        guard let value = context.schema[keyword] else { return nil }
        guard let members = value.objectValue else {
            report(context, keyword, "\"\(keyword)\" must be an object whose values are schemas")
            return nil
        }
        return members.keys.map { (name: $0, node: child(context, keyword, $0)) }
    }

    /// The regex under `keyword` (and `tokens`), compiled now; a bad one is reported.
    mutating func pattern(_ source: String, _ context: SchemaContext, _ keyword: String, _ tokens: String...) -> Pattern? {
        if let pattern = Pattern(source) { return pattern }
        var pointer = context.location.pointer.appending(keyword)
        for token in tokens { pointer = pointer.appending(token) }
        report(SchemaLocation(document: context.location.document, pointer: pointer),
               "invalid regular expression \(ErrorMessages.render(.string(source)))")
        return nil
    }
}
