import Foundation
import JSON

extension ContractLoader {
    /// Parses one `define:` entry: `name(a, b): expression`, or `{let: {…}, value: expression}`.
    /// The body is checked on its own once everything is loaded (parameters of any type), and
    /// again at every call with the types passed.
    func parseDefinition(_ signature: String, _ value: JSONValue, at pointer: JSONPointer, in document: YAMLDocument) {
        let location = document.location(of: pointer)
        guard let (name, parameters) = Self.signature(signature) else {
            diagnostics.error("a definition is named like a call, 'name(a, b)'; found '\(signature)'", at: location)
            return
        }
        if ExpressionFunction(rawValue: name) != nil {
            diagnostics.error("'\(name)' is a function of the language; a definition needs another name", at: location)
            return
        }
        if let previous = definitions[name] {
            diagnostics.error("'\(name)' is defined twice (first at \(previous.location))", at: location)
            return
        }
        var bindings: [(name: String, value: FakeExpression)] = []
        let body: FakeExpression?
        if let text = Self.expressionText(value) {
            body = parseExpression(text, at: pointer, in: document, what: "definition \(name)")
        } else if let reader = ObjectReader(value, at: pointer, in: document, what: "definition \(name)", allowed: ["let", "value"], diagnostics: diagnostics) {
            for (binding, item) in reader.mapping("let") ?? [:] {
                guard let text = Self.expressionText(item) else {
                    diagnostics.error("let '\(binding)' must be an expression (text)", at: document.location(of: reader.pointer("let").appending(binding)))
                    continue
                }
                if let parsed = parseExpression(text, at: reader.pointer("let").appending(binding), in: document, what: "definition \(name)") {
                    bindings.append((binding, parsed))
                }
            }
            body = reader.string("value", required: true, what: "definition \(name)")
                .flatMap { parseExpression($0, at: reader.pointer("value"), in: document, what: "definition \(name)") }
        } else {
            return
        }
        guard let body else { return }
        let definition = FakeDefinition(name: name, parameters: parameters, bindings: bindings, value: body, location: location)
        definitions[name] = definition
        deferredChecks.append { [unowned self] in
            // Checked once with parameters of any type: unknown collections, functions and roots show here.
            var environment = ExpressionEnvironment(collections: collections)
            environment.definitions = definitions
            environment.variables = Dictionary(uniqueKeysWithValues: parameters.map { ($0, ExpressionType.any) })
            let call = FakeExpression.apply(name, parameters.map { FakeExpression.variable($0) })
            do throws(ExpressionProblem) { try ExpressionChecker(environment).check(call) } catch {
                diagnostics.error(error.message, at: location)
            }
        }
    }

    /// `name(a, b)` → ("name", ["a", "b"]); nil when it is not a name with a parameter list.
    static func signature(_ text: String) -> (String, [String])? {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let parameters = inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        func isName(_ word: String) -> Bool {
            guard let first = word.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
            return word.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
        guard isName(name), parameters.allSatisfy(isName), Set(parameters).count == parameters.count else { return nil }
        return (name, parameters)
    }
}
