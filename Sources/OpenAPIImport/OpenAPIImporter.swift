import Contracts
import Foundation
import JSON

/// `understudy openapi import`: an OpenAPI 3.0 or 3.1 document (YAML or JSON, local `$ref`s across
/// files followed) as contracts and fixtures that `lint` accepts and `serve` runs statefully.
///
/// read (with source marks) → check (OpenAPIKit) → translate → write. Every problem is a
/// diagnostic with the file, line and column; what cannot be translated is a warning naming its
/// JSON pointer.
///
/// ```swift
/// let result = OpenAPIImporter.run(file: "petstore.yaml", service: "petstore")
/// result.diagnostics.forEach { print($0) }
/// try result.contracts?.write(to: "petstore-mock")
/// ```
public enum OpenAPIImporter {
    public struct Result: Sendable {
        /// Nil when the document could not be read or is not valid OpenAPI.
        public var contracts: ImportedContracts?
        public var diagnostics: [Diagnostic]
    }

    public static func run(file: String, service: String? = nil) -> Result {
        let diagnostics = DiagnosticsCollector()
        guard let sources = OpenAPISources.read(path: file, diagnostics: diagnostics),
              let version = OpenAPIStructureCheck.version(of: sources, diagnostics: diagnostics),
              !diagnostics.hasErrors,
              OpenAPIStructureCheck.check(sources, version: version, diagnostics: diagnostics)
        else { return Result(contracts: nil, diagnostics: diagnostics.sorted) }
        let name = service ?? serviceName(title: sources.root.root["info"]?["title"]?.stringValue, file: file)
        let notes = ImportNotes(sources: sources, diagnostics: diagnostics)
        let translation = ContractTranslation(sources: sources, notes: notes, service: name, legacy: version == .v30)
        let contracts = translation.run()
        return Result(contracts: contracts, diagnostics: diagnostics.diagnostics)
    }

    /// `swagger-petstore` for "Swagger Petstore"; the file's name when there is no title.
    static func serviceName(title: String?, file: String) -> String {
        let words = (title ?? (file as NSString).lastPathComponent.split(separator: ".").first.map(String.init) ?? "api")
            .lowercased().split { !$0.isLetter && !$0.isNumber }
        let name = words.joined(separator: "-")
        return name.isEmpty ? "api" : name
    }
}
