import ArgumentParser
import Foundation

/// Where the shipped contracts, fixtures and decisions live, relative to the working directory.
struct ProjectPaths: ParsableArguments {
    @Argument(help: "The contracts directory.")
    var contracts: String = "contracts"

    @Option(help: "The fixtures directory (default: fixtures/ beside the contracts directory, if present).")
    var fixtures: String?

    @Option(help: "The decisions file cited by contracts (default: docs/decisions.md beside the contracts directory, if present).")
    var decisions: String?

    var projectRoot: String { ((contracts as NSString).standardizingPath as NSString).deletingLastPathComponent }

    var fixturesDirectory: String? {
        if let fixtures { return fixtures }
        let sibling = (projectRoot as NSString).appendingPathComponent("fixtures")
        return FileManager.default.fileExists(atPath: sibling) ? sibling : nil
    }

    var decisionsFile: String? {
        if let decisions { return decisions }
        let sibling = (projectRoot as NSString).appendingPathComponent("docs/decisions.md")
        return FileManager.default.fileExists(atPath: sibling) ? sibling : nil
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contracts, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no contracts directory at '\(contracts)'")
        }
        if let fixtures, !FileManager.default.fileExists(atPath: fixtures) {
            throw ValidationError("no fixtures directory at '\(fixtures)'")
        }
    }
}
