import Contracts
import JSON
import OrderedCollections

/// A refusal with the status, message, code and field errors the error envelope carries.
///
/// Every failure of the mock — auth, validation, a refused transition — is one of these and is
/// answered by `response(in:)`, in the envelope services.yaml declares.
public struct FakeError: Error, Sendable, Equatable {
    public var status: Int
    public var message: String
    public var code: String?
    public var fieldErrors: [String: String]
    public var headers: [String: String]

    public init(status: Int, _ message: String, code: String? = nil, fieldErrors: [String: String] = [:], headers: [String: String] = [:]) {
        self.status = status
        self.message = message
        self.code = code
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    /// The refusal's body in the declared envelope (`{success: false, error, code, errors}` for PurposePath).
    public func body(in envelope: EnvelopeConventions) -> JSONValue {
        envelope.refusal(message: message, code: code, fields: fieldErrors)
    }

    /// The refusal as an answer: its status, the envelope, its headers. The one place an error becomes
    /// a response (engine, `--strict`, faults, the HTTP writer all go through it).
    public func response(in envelope: EnvelopeConventions) -> FakeResponse {
        FakeResponse(status: status, body: .json(body(in: envelope)), headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    public static func notFound(_ what: String, code: String = "NOT_FOUND") -> FakeError {
        FakeError(status: 404, "\(what) not found", code: code)
    }

    public static func validation(_ fieldErrors: [String: String], message: String = "Validation failed", code: String = "VALIDATION_ERROR") -> FakeError {
        FakeError(status: 422, message, code: code, fieldErrors: fieldErrors)
    }

    public static func unauthorized(_ message: String, code: String = "INVALID_TOKEN") -> FakeError {
        FakeError(status: 401, message, code: code)
    }

    public static func forbidden(_ message: String, code: String = "INSUFFICIENT_PERMISSIONS") -> FakeError {
        FakeError(status: 403, message, code: code)
    }

    /// The fake itself cannot do what the contract asks (a contract/engine mismatch).
    public static func internalError(_ message: String) -> FakeError {
        FakeError(status: 500, message, code: "INTERNAL_ERROR")
    }
}

extension FakeBehaviour {
    /// The contract's `error` when it names this status, else the default refusal: how every
    /// declarative kind and view words a 404 or a refused transition.
    func refusal(_ status: Int, default error: FakeError) -> FakeError {
        guard let custom = self.error, custom.status == status else { return error }
        return FakeError(status: status, custom.message ?? error.message, code: custom.code ?? error.code)
    }
}
