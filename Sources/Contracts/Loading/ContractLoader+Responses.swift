import JSON
import JSONSchema

extension ContractLoader {
    static let responseKeys = ["description", "data", "paginated", "schema", "example", "examples", "contentType", "headers"]

    func parseResponses(_ reader: ObjectReader) -> [Response] {
        guard let members = reader.mapping("responses") else {
            if !reader.has("responses") { reader.error("missing required key 'responses'") }
            return []
        }
        let resolver = ReferenceResolver(documents: documents, diagnostics: diagnostics)
        var responses: [Response] = []
        for (key, value) in members {
            let pointer = reader.pointer("responses").appending(key)
            guard let status = Int(key), (100...599).contains(status) else {
                diagnostics.error("response status '\(key)' is not an HTTP status code (100–599)", at: reader.document.location(of: pointer))
                continue
            }
            guard let target = resolver.resolve(value, at: pointer, in: reader.document),
                var response = parseResponse(status: status, target: target)
            else { continue }
            if value["$ref"] != nil { response.sharedAt = "\(target.document.uri)#\(target.pointer)" }
            responses.append(response)
        }
        return responses
    }

    private func parseResponse(status: Int, target: ReferenceResolver.Target) -> Response? {
        let cacheKey = "\(target.document.uri)#\(target.pointer)"
        if let cached = responseCache[cacheKey] {
            var response = cached
            response.status = status
            return response
        }
        guard let reader = ObjectReader(target.value, at: target.pointer, in: target.document, what: "response", allowed: Self.responseKeys, diagnostics: diagnostics)
        else { return nil }
        let shapes = ["data", "paginated", "schema"].filter(reader.has)
        if shapes.count > 1 { reader.error("a response has at most one of data, paginated, schema; found \(shapes.joined(separator: ", "))") }
        var schema: Schema?
        var schemaSource: SchemaSource?
        if let shape = shapes.first {
            if shape == "schema" {
                schema = compileSchema(in: target.document, at: reader.pointer("schema"))
                schemaSource = source(of: reader, "schema")
            } else {
                checkSchema(in: target.document, at: reader.pointer(shape))
                let reference = JSONValue.string(target.document.uri + "#" + reader.pointer(shape).description)
                let envelope = conventions.envelope
                let wrapper = shape == "data" ? envelope.successSchema(data: reference) : envelope.pageSchema(item: reference, members: conventions.pagination.members)
                schema = compiler.compile(wrapper, uri: target.document.uri)
                schemaSource = SchemaSource(value: wrapper, documentURI: target.document.uri)
            }
        }
        var examples: [(name: String, value: JSONValue)] = []
        if let example = reader.value("example") { examples.append(("default", example)) }
        if let named = reader.mapping("examples") {
            examples += named.map { ($0.key, $0.value) }
        }
        if reader.has("example"), reader.has("examples") { reader.error("use either 'example' or 'examples', not both") }
        if let schema {
            if examples.isEmpty { reader.error("response has a schema but no example") }
            for (name, example) in examples {
                let pointer = reader.has("examples") ? reader.pointer("examples").appending(name) : reader.pointer("example")
                validateExample(example, against: schema, at: pointer, in: target.document, what: "response example")
            }
        }
        let response = Response(
            status: status, description: reader.string("description"),
            bodyShape: shapes.first.flatMap(Response.BodyShape.init(rawValue:)) ?? .none, schema: schema, schemaSource: schemaSource,
            examples: examples,
            contentType: reader.string("contentType") ?? "application/json",
            headers: parseParameters(reader, key: "headers"), location: reader.location)
        responseCache[cacheKey] = response
        return response
    }
}
