import Contracts
import Fakes
import JSON

extension BuiltinRegistry {
    /// The company report of docs/builtins.md (a binary document: it stays Swift).
    mutating func registerAnalytics() {
        register("companyReport", description: "A PDF or DOCX company report built from the tenant's goals, actions and readings.") { call throws(FakeError) in try CompanyReport.respond(call) }
    }
}
