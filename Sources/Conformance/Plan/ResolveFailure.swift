import Contracts
import JSON

/// Why a path could not be filled from the fixtures.
public struct ResolveFailure: Error, Sendable {
    public var message: String
}
