import ArgumentParser

/// `understudy openapi export|import`: the contracts as OpenAPI 3.1 documents, and contracts from
/// anyone's OpenAPI 3.0/3.1 document.
struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Export the contracts as OpenAPI 3.1, or import an OpenAPI 3.0/3.1 document as contracts and fixtures.",
        subcommands: [OpenAPIExportCommand.self, OpenAPIImportCommand.self]
    )
}
