import JSON

/// Turns a schema object into its keyword list, in the order errors read best (type before details).
extension SchemaBuilder {
    /// Keywords this validator knows but does not implement; using one is a problem, not a silent pass.
    static let unsupported = ["$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor",
                              "unevaluatedProperties", "unevaluatedItems"]

    mutating func keywords(_ context: SchemaContext) -> [Keyword] {
        var result: [Keyword] = []
        func add(_ keyword: Keyword?) { if let keyword { result.append(keyword) } }
        checkIdentifiers(context)
        add(reference(context))
        add(typeKeyword(context))
        add(enumKeyword(context))
        if let value = context.schema["const"] { result.append(.constant(value)) }
        add(formatKeyword(context))
        add(count(context, "minLength").map(Keyword.minLength))
        add(count(context, "maxLength").map(Keyword.maxLength))
        if let value = context.schema["pattern"] {
            if let source = value.stringValue {
                add(pattern(source, context, "pattern").map(Keyword.pattern))
            } else {
                report(context, "pattern", "\"pattern\" must be a string")
            }
        }
        for kind in [NumberBound.Kind.minimum, .exclusiveMinimum, .maximum, .exclusiveMaximum] {
            add(number(context, kind.rawValue).map { .bound(NumberBound(kind: kind, limit: $0)) })
        }
        if let divisor = number(context, "multipleOf")?.doubleValue {
            if divisor > 0 { result.append(.multipleOf(divisor)) } else {
                report(context, "multipleOf", "\"multipleOf\" must be greater than 0")
            }
        }
        result += objectKeywords(context)
        result += arrayKeywords(context)
        result += combinators(context)
        _ = schemaMap(context, "$defs")  // compiled for their problems; used only through $ref
        for keyword in Self.unsupported where context.schema[keyword] != nil {
            report(context, keyword, "\"\(keyword)\" is not supported by this validator")
        }
        return result
    }

    private mutating func checkIdentifiers(_ context: SchemaContext) {
        if let id = context.schema["$id"] {
            if let text = id.stringValue {
                if let fragment = URIReference(text).fragment, !fragment.isEmpty {
                    report(context, "$id", "\"$id\" must not have a fragment; use \"$anchor\" to name a subschema")
                }
            } else {
                report(context, "$id", "\"$id\" must be a string")
            }
        }
        if let anchor = context.schema["$anchor"] {
            let valid = anchor.stringValue.map { text in
                guard let first = text.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
                return text.unicodeScalars.allSatisfy {
                    $0.isASCIILetter || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
                }
            } ?? false
            if !valid { report(context, "$anchor", "\"$anchor\" must be a name like \"node\" (letters, digits, -_.)") }
        }
    }

    private mutating func typeKeyword(_ context: SchemaContext) -> Keyword? {
        guard let value = context.schema["type"] else { return nil }
        let entries: [JSONValue]
        switch value {
        case .string: entries = [value]
        case .array(let elements) where !elements.isEmpty: entries = elements
        default:
            report(context, "type", "\"type\" must be a type name or a non-empty array of type names")
            return nil
        }
        var set: TypeSet = []
        for (offset, entry) in entries.enumerated() {
            let pointer = value.arrayValue == nil ? nil : String(offset)
            guard let name = entry.stringValue, let type = TypeSet.names.first(where: { $0.0 == name })?.1 else {
                let known = TypeSet.names.map(\.0).joined(separator: ", ")
                let location = SchemaLocation(document: context.location.document,
                    pointer: pointer.map { context.location.pointer.appending("type").appending($0) }
                        ?? context.location.pointer.appending("type"))
                report(location, "unknown type \(ErrorMessages.render(entry)); expected one of \(known)")
                return nil
            }
            set.insert(type)
        }
        return .type(set)
    }

    private mutating func enumKeyword(_ context: SchemaContext) -> Keyword? {
        guard let value = context.schema["enum"] else { return nil }
        guard let values = value.arrayValue else {
            report(context, "enum", "\"enum\" must be an array of the allowed values")
            return nil
        }
        let strings = values.compactMap(\.stringValue)
        let set = Set(strings)  // usable only when no two strings are canonically equivalent
        return .enumeration(EnumRule(values: values,
                                     strings: strings.count == values.count && set.count == strings.count ? set : nil))
    }

    private mutating func formatKeyword(_ context: SchemaContext) -> Keyword? {
        guard let value = context.schema["format"] else { return nil }
        guard let name = value.stringValue else {
            report(context, "format", "\"format\" must be a string")
            return nil
        }
        guard options.assertFormats, let format = Format(rawValue: name) else { return nil }
        return .format(format)
    }
}
