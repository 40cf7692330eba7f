import Foundation

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
