import Contracts
import JSONSchema
import JSON

/// Compares one answer with the contract: status, content type, required headers, body against the
/// schema of the returned status. Pure: canned answers in, divergences out.
public struct ResponseChecker: Sendable {
    /// The verdict on one answer, and the parsed body (flows capture from it).
    public struct Result: Sendable {
        public var divergences: [Divergence]
        public var body: JSONValue?
    }

    public var bodyCap: Int
    /// How the API words a refusal (services.yaml `envelope:`): a wrong status quotes its reason.
    public var envelope: EnvelopeConventions

    public init(bodyCap: Int = 2 << 20, envelope: EnvelopeConventions = EnvelopeConventions()) {
        self.bodyCap = bodyCap
        self.envelope = envelope
    }

    public func check(_ outcome: HTTPOutcome, endpoint: Endpoint, caseName: String, expectedStatus: Int) -> Result {
        func divergence(_ kind: Divergence.Kind, pointer: String? = nil, expected: String? = nil, actual: String? = nil, _ message: String) -> Divergence {
            Divergence(endpointID: endpoint.id, caseName: caseName, kind: kind, pointer: pointer, expected: expected, actual: actual, message: message)
        }
        let answer: HTTPAnswer
        switch outcome {
        case .failure(let failure):
            let kind: Divergence.Kind = failure.kind == .timeout ? .timeout : .connection
            return Result(divergences: [divergence(kind, expected: "\(expectedStatus)", actual: failure.kind.rawValue, failure.message)])
        case .response(let received): answer = received
        }
        var found: [Divergence] = []
        let documented = endpoint.response(for: answer.status)
        if answer.status != expectedStatus {
            let message: String
            if (300..<400).contains(answer.status) {
                message = "redirect (\(answer.status)) to \(answer.header("Location") ?? "nowhere"), not followed; expected \(expectedStatus)"
            } else if documented == nil {
                message = "undocumented status \(answer.status); expected \(expectedStatus)"
            } else {
                message = "expected \(expectedStatus), got \(answer.status)"
            }
            found.append(divergence(.status, expected: "\(expectedStatus)", actual: "\(answer.status)", message + Self.errorHint(answer, envelope: envelope)))
        }
        let contract = documented ?? endpoint.response(for: expectedStatus)
        let expectedType = contract?.contentType.lowercased() ?? "application/json"
        if answer.truncated {
            found.append(divergence(.bodyTooLarge, actual: ">\(bodyCap) bytes", "body larger than \(bodyCap) bytes; not read whole"))
            return Result(divergences: found)
        }
        if Self.looksLikeHTML(answer), !expectedType.contains("html") {
            found.append(divergence(.html, expected: expectedType, actual: answer.mediaType ?? "text/html",
                                    "an HTML page where \(expectedType) was documented: \(Self.snippet(answer.body))"))
            return Result(divergences: found)
        }
        if let mediaType = answer.mediaType, mediaType != expectedType, !(answer.body.isEmpty && expectedType == "application/json") {
            found.append(divergence(.contentType, expected: expectedType, actual: mediaType, "Content-Type \(mediaType), documented \(expectedType)"))
        } else if answer.mediaType == nil, !answer.body.isEmpty {
            found.append(divergence(.contentType, expected: expectedType, actual: "none", "no Content-Type; documented \(expectedType)"))
        }
        for header in documented?.headers ?? [] where header.required && answer.header(header.name) == nil {
            found.append(divergence(.header, expected: header.name, "required response header \(header.name) is missing"))
        }
        guard expectedType == "application/json" else { return Result(divergences: found) }
        if answer.body.isEmpty {
            if documented?.schema != nil { found.append(divergence(.json, expected: "a JSON body", actual: "empty", "empty body where JSON was documented")) }
            return Result(divergences: found)
        }
        let body: JSONValue
        do {
            body = try JSONParser.parse(answer.body)
        } catch {
            found.append(divergence(.json, actual: Self.snippet(answer.body), "body is not JSON: \(error)"))
            return Result(divergences: found)
        }
        if let schema = documented?.schema {
            found += Self.schemaDivergences(schema.validate(body), in: body) { pointer, expected, actual, message in
                divergence(.schema, pointer: pointer, expected: expected, actual: actual, message)
            }
        }
        return Result(divergences: found, body: body)
    }

    /// One divergence per place: the errors at one pointer (both `enum` and `const`, or two missing
    /// members of one object) are one root cause, said once.
    static func schemaDivergences(
        _ errors: [ValidationError], in body: JSONValue,
        make: (_ pointer: String, _ expected: String, _ actual: String, _ message: String) -> Divergence
    ) -> [Divergence] {
        var order: [JSONPointer] = []
        var byPointer: [JSONPointer: [ValidationError]] = [:]
        for error in errors {
            // Members missing from one object are one place: the object.
            let place = error.keyword == "required" && error.instancePointer != .root ? error.instancePointer.parent ?? .root : error.instancePointer
            if byPointer[place] == nil { order.append(place) }
            byPointer[place, default: []].append(error)
        }
        return order.map { pointer in
            var keywords: [String] = []
            var messages: [String] = []
            for error in byPointer[pointer]! {
                if !keywords.contains(error.keyword) { keywords.append(error.keyword) }
                if !messages.contains(error.message) { messages.append(error.message) }
            }
            let group = byPointer[pointer]!
            if group.allSatisfy({ $0.keyword == "required" }), group.count > 1 {
                let names = group.compactMap { $0.instancePointer.lastToken }.map { "\"\($0)\"" }.joined(separator: ", ")
                return make(pointer.description, "required", "missing", "missing required properties \(names)")
            }
            let actual = body.value(at: group.count == 1 ? group[0].instancePointer : pointer).map { short($0.jsonString()) } ?? "missing"
            let at = group.count == 1 ? group[0].instancePointer.description : pointer.description
            return make(at, keywords.joined(separator: "/"), actual, messages.joined(separator: "; "))
        }
    }

    static func looksLikeHTML(_ answer: HTTPAnswer) -> Bool {
        if answer.mediaType == "text/html" { return true }
        let start = String(decoding: answer.body.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
    }

    /// ` (INVALID_TOKEN: …)` from an error envelope, so a wrong status says why the server refused.
    static func errorHint(_ answer: HTTPAnswer, envelope: EnvelopeConventions) -> String {
        guard let body = try? JSONParser.parse(answer.body), let refusal = envelope.refusal(of: body) else { return "" }
        let code = refusal.code ?? ""
        let error = refusal.message ?? ""
        let fields = envelope.fields.flatMap { body[$0]?.objectValue }.map { " " + $0.map { "\($0.key): \($0.value.stringValue ?? $0.value.jsonString())" }.joined(separator: "; ") } ?? ""
        return " (\(code)\(code.isEmpty ? "" : ": ")\(error)\(fields))"
    }

    static func snippet(_ body: [UInt8]) -> String { short(String(decoding: body.prefix(200), as: UTF8.self)) }

    static func short(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 80 ? String(flat.prefix(77)) + "…" : flat
    }
}

import Foundation
