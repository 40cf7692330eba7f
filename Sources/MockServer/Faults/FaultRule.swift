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
        var object: JSONValue = ["id": .string(id), "effect": .string(effect.name)]
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

/// Which routed requests a rule applies to.
public enum FaultMatch: Sendable, Equatable {
    case all
    /// The contract's endpoint id, e.g. `listGoals`.
    case endpoint(String)
    /// A glob over the service-relative path (or the endpoint's path template).
    case path(PathGlob)
}

/// What a rule does to a request it applies to.
public enum FaultEffect: Sendable, Equatable {
    /// Wait before answering (the answer itself is unchanged unless another rule fails it).
    case latency(LatencyRange)
    /// Answer with this status in the error envelope; `Retry-After: retryAfter` seconds when set.
    case fail(status: Int, retryAfter: Int?)
    /// End the connection without a complete response.
    case drop
    /// `GET /health/ready` answers 503 with the contract's documented body.
    case notReady

    /// The `effect` key of the admin API.
    public var name: String {
        switch self {
        case .latency: "latency"
        case .fail: "fail"
        case .drop: "drop"
        case .notReady: "notReady"
        }
    }
}

/// A delay in milliseconds, fixed (`200ms`) or drawn uniformly from a range (`100-500ms`).
public struct LatencyRange: Sendable, Equatable, CustomStringConvertible {
    public var minimum: Int
    public var maximum: Int

    public init(milliseconds minimum: Int, _ maximum: Int? = nil) {
        self.minimum = minimum
        self.maximum = maximum ?? minimum
    }

    public var description: String { minimum == maximum ? "\(minimum)ms" : "\(minimum)-\(maximum)ms" }
}
