import ArgumentParser
import Contracts
import Foundation
import JSON
import OpenAPIExport

/// `understudy openapi export`: one OpenAPI 3.1.0 document per service (or one for all), as YAML
/// or JSON by the output file's extension.
struct OpenAPIExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the contracts as an OpenAPI 3.1.0 document (YAML, or JSON for a .json file; stdout without -o).",
        discussion: "Exit status: 0 written, 2 the contracts do not load or a usage error."
    )

    @Option(help: "The contracts directory.") var contracts = "contracts"
    @Option(help: "A service of services.yaml, or 'all' (one document, paths under the gateway prefixes).") var service = "all"
    @Option(name: .shortAndLong, help: "Write here instead of stdout; .json writes JSON, anything else YAML.") var output: String?
    @Flag(help: "Write JSON to stdout (a file's extension decides otherwise).") var json = false

    func run() throws {
        let loaded = ContractLoader.load(directory: contracts, builtins: registeredBuiltins.catalog)
        if loaded.hasErrors {
            loaded.diagnostics.filter { $0.severity == .error }.prefix(20).forEach { printError($0.description) }
            printError("the contracts do not load; run `understudy lint` for every problem")
            throw ExitCode(2)
        }
        guard let scope = OpenAPIExporter.Scope(service, in: loaded.contracts) else {
            printError("unknown service '\(service)'; services.yaml has \(loaded.contracts.services.map(\.name).joined(separator: ", ")), or use 'all'")
            throw ExitCode(2)
        }
        let document = OpenAPIExporter(contracts: loaded.contracts).document(scope)
        // What it writes is checked as the tests check it; a problem is the exporter's bug, told, not hidden.
        for problem in DocumentCheck.problems(in: document).prefix(20) { printError("warning: the document breaks a rule at \(problem)") }
        let asJSON = output.map { $0.hasSuffix(".json") } ?? json
        let text = asJSON ? document.jsonString(pretty: true) + "\n" : try YAMLText.write(document)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            let folder = (output as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            printError("cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
