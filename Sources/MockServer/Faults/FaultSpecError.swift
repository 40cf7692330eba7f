import Contracts
import Foundation
import JSON

/// Why a fault could not be built: a message per key, as the 422 `errors` map shows it.
public struct FaultSpecError: Error, Sendable, Equatable {
    public var errors: [String: String]

    public init(_ errors: [String: String]) { self.errors = errors }

    /// `key: message; key: message`, sorted, on one line.
    public var summary: String { errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ") }
}
