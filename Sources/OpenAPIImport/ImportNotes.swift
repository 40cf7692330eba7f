import Contracts
import JSON

/// What an import could not carry over, said once each, at the line and column of the thing and
/// with its JSON pointer, so nothing is dropped silently.
final class ImportNotes {
    let sources: OpenAPISources
    let diagnostics: DiagnosticsCollector
    private var said: Set<String> = []

    init(sources: OpenAPISources, diagnostics: DiagnosticsCollector) {
        self.sources = sources
        self.diagnostics = diagnostics
    }

    func warn(_ message: String, uri: String, at pointer: JSONPointer) {
        guard said.insert("\(uri)#\(pointer)|\(message)").inserted else { return }
        diagnostics.warning("\(message) (#\(pointer))", at: sources.location(uri, pointer))
    }

    func warn(_ message: String, at pointer: JSONPointer) {
        warn(message, uri: sources.root.uri, at: pointer)
    }
}
