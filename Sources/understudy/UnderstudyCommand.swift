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
        subcommands: [ServeCommand.self, VerifyCommand.self, ProxyCommand.self, LintCommand.self, RoutesCommand.self, OpenAPICommand.self, DiffCommand.self]
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
