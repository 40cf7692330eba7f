import JSON

/// `respondByValue`: renders `options.value` against the request and answers the matching
/// `options.cases` template (else `options.default`), rendered with the normal template rules.
enum RespondByValue {
    /// Answers 200 with the rendered case; a value no case names (and no default) is a contract mistake → 500.
    static func respond(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let scope = call.scope
        let key = Template.text(call.stringOption("value") ?? "", in: scope)
        guard let template = call.option("cases")?[key] ?? call.option("default") else {
            throw .internalError("respondByValue has no case for '\(key)' and no default")
        }
        return .json(Template.render(template, in: scope))
    }
}
