import Contracts
import Fakes
import JSON
import JSONSchema

/// Checks a request against its contract before any fake runs: query parameters (converted to
/// their declared types, defaults applied), required headers, content type and body.
/// Failures are 400 (unparseable JSON) or 422 with the `errors` field map; state is never touched.
public struct RequestValidator {
    /// The raw parts of a request, as the server received them.
    public struct Input {
        public var query: [(String, String)]
        /// Header names lowercased.
        public var headers: [String: String]
        public var contentType: String?
        public var body: [UInt8]

        public init(query: [(String, String)], headers: [String: String], contentType: String?, body: [UInt8]) {
            self.query = query
            self.headers = headers
            self.contentType = contentType
            self.body = body
        }
    }

    /// `ignoringBodyTypes` is `serve --mutate skip-type-check`: the body's `type` errors are dropped.
    /// `credentialParameters` are the query parameters that carry the token and the tenant on an
    /// `auth: query` endpoint (services.yaml's `credentials.query` and `tenancy.query`): auth has
    /// already answered for them, so a missing one is not also a validation error.
    public static func validate(
        _ endpoint: Endpoint, _ input: Input, credentialParameters: Set<String> = [], ignoringBodyTypes: Bool = false
    ) -> Result<(query: [String: JSONValue], body: JSONValue?), FakeError> {
        var errors: [String: String] = [:]
        var query: [String: JSONValue] = [:]
        let credentials: Set<String> = endpoint.auth == .query ? credentialParameters : []
        for parameter in endpoint.query {
            let values = input.query.filter { $0.0 == parameter.name }.map(\.1)
            guard !values.isEmpty else {
                if parameter.required, !credentials.contains(parameter.name) { errors[parameter.name] = "is required" }
                if let value = parameter.defaultValue { query[parameter.name] = value }
                continue
            }
            let value = convert(values, to: parameter.valueType)
            if let schema = parameter.schema, let problem = schema.validate(value).first {
                errors[parameter.name] = problem.message
            }
            query[parameter.name] = value
        }
        for header in endpoint.headers {
            let value = input.headers[header.name.lowercased()]
            guard let value else {
                if header.required { errors[header.name] = "header is required" }
                continue
            }
            if let schema = header.schema, let problem = schema.validate(.string(value)).first {
                errors[header.name] = problem.message
            }
        }
        var body: JSONValue?
        if let declared = endpoint.body {
            if input.body.allSatisfy(Self.isWhitespace) {
                if declared.required { errors["body"] = "a JSON body is required" }
            } else {
                if let contentType = input.contentType, !Self.mentionsJSON(contentType) {
                    return .failure(FakeError(status: 415, "Content-Type must be application/json, not \(contentType)", code: "UNSUPPORTED_MEDIA_TYPE"))
                }
                do {
                    body = try JSONParser.parse(input.body)
                } catch {
                    return .failure(FakeError(status: 400, "Request body is not valid JSON: \(error)", code: "MALFORMED_JSON"))
                }
                if let schema = declared.schema, let body {
                    for problem in schema.validate(body) where errors[problem.instancePointer.dotted] == nil && !(ignoringBodyTypes && problem.keyword == "type") {
                        errors[problem.instancePointer.dotted] = problem.message
                    }
                }
            }
        } else if !input.body.allSatisfy(Self.isWhitespace) {
            // Undeclared bodies are tolerated (some clients send `{}`), but must still be JSON.
            body = try? JSONParser.parse(input.body)
        }
        guard errors.isEmpty else { return .failure(.validation(errors)) }
        return .success((query, body))
    }

    /// `application/json`, `application/problem+json; charset=utf-8`…: "json" in any case, byte-wise.
    static func mentionsJSON(_ contentType: String) -> Bool {
        let bytes = Array(contentType.utf8)
        guard bytes.count >= 4 else { return false }
        return (0...(bytes.count - 4)).contains { start in
            zip(bytes[start..<start + 4], "json".utf8).allSatisfy { $0 | 0x20 == $1 }
        }
    }

    /// Query strings become integers, numbers, booleans or arrays when the schema says so;
    /// a value that does not convert stays a string, so the schema reports it.
    static func convert(_ values: [String], to type: String?) -> JSONValue {
        switch type {
        case "array":
            return .array(values.flatMap { $0.split(separator: ",").map { JSONValue.string(String($0)) } })
        case "integer":
            return Int(values[0]).map(JSONValue.integer) ?? .string(values[0])
        case "number":
            return Double(values[0]).map(JSONValue.number) ?? .string(values[0])
        case "boolean":
            switch values[0].lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return .string(values[0])
            }
        default:
            return .string(values[0])
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
