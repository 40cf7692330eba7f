import Foundation
import JSON

/// A fault flag that could not be read: `--fail 'status=abc': status: must be …`, one line.
public struct FaultFlagError: Error, Sendable, CustomStringConvertible {
    public var flag: String
    public var text: String
    /// What is wrong, without the flag (argument parsers name the flag themselves).
    public var detail: String

    public init(_ flag: String, _ text: String, _ detail: String) {
        self.flag = flag
        self.text = text
        self.detail = detail
    }

    public var description: String { "\(flag) '\(text)': \(detail)" }
}
