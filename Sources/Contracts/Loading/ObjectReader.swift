import JSON
import OrderedCollections

/// Reads one YAML mapping of the contract format: typed getters that report wrong types, and a
/// check that reports unknown keys with a did-you-mean — so every mistake surfaces at once.
struct ObjectReader {
    let document: YAMLDocument
    let pointer: JSONPointer
    let members: OrderedDictionary<String, JSONValue>
    let diagnostics: DiagnosticsCollector

    /// Nil (and a diagnostic) when `value` is not a mapping.
    init?(
        _ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument, what: String,
        allowed: [String], diagnostics: DiagnosticsCollector
    ) {
        guard case .object(let members) = value else {
            diagnostics.error("\(what) must be a mapping, found \(value.typeName)", at: document.location(of: pointer))
            return nil
        }
        self.document = document
        self.pointer = pointer
        self.members = members
        self.diagnostics = diagnostics
        for key in members.keys where !allowed.contains(key) {
            var message = "unknown key '\(key)' in \(what)"
            if let suggestion = EditDistance.suggestion(for: key, among: allowed) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += " (allowed: \(allowed.joined(separator: ", ")))"
            }
            diagnostics.error(message, at: document.location(of: pointer.appending(key)))
        }
    }

    func has(_ key: String) -> Bool { members[key] != nil }
    func value(_ key: String) -> JSONValue? { members[key] }
    func pointer(_ key: String) -> JSONPointer { pointer.appending(key) }
    func location(_ key: String) -> SourceLocation { document.location(of: pointer.appending(key)) }
    var location: SourceLocation { document.location(of: pointer) }

    func error(_ message: String, at key: String? = nil) {
        diagnostics.error(message, at: key.map(location) ?? location)
    }

    func string(_ key: String, required: Bool = false, what: String = "") -> String? {
        guard let value = members[key] else {
            if required { error("missing required key '\(key)'\(what.isEmpty ? "" : " in \(what)")") }
            return nil
        }
        guard case .string(let string) = value else {
            error("'\(key)' must be a string, found \(value.typeName)", at: key)
            return nil
        }
        return string
    }

    func integer(_ key: String) -> Int? {
        guard let value = members[key] else { return nil }
        guard case .integer(let int) = value else {
            error("'\(key)' must be an integer, found \(value.typeName)", at: key)
            return nil
        }
        return int
    }

    func bool(_ key: String) -> Bool? {
        guard let value = members[key] else { return nil }
        guard case .bool(let bool) = value else {
            error("'\(key)' must be true or false, found \(value.typeName)", at: key)
            return nil
        }
        return bool
    }

    func stringList(_ key: String) -> [String] {
        guard let value = members[key] else { return [] }
        guard case .array(let elements) = value else {
            error("'\(key)' must be a list of strings, found \(value.typeName)", at: key)
            return []
        }
        return elements.enumerated().compactMap { index, element in
            guard case .string(let string) = element else {
                diagnostics.error(
                    "'\(key)' must hold strings, found \(element.typeName)",
                    at: document.location(of: pointer.appending(key).appending(index)))
                return nil
            }
            return string
        }
    }

    /// A nested mapping's members (keys in order), or nil with a diagnostic when not a mapping.
    func mapping(_ key: String) -> OrderedDictionary<String, JSONValue>? {
        guard let value = members[key] else { return nil }
        guard case .object(let members) = value else {
            error("'\(key)' must be a mapping, found \(value.typeName)", at: key)
            return nil
        }
        return members
    }

    /// A string that must be one of `choices`.
    func choice(_ key: String, among choices: [String], required: Bool = false) -> String? {
        guard let string = string(key, required: required) else { return nil }
        guard choices.contains(string) else {
            let message = EditDistance.message("'\(key)' must be one of \(choices.joined(separator: ", ")); found '\(string)'", for: string, among: choices)
            error(message, at: key)
            return nil
        }
        return string
    }
}
