import Contracts
import MockServer

/// How one attempt to reload ended, with the lines the console shows for it.
public enum ReloadOutcome: Sendable {
    /// The new contracts and fixtures are served.
    case reloaded(ReloadSummary, changed: [String], took: Duration)
    /// They do not lint: the previous set goes on serving.
    case refused([Diagnostic], changed: [String])
    /// They lint, but could not be put in force (the active scenario is gone, the state file failed).
    case failed(String, changed: [String])

    public var lines: [String] {
        switch self {
        case .reloaded(let summary, let changed, let took):
            let milliseconds = Int((Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1000).rounded())
            var head = "reloaded \(Self.files(changed)) in \(milliseconds) ms: \(summary.endpoints) endpoints"
            if !summary.added.isEmpty { head += ", added \(summary.added.joined(separator: ", "))" }
            if !summary.removed.isEmpty { head += ", removed \(summary.removed.joined(separator: ", "))" }
            let state = summary.state.isEmpty ? ["  state kept"] : summary.state.map { "  state \($0)" }
            return [head] + state + summary.restartNeeded.map { "  restart needed: \($0)" }
        case .refused(let diagnostics, let changed):
            let errors = diagnostics.filter { $0.severity == .error }
            return errors.prefix(20).map(\.description)
                + (errors.count > 20 ? ["… and \(errors.count - 20) more (understudy lint)"] : [])
                + ["not reloaded (\(Self.files(changed))): \(errors.count) problem\(errors.count == 1 ? "" : "s"); still serving the previous contracts"]
        case .failed(let message, let changed):
            return ["not reloaded (\(Self.files(changed))): \(message); still serving the previous contracts"]
        }
    }

    private static func files(_ changed: [String]) -> String {
        switch changed.count {
        case 0: "on request"
        case 1: changed[0]
        default: "\(changed[0]) and \(changed.count - 1) more"
        }
    }
}
