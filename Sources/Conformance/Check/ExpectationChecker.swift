import Contracts
import JSON

/// The verdicts on a flow step's `expect`: a body value that differs, another tenant's value
/// that appears, a body that is missing. Pure, like `ResponseChecker`.
enum ExpectationChecker {
    static func unexpected(_ actual: JSONValue?, at pointer: JSONPointer, wanted value: JSONValue, endpoint: Endpoint, caseName: String) -> Divergence {
        Divergence(endpointID: endpoint.id, caseName: caseName, kind: .expectation, pointer: pointer.description,
                   expected: value.jsonString(), actual: actual?.jsonString() ?? "missing", message: "expected \(pointer) to be \(ResponseChecker.short(value.jsonString()))")
    }

    static func leaked(_ value: String, at pointer: JSONPointer, endpoint: Endpoint, caseName: String) -> Divergence {
        Divergence(endpointID: endpoint.id, caseName: caseName, kind: .leak, pointer: pointer.description,
                   expected: "absent", actual: ResponseChecker.short(value), message: "another tenant's value appears in the answer")
    }

    static func nothingToCapture(_ name: String, at pointer: JSONPointer, endpoint: Endpoint, caseName: String) -> Divergence {
        Divergence(endpointID: endpoint.id, caseName: caseName, kind: .expectation, pointer: pointer.description,
                   expected: "a value to capture as \(name)", actual: "missing", message: "capture \(name) found nothing")
    }

    static func noBody(endpoint: Endpoint, caseName: String) -> Divergence {
        Divergence(endpointID: endpoint.id, caseName: caseName, kind: .expectation, message: "expect.body given but the answer has no JSON body")
    }

    /// Where a string value occurs in a JSON answer (as a whole string, or inside a longer one).
    static func find(_ needle: String, in value: JSONValue, at pointer: JSONPointer = .root) -> JSONPointer? {
        switch value {
        case .string(let text): return text.contains(needle) ? pointer : nil
        case .array(let items):
            for (index, item) in items.enumerated() { if let found = find(needle, in: item, at: pointer.appending(index)) { return found } }
            return nil
        case .object(let members):
            for (key, member) in members { if let found = find(needle, in: member, at: pointer.appending(key)) { return found } }
            return nil
        default: return nil
        }
    }
}
