import Conformance
import Contracts
import Foundation
import JSON
import Synchronization

/// Every divergence the proxy has seen, each once per endpoint and cause with how often, the
/// requests each endpoint saw, and the routes no contract has. Shared by every request; the
/// reports, the admin API and the console read it.
///
/// ```swift
/// let fresh = book.add(divergences, service: "traction")   // the ones not seen before: print them
/// let run = book.run(endpoints: contracts.endpoints, target: backends, startedAt: started)
/// ```
public final class DivergenceBook: Sendable {
    struct Entry {
        var divergence: Divergence
        var service: String
        var count: Int
    }

    struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var requests: [String: Int] = [:]
        var unmatched: [String: RunResult.UnmatchedRoute] = [:]
        var unmatchedOrder: [String] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// One more request reached `endpointID`.
    public func saw(_ endpointID: String) {
        state.withLock { $0.requests[endpointID, default: 0] += 1 }
    }

    /// Adds what one exchange showed; answers the divergences seen for the first time.
    @discardableResult
    public func add(_ divergences: [Divergence], service: String) -> [Divergence] {
        state.withLock { state in
            var fresh: [Divergence] = []
            for divergence in divergences {
                let key = Self.key(divergence)
                if state.entries[key] != nil {
                    state.entries[key]!.count += 1
                } else {
                    state.entries[key] = Entry(divergence: divergence, service: service, count: 1)
                    state.order.append(key)
                    fresh.append(divergence)
                }
            }
            return fresh
        }
    }

    /// A request no contract route matches; true the first time this method and path are seen.
    @discardableResult
    public func unmatched(method: String, path: String, service: String?) -> Bool {
        state.withLock { state in
            let key = "\(method) \(path)"
            if state.unmatched[key] != nil {
                state.unmatched[key]!.count += 1
                return false
            }
            state.unmatched[key] = RunResult.UnmatchedRoute(method: method, path: path, service: service, count: 1)
            state.unmatchedOrder.append(key)
            return true
        }
    }

    /// The same divergence on another item of a list (`/data/3/title`) is the same cause.
    static func key(_ divergence: Divergence) -> String {
        let pointer = divergence.pointer.map { $0.split(separator: "/", omittingEmptySubsequences: false).map { $0.allSatisfy(\.isNumber) && !$0.isEmpty ? "*" : String($0) }.joined(separator: "/") } ?? ""
        return [divergence.endpointID, divergence.kind.rawValue, pointer, divergence.message].joined(separator: "|")
    }

    public var total: Int { state.withLock { $0.entries.values.reduce(0) { $0 + $1.count } + $0.unmatched.values.reduce(0) { $0 + $1.count } } }

    /// `GET /__understudy/divergences`: each cause once, with its count, in the order first seen.
    public var json: JSONValue {
        state.withLock { state in
            let entries: [JSONValue] = state.order.compactMap { state.entries[$0] }.map { entry in
                var object: [(String, JSONValue)] = [
                    ("endpoint", .string(entry.divergence.endpointID)), ("service", .string(entry.service)),
                    ("kind", .string(entry.divergence.kind.rawValue)),
                ]
                if let pointer = entry.divergence.pointer { object.append(("pointer", .string(pointer))) }
                object.append(("message", .string(entry.divergence.message)))
                if let expected = entry.divergence.expected { object.append(("expected", .string(expected))) }
                if let actual = entry.divergence.actual { object.append(("actual", .string(actual))) }
                object.append(("count", .integer(entry.count)))
                return .object(.init(uniqueKeysWithValues: object))
            }
            let unmatched: [JSONValue] = state.unmatchedOrder.compactMap { state.unmatched[$0] }.map { route in
                ["method": .string(route.method), "path": .string(route.path), "service": route.service.map(JSONValue.string) ?? .null, "count": .integer(route.count)]
            }
            let requests = state.requests.values.reduce(0, +)
            return ["requests": .integer(requests), "divergences": .array(entries), "unmatched": .array(unmatched)]
        }
    }

    /// The traffic as a run, the shape `verify`'s reports take: one `traffic` case per endpoint that
    /// saw requests, failed with its divergences (each once, its count in the message).
    public func run(endpoints: [Endpoint], target: Target, startedAt: Date) -> RunResult {
        state.withLock { state in
            let reached = endpoints.filter { state.requests[$0.id] != nil }
            let results = reached.map { endpoint in
                let divergences = state.order.compactMap { state.entries[$0] }.filter { $0.divergence.endpointID == endpoint.id }.map { entry in
                    var divergence = entry.divergence
                    divergence.caseName = "traffic"
                    if entry.count > 1 { divergence.message += " (seen \(entry.count) times)" }
                    return divergence
                }
                let requests = state.requests[endpoint.id] ?? 0
                return CaseResult(endpointID: endpoint.id, service: endpoint.service, name: "traffic: \(requests) request\(requests == 1 ? "" : "s")",
                                  kind: .traffic, divergences: divergences).counting(requests)
            }
            var run = RunResult(startedAt: startedAt, target: target, credentials: ["kind": "traffic"], endpoints: reached, results: results)
            run.unmatched = state.unmatchedOrder.compactMap { state.unmatched[$0] }
            return run
        }
    }
}

extension CaseResult {
    /// The case stands for `requests` requests, as reports count them.
    func counting(_ requests: Int) -> CaseResult {
        var result = self
        result.exercised = Array(repeating: endpointID, count: max(1, requests))
        return result
    }
}
