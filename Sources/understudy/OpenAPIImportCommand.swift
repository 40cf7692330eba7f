import ArgumentParser
import Contracts
import Foundation
import OpenAPIImport

/// `understudy openapi import FILE -o DIR`: DIR/contracts and DIR/fixtures/default from an OpenAPI
/// 3.0/3.1 document; what cannot be translated is printed as a warning with its JSON pointer.
struct OpenAPIImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn an OpenAPI 3.0 or 3.1 document into contracts and fixtures that `serve` runs statefully.",
        discussion: """
            Writes DIR/contracts/ and DIR/fixtures/default/. Then: understudy serve --contracts DIR/contracts \
            --fixtures DIR/fixtures --port 8080. Exit status: 0 written (warnings printed), 2 the document is not \
            valid OpenAPI or cannot be read.
            """
    )

    @Argument(help: "The OpenAPI document (YAML or JSON).") var file: String
    @Option(name: .shortAndLong, help: "The folder to write contracts/ and fixtures/ into.") var output: String
    @Option(help: "The service name in services.yaml (default: from the document's title).") var service: String?
    @Flag(help: "Replace contracts/ and fixtures/ in the output folder if they exist.") var force = false

    func run() throws {
        let result = OpenAPIImporter.run(file: file, service: service)
        for diagnostic in result.diagnostics { print(diagnostic) }
        guard let contracts = result.contracts else {
            printError("nothing written: \(file) is not an OpenAPI document this import can translate")
            throw ExitCode(2)
        }
        let manager = FileManager.default
        for folder in ["contracts", "fixtures"] {
            let path = (output as NSString).appendingPathComponent(folder)
            guard manager.fileExists(atPath: path) else { continue }
            guard force else {
                printError("\(path) exists; give --force to replace it")
                throw ExitCode(2)
            }
            try manager.removeItem(atPath: path)
        }
        do {
            try contracts.write(to: output)
        } catch {
            printError("cannot write into \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        print("wrote \(contracts.files.count) files into \(output) (service '\(contracts.service)'; \(warnings) warning\(warnings == 1 ? "" : "s"))")
    }
}
