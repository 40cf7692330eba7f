import ArgumentParser
import Contracts
import Fakes
import Foundation
import MockServer
import SQLiteState

/// The fault flags' transforms: `FaultFlags` parsing, failures as one-line validation errors.
enum FaultFlag {
    static func latency(_ text: String) throws -> FaultRule { try parse("latency", text) }
    static func fail(_ text: String) throws -> FaultRule { try parse("fail", text) }
    static func drop(_ text: String) throws -> FaultRule { try parse("drop", text) }

    private static func parse(_ effect: String, _ text: String) throws -> FaultRule {
        switch FaultFlags.parse(effect, text) {
        case .success(let rule): return rule
        case .failure(let problem): throw ValidationError(problem.detail)
        }
    }
}
