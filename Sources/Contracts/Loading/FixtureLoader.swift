import Foundation
import JSON

/// Loads `fixtures/<scenario>/*.yaml` and checks every record against its collection's schema,
/// so a fixture that the contracts would reject is a lint error, not a surprise in a demo.
public enum FixtureLoader {
    public struct Result: Sendable {
        public var scenarios: [String: Scenario]
        public var diagnostics: [Diagnostic]
    }

    static let fileKeys = ["scenario", "users", "tenants", "global", "answers"]

    public static func load(directory: String, contracts: ContractSet) -> Result {
        let diagnostics = DiagnosticsCollector()
        var scenarios: [String: Scenario] = [:]
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().filter { folder in
            var isDirectory: ObjCBool = false
            let path = (directory as NSString).appendingPathComponent(folder)
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        let files = folders.map { ContractLoader.yamlFiles(in: (directory as NSString).appendingPathComponent($0)) }
        let documents = YAMLDocument.loadAll(paths: files.flatMap { $0 }, diagnostics: diagnostics)
        for (folder, paths) in zip(folders, files) {
            var builder = ScenarioBuilder(name: folder, contracts: contracts, diagnostics: diagnostics)
            for path in paths {
                if let document = documents[path] { builder.add(document) }
            }
            scenarios[folder] = builder.finish()
        }
        if scenarios.isEmpty {
            diagnostics.error("no scenario folders found", at: SourceLocation(file: directory, line: 1, column: 1))
        }
        return Result(scenarios: scenarios, diagnostics: diagnostics.sorted)
    }
}
