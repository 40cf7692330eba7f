import Contracts
import Foundation
import JSON

/// Builds a `FaultRule` from the keys the admin API (`POST /__understudy/faults`) and the serve flags share.
///
/// | effect | its keys | every effect |
/// |---|---|---|
/// | `latency` | `delay` (`200ms`, `100-500ms`, `1.5s`, or a number of ms) | `endpoint` or `path`, `rate` (0–1, default 1), `times` |
/// | `fail` | `status` (400–599, default 503), `retryAfter` (seconds; 429 defaults to 1) | |
/// | `drop`, `notReady` | — | |
public enum FaultSpec {
    static let effectKeys: [String: [String]] = ["latency": ["delay"], "fail": ["status", "retryAfter"], "drop": [], "notReady": []]
    static let commonKeys = ["endpoint", "path", "rate", "times"]
    static let effects = ["latency", "fail", "drop", "notReady"]
    /// The longest delay accepted, 10 minutes.
    static let maximumDelay = 600_000

    /// A rule from an admin API body: `{"effect": "fail", "status": 503, "rate": 0.2, "endpoint": "listGoals"}`.
    public static func rule(json: JSONValue) -> Result<FaultRule, FaultSpecError> {
        guard let object = json.objectValue else {
            return .failure(FaultSpecError(["body": "must be a JSON object with an effect: \(effects.joined(separator: ", "))"]))
        }
        guard let effect = object["effect"]?.stringValue else {
            return .failure(FaultSpecError(["effect": "is required: one of \(effects.joined(separator: ", "))"]))
        }
        return rule(effect: effect, Dictionary(uniqueKeysWithValues: object.filter { $0.key != "effect" }.map { ($0.key, $0.value) }))
    }

    /// A rule of `effect` from its other keys; every problem is reported, by key.
    public static func rule(effect: String, _ fields: [String: JSONValue]) -> Result<FaultRule, FaultSpecError> {
        guard let own = effectKeys[effect] else {
            return .failure(FaultSpecError(["effect": "'\(effect)' is not an effect; use one of \(effects.joined(separator: ", "))"]))
        }
        var errors: [String: String] = [:]
        let allowed = own + commonKeys
        for key in fields.keys where !allowed.contains(key) {
            errors[key] = "is not a key of a \(effect) fault; use \(allowed.joined(separator: ", "))"
        }
        let match: FaultMatch
        switch (text(fields["endpoint"]), text(fields["path"])) {
        case (.some, .some): errors["path"] = "give endpoint or path, not both"; match = .all
        case (let id?, nil): match = .endpoint(id)
        case (nil, let glob?): match = .path(PathGlob(glob))
        case (nil, nil): match = .all
        }
        for key in ["endpoint", "path"] where fields[key] != nil && text(fields[key]) == nil { errors[key] = "must be a non-empty string" }
        let rate = number(fields["rate"]) ?? 1
        if fields["rate"] != nil, number(fields["rate"]).map({ (0...1).contains($0) }) != true { errors["rate"] = "must be a number from 0 to 1" }
        let times = integer(fields["times"])
        if fields["times"] != nil, (times ?? 0) < 1 { errors["times"] = "must be a whole number of at least 1" }

        var result: FaultEffect = .drop
        switch effect {
        case "latency":
            switch fields["delay"] {
            case nil: errors["delay"] = "is required, e.g. 200ms or 100-500ms"
            case .string(let text)?:
                switch LatencyText.parse(text) {
                case .success(let range): result = .latency(range)
                case .failure(let message): errors["delay"] = message.text
                }
            case let value?:
                if let milliseconds = integer(value), (0...maximumDelay).contains(milliseconds) {
                    result = .latency(LatencyRange(milliseconds: milliseconds))
                } else {
                    errors["delay"] = "must be a duration like 200ms or 100-500ms, or whole milliseconds"
                }
            }
        case "fail":
            let status = fields["status"] == nil ? 503 : integer(fields["status"])
            var retryAfter = integer(fields["retryAfter"])
            if let status, (400...599).contains(status) {} else { errors["status"] = "must be an HTTP error status from 400 to 599" }
            if fields["retryAfter"] != nil, (retryAfter ?? -1) < 0 { errors["retryAfter"] = "must be a whole number of seconds" }
            if status == 429, retryAfter == nil { retryAfter = 1 }
            result = .fail(status: status ?? 503, retryAfter: retryAfter)
        case "notReady":
            result = .notReady
        default:
            result = .drop
        }
        guard errors.isEmpty else { return .failure(FaultSpecError(errors)) }
        return .success(FaultRule(match: match, effect: result, rate: rate, times: times))
    }

    private static func text(_ value: JSONValue?) -> String? {
        guard let string = value?.stringValue?.trimmingCharacters(in: .whitespaces), !string.isEmpty else { return nil }
        return string
    }

    private static func number(_ value: JSONValue?) -> Double? {
        value?.doubleValue ?? value?.stringValue.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        value?.intValue ?? value?.stringValue.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
