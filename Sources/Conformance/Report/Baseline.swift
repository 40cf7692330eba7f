import JSON
import OrderedCollections

/// Divergences a pipeline has accepted (`--write-baseline FILE`, then `--baseline FILE`): a run fails
/// only on divergences not in it, and says which of its entries no longer occur.
///
/// An entry is identified by endpoint, case, kind and pointer — not by message or actual value, so a
/// known divergence stays known when, say, a timestamp in it changes.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Hashable, Comparable {
        public var endpoint: String
        public var caseName: String
        public var kind: String
        public var pointer: String?

        public init(endpoint: String, caseName: String, kind: String, pointer: String?) {
            self.endpoint = endpoint
            self.caseName = caseName
            self.kind = kind
            self.pointer = pointer
        }

        public init(_ divergence: Divergence) {
            self.init(endpoint: divergence.endpointID, caseName: divergence.caseName, kind: divergence.kind.rawValue, pointer: divergence.pointer)
        }

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.endpoint, a.caseName, a.kind, a.pointer ?? "") < (b.endpoint, b.caseName, b.kind, b.pointer ?? "")
        }
    }

    public var entries: Set<Entry>

    public init(entries: Set<Entry>) { self.entries = entries }

    /// Every divergence of a run (known ones included), to accept them all.
    public init(run: RunResult) {
        entries = Set(run.results.flatMap { $0.divergences.map(Entry.init) })
    }

    /// Why a baseline file cannot be used.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads the file `--write-baseline` wrote; a wrong shape says where.
    public init(json: JSONValue) throws(Problem) {
        guard let list = json["divergences"]?.arrayValue else {
            throw Problem(description: "not an understudy baseline: no 'divergences' list at the top level")
        }
        var entries = Set<Entry>()
        for (index, item) in list.enumerated() {
            guard let endpoint = item["endpoint"]?.stringValue, let caseName = item["case"]?.stringValue, let kind = item["kind"]?.stringValue else {
                throw Problem(description: "/divergences/\(index) needs string 'endpoint', 'case' and 'kind'")
            }
            entries.insert(Entry(endpoint: endpoint, caseName: caseName, kind: kind, pointer: item["pointer"]?.stringValue))
        }
        self.entries = entries
    }

    /// The file's content: sorted, so a re-written baseline diffs cleanly in review.
    public var json: JSONValue {
        let items: [JSONValue] = entries.sorted().map { entry in
            var members: OrderedDictionary<String, JSONValue> = [
                "endpoint": .string(entry.endpoint), "case": .string(entry.caseName), "kind": .string(entry.kind),
            ]
            if let pointer = entry.pointer { members["pointer"] = .string(pointer) }
            return .object(members)
        }
        return ["understudy": .string(Conformance.version), "divergences": .array(items)]
    }
}

extension RunResult {
    /// Marks the divergences the baseline holds as known, and lists its entries that did not occur
    /// in a case that ran (fixed since). A case whose divergences are all known has status `known`.
    public func applying(_ baseline: Baseline) -> RunResult {
        var run = self
        var seen = Set<Baseline.Entry>()
        for index in run.results.indices {
            for d in run.results[index].divergences.indices {
                let entry = Baseline.Entry(run.results[index].divergences[d])
                if baseline.entries.contains(entry) {
                    run.results[index].divergences[d].known = true
                    seen.insert(entry)
                }
            }
            if run.results[index].status == .failed, run.results[index].divergences.allSatisfy(\.known) {
                run.results[index].status = .known
            }
        }
        // A flow's divergences name the step's endpoint, not the one the flow is filed under: match flows by name.
        let ran = run.results.filter { $0.status != .skipped }
        let ranCases = Set(ran.map { "\($0.endpointID)\u{0}\($0.name)" })
        let ranFlows = Set(ran.filter { $0.kind == .flow }.map(\.name))
        run.fixedSinceBaseline = baseline.entries.subtracting(seen)
            .filter { entry in ranCases.contains("\(entry.endpoint)\u{0}\(entry.caseName)") || ranFlows.contains(entry.caseName) }
            .sorted()
        return run
    }
}
