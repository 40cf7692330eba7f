import ArgumentParser
import Contracts

/// `understudy lint`: every problem in every contract and fixture, as `path:line:col: error: message`.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check contracts and fixtures; print every problem as path:line:col.",
        discussion: "Exit status: 0 clean, 1 problems found, 2 usage error."
    )

    @OptionGroup var paths: ProjectPaths

    @Flag(help: "After linting, list the builtins the contracts still name (with their endpoints) and count the declarative endpoints.")
    var builtins = false

    func run() throws {
        let report = Linter.lint(contracts: paths.contracts, fixtures: paths.fixturesDirectory, decisions: paths.decisionsFile, builtins: registeredBuiltins.catalog)
        if builtins {
            BuiltinCensus(report.contracts, catalog: registeredBuiltins.catalog).lines.forEach { print($0) }
        }
        for diagnostic in report.diagnostics { print(diagnostic) }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let files = Set(report.diagnostics.map(\.location.file)).count
        if errors > 0 {
            print("\(errors) problem\(errors == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")")
            throw ExitCode(1)
        }
        let scenarios = report.scenarios.keys.sorted().joined(separator: ", ")
        print("ok: \(report.contracts.endpoints.count) endpoints, \(report.contracts.collections.count) collections, \(report.contracts.flows.count) flows" + (scenarios.isEmpty ? "" : ", scenarios: \(scenarios)"))
    }
}
