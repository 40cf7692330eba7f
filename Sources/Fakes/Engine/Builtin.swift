import Contracts
import Foundation
import JSON

/// A behaviour implemented in code, named by contracts with `fake: { builtin: name }`.
public typealias Builtin = @Sendable (BuiltinCall) async throws(FakeError) -> FakeResponse
