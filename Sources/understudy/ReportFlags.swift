import ArgumentParser

/// The reports `verify` writes when it ends and `proxy` when it stops, and the baseline both honour.
struct ReportFlags: ParsableArguments {
    @Option(help: "Write the JSON report here.") var json: String?
    @Option(help: "Write a JUnit XML report here.") var junit: String?
    @Option(help: "Write a Markdown summary (sized for a PR comment) here.") var markdown: String?
    @Option(help: "Accept the divergences listed in this file (from verify --write-baseline): only new ones fail.") var baseline: String?
}
