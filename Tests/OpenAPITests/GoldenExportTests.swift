import Contracts
import Foundation
import OpenAPIExport
import TestSupport
import Testing

/// The exporter's whole output for a small API with each construct once (shorthands, a shared
/// response, an enum, tenancy, a stream), compared with a reviewed file: a change to the output
/// shows up in review as a diff of `Golden/shop.openapi.yaml`.
/// `UNDERSTUDY_UPDATE_GOLDEN=1 swift test --filter GoldenExportTests` rewrites it.
@Suite struct GoldenExportTests {
    static let folder = repositoryRoot + "/Tests/OpenAPITests/Golden"

    @Test func theSmallAPIExportsAsReviewed() throws {
        let loaded = ContractLoader.load(directory: Self.folder + "/shop/contracts")
        #expect(loaded.diagnostics.map(\.description) == [])
        let document = OpenAPIExporter(contracts: loaded.contracts).document(.all)
        #expect(DocumentCheck.problems(in: document).map(\.description) == [])
        let written = try YAMLText.write(document)
        let goldenPath = Self.folder + "/shop.openapi.yaml"
        if ProcessInfo.processInfo.environment["UNDERSTUDY_UPDATE_GOLDEN"] == "1" {
            try written.write(toFile: goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: goldenPath, encoding: .utf8)
        let differing = zip(written.split(separator: "\n", omittingEmptySubsequences: false), golden.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        #expect(written == golden, "first difference at line \((differing?.offset ?? 0) + 1): \(differing.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "lengths differ")")
    }
}
