import Contracts
import JSON

/// One fault: which requests it applies to, what it does, how often, and for how many more calls.
public struct FaultRule: Sendable, Equatable {
    /// `f1`, `f2`, …, given by the injector when the rule is added; empty before.
    public var id: String
    public var match: FaultMatch
    public var effect: FaultEffect
    /// The share of matching requests it applies to, 0…1.
    public var rate: Double
    /// How many applications it was added with; nil until removed.
    public var times: Int?
    /// Applications left; the rule disappears when it reaches 0.
    public var remaining: Int?
    /// How many requests it has applied to so far (the dashboard shows it).
    public var applied = 0

    public init(id: String = "", match: FaultMatch = .all, effect: FaultEffect, rate: Double = 1, times: Int? = nil) {
        self.id = id
        self.match = match
        self.effect = effect
        self.rate = rate
        self.times = times
        self.remaining = times
    }

    /// As `GET /__understudy/faults` lists it: the keys `POST` accepts, plus `id` and `remaining`.
    public var json: JSONValue {
        var object: JSONValue = ["id": .string(id), "effect": .string(effect.name), "applied": .integer(applied)]
        switch effect {
        case .latency(let range): object["delay"] = .string(range.description)
        case .fail(let status, let retryAfter):
            object["status"] = .integer(status)
            if let retryAfter { object["retryAfter"] = .integer(retryAfter) }
        case .drop, .notReady: break
        }
        switch match {
        case .all: break
        case .endpoint(let id): object["endpoint"] = .string(id)
        case .path(let glob): object["path"] = .string(glob.pattern)
        }
        object["rate"] = .number(rate)
        object["times"] = times.map(JSONValue.integer) ?? .null
        object["remaining"] = remaining.map(JSONValue.integer) ?? .null
        return object
    }
}
