import ArgumentParser
import Contracts

/// `understudy routes`: one `SERVICE METHOD PATH` line per endpoint, sorted, for coverage scripts.
struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Print one line per endpoint: SERVICE METHOD PATH, sorted."
    )

    @OptionGroup var paths: ProjectPaths

    @Flag(help: "Print each alias path as a line of its own too.")
    var aliases = false

    func run() throws {
        let loaded = ContractLoader.load(directory: paths.contracts, builtins: registeredBuiltins.catalog)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        for line in loaded.contracts.routeLines(includeAliases: aliases) { print(line) }
        if !errors.isEmpty {
            printError("\(errors.count) contract problem\(errors.count == 1 ? "" : "s"); run `understudy lint` for details")
            throw ExitCode(2)
        }
    }
}
