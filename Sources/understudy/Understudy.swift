import ArgumentParser
import Foundation

/// The `understudy` command: serve the contracts as fakes, verify a deployment against them, lint them.
@main
struct UnderstudyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "understudy",
        abstract: "Contract-driven mock and conformance server for the PurposePath API.",
        discussion: """
            Contracts (YAML, in contracts/) describe every endpoint; fixtures (fixtures/<scenario>/) seed \
            the fakes. See docs/contract-format.md.
            """,
        subcommands: [ServeCommand.self, VerifyCommand.self, LintCommand.self, RoutesCommand.self]
    )

    /// Exit statuses: 0 success, 1 problems found, 2 usage or input errors (ArgumentParser's own
    /// usage errors would exit 64; every command of this tool promises 2).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

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
