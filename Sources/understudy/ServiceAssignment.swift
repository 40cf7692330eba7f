import ArgumentParser
import Contracts

/// `SERVICE=VALUE` as `--listen traction=8002` and `--target traction=https://…` write it: a value per
/// service of services.yaml, so the flags name no particular API's services.
struct ServiceAssignment: Sendable, Equatable {
    var service: String
    var value: String

    /// `traction=8002` → (traction, 8002); a missing `=` or an empty side is a usage error.
    static func parse(_ text: String, flag: String) throws -> ServiceAssignment {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
            throw ValidationError("--\(flag) takes SERVICE=VALUE, got '\(text)'")
        }
        return ServiceAssignment(service: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }

    /// The assignments as a map, after the per-service aliases (`--account-port`), each checked
    /// against the contracts' services; a service given twice or unknown is a usage error.
    static func merge(_ assignments: [ServiceAssignment], aliases: [String: String], flag: String, services: [Service]) throws -> [String: String] {
        var merged = aliases
        for assignment in assignments {
            guard services.contains(where: { $0.name == assignment.service }) else {
                let names = services.map(\.name).joined(separator: ", ")
                throw ValidationError("--\(flag) names unknown service '\(assignment.service)' (services.yaml has: \(names))")
            }
            if let given = merged[assignment.service], given != assignment.value {
                throw ValidationError("--\(flag) gives \(assignment.service) twice (\(given) and \(assignment.value))")
            }
            merged[assignment.service] = assignment.value
        }
        return merged
    }
}
