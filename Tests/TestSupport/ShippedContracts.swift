import Contracts
import Fakes
import PurposePathFakes

/// The shipped contracts, fixtures and decision records, linted once for the whole test process:
/// every suite that needs them shares this one load instead of paying for its own.
public let shippedReport: Linter.Report = Linter.lint(
    contracts: repositoryRoot + "/contracts", fixtures: repositoryRoot + "/fixtures",
    decisions: repositoryRoot + "/docs/decisions.md", builtins: BuiltinRegistry.purposePath.catalog)
