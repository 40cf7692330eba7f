import ArgumentParser
import Conformance
import Foundation
import JSON

/// A `--baseline` file of `verify` or `proxy`; unreadable or malformed is a usage error (exit 2) naming the file.
enum BaselineFile {
    static func read(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("cannot read the baseline \(path)")
            throw ExitCode(2)
        }
        do {
            return try Baseline(json: try JSONParser.parse(Array(data)))
        } catch {
            printError("\(path): \(error)")
            throw ExitCode(2)
        }
    }
}
