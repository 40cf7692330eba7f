import Contracts
import Fakes
import HTTPTypes
import Hummingbird
import JSON
import NIOCore
import OpenAPIExport

extension AdminAPI {
    /// `GET /__understudy/openapi/{service}.json|.yaml` (`all` for one document of every service,
    /// under the gateway prefixes): what `understudy openapi export` writes, live, with the CORS
    /// headers a browser-based viewer needs. `GET /__understudy/openapi` lists them.
    func openAPIRoute(_ parts: [String]) -> Response {
        let contracts = engine.contracts
        guard parts.count == 2 else {
            let names = ["all"] + contracts.services.map(\.name)
            return ok(.array(names.map { name in
                ["service": .string(name), "json": .string("\(Self.prefix)/openapi/\(name).json"), "yaml": .string("\(Self.prefix)/openapi/\(name).yaml")]
            }))
        }
        let file = parts[1]
        let format = file.hasSuffix(".json") ? "json" : file.hasSuffix(".yaml") || file.hasSuffix(".yml") ? "yaml" : nil
        let name = String(file.prefix { $0 != "." })
        guard let format, let scope = OpenAPIExporter.Scope(name, in: contracts) else {
            let known = (["all"] + contracts.services.map(\.name)).map { "\($0).json" }.joined(separator: ", ")
            return ResponseWriter.error(FakeError(status: 404, "No OpenAPI document '\(file)'; there are \(known) (and .yaml)", code: "ROUTE_NOT_FOUND"), in: contracts.conventions.envelope)
        }
        let document = OpenAPIExporter(contracts: contracts).document(scope)
        if format == "json" { return ResponseWriter.render(.json(document)) }
        do {
            let text = try YAMLText.write(document)
            return ResponseWriter.render(FakeResponse(status: 200, body: .bytes(Array(text.utf8), contentType: "application/yaml; charset=utf-8")))
        } catch {
            return ResponseWriter.error(.internalError("cannot write the document as YAML: \(error)"), in: contracts.conventions.envelope)
        }
    }
}
