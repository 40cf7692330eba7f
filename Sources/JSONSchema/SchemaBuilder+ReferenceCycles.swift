import JSON

/// Finds `$ref` chains that lead back to themselves without descending into the instance,
/// reports each as a "reference cycle" problem, and cuts it so validation always terminates.
extension SchemaBuilder {
    mutating func breakReferenceCycles() {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 unseen, 1 on the stack, 2 done
        var stack: [Int] = []
        var acceptAll: Int?

        func visit(_ node: Int) {
            state[node] = 1
            stack.append(node)
            for keyword in nodes[node].keywords {
                for next in keyword.inPlaceChildren {
                    if state[next] == 1 {
                        reportCycle(Array(stack[stack.lastIndex(of: next)!...]))
                        let replacement = acceptAll ?? acceptAllNode()
                        if acceptAll == nil { acceptAll = replacement; state.append(2) }
                        replaceKeywords(of: node, with: nodes[node].keywords.map {
                            $0.redirectingInPlace(from: next, to: replacement)
                        })
                    } else if state[next] == 0 {
                        visit(next)
                    }
                }
            }
            stack.removeLast()
            state[node] = 2
        }

        for start in 0..<nodes.count where state[start] == 0 { visit(start) }
    }

    /// Reports the cycle once, at the `$ref` that sorts first, so every entry point reports the same problem.
    private mutating func reportCycle(_ cycle: [Int]) {
        var sites: [(location: SchemaLocation, position: Int)] = []
        for (position, node) in cycle.enumerated() {
            let next = cycle[(position + 1) % cycle.count]
            if nodes[node].keywords.contains(where: { if case .ref(next) = $0 { true } else { false } }) {
                sites.append((locations[node], position))
            }
        }
        func key(_ location: SchemaLocation) -> String {
            index.documents[location.document].uri + "#" + location.pointer.description
        }
        guard let first = sites.min(by: { key($0.location) < key($1.location) }) else { return }
        let ordered = cycle[first.position...] + cycle[..<first.position] + [cycle[first.position]]
        let chain = ordered.map { node -> String in
            let location = locations[node]
            let prefix = location.document == first.location.document ? "" : index.documents[location.document].uri
            return prefix + "#" + location.pointer.description
        }
        var location = first.location
        location.pointer = location.pointer.appending("$ref")
        report(location, "reference cycle: \(chain.joined(separator: " → ")) never reaches a schema")
    }
}

extension Keyword {
    /// Subschemas applied to the same instance (no descent): the edges along which evaluation could loop.
    var inPlaceChildren: [Int] {
        switch self {
        case .ref(let node), .not(let node): [node]
        case .allOf(let nodes), .anyOf(let nodes), .oneOf(let nodes): nodes
        case .dependentSchemas(let list): list.map(\.node)
        case .conditional(let rule): [rule.condition] + [rule.then, rule.otherwise].compactMap { $0 }
        default: []
        }
    }

    func redirectingInPlace(from old: Int, to new: Int) -> Keyword {
        func swap(_ node: Int) -> Int { node == old ? new : node }
        switch self {
        case .ref(let node): return .ref(swap(node))
        case .not(let node): return .not(swap(node))
        case .allOf(let nodes): return .allOf(nodes.map(swap))
        case .anyOf(let nodes): return .anyOf(nodes.map(swap))
        case .oneOf(let nodes): return .oneOf(nodes.map(swap))
        case .dependentSchemas(let list): return .dependentSchemas(list.map { ($0.name, swap($0.node)) })
        case .conditional(var rule):
            rule.condition = swap(rule.condition)
            rule.then = rule.then.map(swap)
            rule.otherwise = rule.otherwise.map(swap)
            return .conditional(rule)
        default: return self
        }
    }
}
