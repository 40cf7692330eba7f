import Conformance
import Foundation
import Synchronization

/// The live line `verify` keeps on a terminal's stderr: cases done of all, and the tally so far.
/// Silent when stderr is not a terminal (CI logs get only the report).
final class ProgressLine: Sendable {
    private struct Tally { var total = 0, done = 0, passed = 0, failed = 0, skipped = 0 }
    private let tally = Mutex(Tally())
    let isActive: Bool

    init(isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.isActive = isTerminal
    }

    /// How many cases the run planned.
    func start(_ total: Int) { tally.withLock { $0.total = total } }

    func record(_ result: CaseResult) {
        guard isActive else { return }
        let line = tally.withLock { tally -> String in
            tally.done += 1
            switch result.status {
            case .passed: tally.passed += 1
            case .failed, .known: tally.failed += 1
            case .skipped: tally.skipped += 1
            }
            let width = String(tally.total).count
            let done = String(repeating: " ", count: max(0, width - String(tally.done).count)) + String(tally.done)
            return "[\(done)/\(tally.total)] \(tally.passed) passed · \(tally.failed) failed · \(tally.skipped) skipped — \(result.endpointID)"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    /// Clears the line before the report is printed.
    func finish() {
        guard isActive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
