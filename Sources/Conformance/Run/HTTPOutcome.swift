/// What one request produced: an answer (possibly cut at the body cap) or a transport failure.
public enum HTTPOutcome: Sendable {
    case response(HTTPAnswer)
    case failure(TransportFailure)
}

/// A received answer; `body` holds at most the cap, `truncated` says there was more.
public struct HTTPAnswer: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var truncated: Bool

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], truncated: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.truncated = truncated
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The media type without parameters, lowercased (`application/json`).
    public var mediaType: String? {
        header("Content-Type").map { $0.split(separator: ";").first.map(String.init) ?? $0 }?
            .trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// Why no answer arrived.
public struct TransportFailure: Sendable, Error {
    public enum Kind: String, Sendable { case timeout, refused, reset, other }
    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

import Foundation
