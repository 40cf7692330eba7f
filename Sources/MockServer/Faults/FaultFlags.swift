import Foundation
import JSON

/// The `serve` fault flags: `--latency 100-500ms,path=/goals/*`, `--fail 'status=503,rate=0.2,times=3'`,
/// `--drop rate=0.1`; comma-separated `key=value` pairs with the admin API's keys.
public enum FaultFlags {
    /// The key a leading bare value stands for: `--latency 200ms`, `--fail 503`.
    static let bareKeys = ["latency": "delay", "fail": "status"]

    /// The rule `--<flag> text` asks for, or a one-line message saying what is wrong.
    public static func parse(_ effect: String, _ text: String) -> Result<FaultRule, FaultFlagError> {
        let flag = effect == "notReady" ? "--not-ready" : "--\(effect)"
        var fields: [String: JSONValue] = [:]
        for (index, item) in text.split(separator: ",", omittingEmptySubsequences: true).enumerated() {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key: String, value: Substring
            if pair.count == 2 {
                key = pair[0].trimmingCharacters(in: .whitespaces)
                value = pair[1]
            } else if index == 0, let bare = bareKeys[effect] {
                key = bare
                value = item
            } else {
                return .failure(FaultFlagError(flag, text, "'\(item)' is not key=value"))
            }
            guard fields[key] == nil else { return .failure(FaultFlagError(flag, text, "\(key) is given twice")) }
            fields[key] = .string(value.trimmingCharacters(in: .whitespaces))
        }
        return FaultSpec.rule(effect: effect, fields).mapError { FaultFlagError(flag, text, $0.summary) }
    }
}
