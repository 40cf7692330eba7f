import Contracts
import JSON

/// Compares two versions of a schema, each read in its own contracts, and lists what changed.
///
/// ```swift
/// var comparison = SchemaComparison(old: before.sources, new: after.sources)
/// let deltas = comparison.compare(SchemaNode(oldBody), SchemaNode(newBody))
/// ```
///
/// `$ref`s are followed on both sides; a pair of referenced schemas already being compared is not
/// entered again, so recursive schemas end.
struct SchemaComparison {
    let old: SourceDocuments
    let new: SourceDocuments
    /// The referenced pairs being compared on the way down: a pair met again is a cycle.
    private var entered: Set<String> = []
    private var deltas: [SchemaDelta] = []

    init(old: SourceDocuments, new: SourceDocuments) {
        self.old = old
        self.new = new
    }

    mutating func compare(_ a: SchemaNode, _ b: SchemaNode) -> [SchemaDelta] {
        deltas = []
        entered = []
        walk(a, b, member: [], depth: 0)
        return deltas
    }

    private mutating func walk(_ a: SchemaNode, _ b: SchemaNode, member: [String], depth: Int) {
        guard depth < 48 else { return }
        let pair = a.key.flatMap { keyA in b.key.map { keyA + " " + $0 } }
        if let pair {
            guard entered.insert(pair).inserted else { return }
        }
        defer { if let pair { entered.remove(pair) } }
        let before = SchemaFacets(a, in: old)
        let after = SchemaFacets(b, in: new)
        let path = member.joined(separator: ".")
        var notes: [(SchemaDelta.Kind, String, String)] = []
        Self.compareTypes(before, after, &notes)
        Self.compareValues(before, after, &notes)
        Self.compareBounds(before, after, &notes)
        if before.isObject || after.isObject {
            if !before.closed, after.closed { notes.append((.closed, "unknown members are now refused", "additionalProperties")) }
            if before.closed, !after.closed { notes.append((.opened, "unknown members are now allowed", "additionalProperties")) }
        }
        Self.compareAlternativeCounts(before, after, &notes)
        deltas += notes.map { SchemaDelta(kind: $0.0, member: path, detail: $0.1, node: after.place.keyword($0.2), inOld: false) }
        if before.isObject || after.isObject { compareMembers(before, after, member: member, depth: depth) }
        if let itemsA = before.items, let itemsB = after.items {
            walk(itemsA, itemsB, member: appending(member, "[]"), depth: depth + 1)
        }
        if let mapA = before.additional, let mapB = after.additional {
            walk(mapA, mapB, member: appending(member, "*"), depth: depth + 1)
        }
        if let optionsA = before.alternatives, let optionsB = after.alternatives {
            for (index, pair) in zip(optionsA, optionsB).enumerated() {
                walk(pair.0, pair.1, member: member + ["(option \(index + 1))"], depth: depth + 1)
            }
        }
    }

    private func appending(_ member: [String], _ token: String) -> [String] {
        token == "[]" && !member.isEmpty ? member.dropLast() + [member.last! + "[]"] : member + [token]
    }

    private static func compareTypes(_ a: SchemaFacets, _ b: SchemaFacets, _ notes: inout [(SchemaDelta.Kind, String, String)]) {
        let typesA = a.types ?? []
        let typesB = b.types ?? []
        let lost = a.types == nil ? [] : typesA.filter { !b.allows(type: $0) }.sorted()
        let gained = b.types == nil ? [] : typesB.filter { !a.allows(type: $0) }.sorted()
        let written = { (types: Set<String>?) in types.map { $0.isEmpty ? "nothing" : $0.sorted().joined(separator: " or ") } ?? "any type" }
        if a.types != nil, b.types == nil {
            notes.append((.widened, "now allows any type (was \(written(a.types)))", "type"))
        } else if a.types == nil, b.types != nil {
            notes.append((.narrowed, "now limited to \(written(b.types))", "type"))
        } else if !lost.isEmpty, !gained.isEmpty {
            notes.append((.retyped, "type \(written(a.types)) → \(written(b.types))", "type"))
        } else if !lost.isEmpty {
            notes.append((.narrowed, "no longer allows \(lost.joined(separator: " or ")) (now \(written(b.types)))", "type"))
        } else if !gained.isEmpty {
            notes.append((.widened, "now also allows \(gained.joined(separator: " or "))", "type"))
        }
    }

    private static func compareValues(_ a: SchemaFacets, _ b: SchemaFacets, _ notes: inout [(SchemaDelta.Kind, String, String)]) {
        let listed = { (values: [JSONValue]) in values.map { $0.jsonString() }.joined(separator: ", ") }
        switch (a.values, b.values) {
        case (nil, let values?): notes.append((.narrowed, "now limited to \(listed(values))", "enum"))
        case (let values?, nil): notes.append((.widened, "no longer limited to \(listed(values))", "enum"))
        case (let before?, let after?):
            let lost = before.filter { old in !after.contains { $0.isJSONEqual(to: old) } }
            let gained = after.filter { new in !before.contains { $0.isJSONEqual(to: new) } }
            if !lost.isEmpty, !gained.isEmpty {
                notes.append((.retyped, "no longer allows \(listed(lost)); now allows \(listed(gained))", "enum"))
            } else if !lost.isEmpty {
                notes.append((.narrowed, "no longer allows \(listed(lost))", "enum"))
            } else if !gained.isEmpty {
                notes.append((.widened, "now allows \(listed(gained))", "enum"))
            }
        default: break
        }
    }

    private static func compareBounds(_ a: SchemaFacets, _ b: SchemaFacets, _ notes: inout [(SchemaDelta.Kind, String, String)]) {
        let number = { (value: Double) in value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value) }
        for (keys, lower) in [(SchemaFacets.lowerBounds, true), (SchemaFacets.upperBounds, false)] {
            for key in keys {
                switch (a.bounds[key], b.bounds[key]) {
                case (nil, let bound?): notes.append((.narrowed, "\(key) \(number(bound)) added", key))
                case (let bound?, nil): notes.append((.widened, "\(key) \(number(bound)) removed", key))
                case (let before?, let after?) where before != after:
                    let narrower = lower ? after > before : after < before
                    notes.append((narrower ? .narrowed : .widened, "\(key) \(number(before)) → \(number(after))", key))
                default: break
                }
            }
        }
        for key in SchemaFacets.restrictionKeys {
            switch (a.restrictions[key], b.restrictions[key]) {
            case (nil, let value?): notes.append((.narrowed, "\(key) \(value.jsonString()) added", key))
            case (let value?, nil): notes.append((.widened, "\(key) \(value.jsonString()) removed", key))
            case (let before?, let after?) where !before.isJSONEqual(to: after):
                notes.append((.retyped, "\(key) \(before.jsonString()) → \(after.jsonString())", key))
            default: break
            }
        }
    }

    private mutating func compareMembers(_ a: SchemaFacets, _ b: SchemaFacets, member: [String], depth: Int) {
        let namesA = a.properties.map(\.name) + a.required.subtracting(a.properties.map(\.name)).sorted()
        let namesB = b.properties.map(\.name) + b.required.subtracting(b.properties.map(\.name)).sorted()
        for name in namesA {
            let inner = member + [name]
            let label = inner.joined(separator: ".")
            guard namesB.contains(name) else {
                let nodeA = a.properties.first { $0.name == name }?.node ?? a.place
                deltas.append(SchemaDelta(kind: .memberRemoved(closed: b.closed), member: label, detail: "removed", node: nodeA, inOld: true))
                continue
            }
            let nodeB = b.properties.first { $0.name == name }?.node ?? b.place
            if a.required.contains(name), !b.required.contains(name) {
                deltas.append(SchemaDelta(kind: .memberOptional, member: label, detail: "is no longer required", node: nodeB, inOld: false))
            } else if !a.required.contains(name), b.required.contains(name) {
                deltas.append(SchemaDelta(kind: .memberRequired, member: label, detail: "is now required", node: nodeB, inOld: false))
            }
            if let nodeA = a.properties.first(where: { $0.name == name })?.node, let nodeB = b.properties.first(where: { $0.name == name })?.node {
                walk(nodeA, nodeB, member: inner, depth: depth + 1)
            }
        }
        for name in namesB where !namesA.contains(name) {
            let node = b.properties.first { $0.name == name }?.node ?? b.place
            let required = b.required.contains(name)
            deltas.append(SchemaDelta(kind: .memberAdded(required: required), member: (member + [name]).joined(separator: "."),
                                      detail: required ? "added, required" : "added", node: node, inOld: false))
        }
    }

    private static func compareAlternativeCounts(_ a: SchemaFacets, _ b: SchemaFacets, _ notes: inout [(SchemaDelta.Kind, String, String)]) {
        switch (a.alternatives, b.alternatives) {
        case (let options?, nil): notes.append((.widened, "no longer one of \(options.count) alternatives", "oneOf"))
        case (nil, let options?): notes.append((.narrowed, "now one of \(options.count) alternatives", "oneOf"))
        case (let before?, let after?) where after.count > before.count:
            notes.append((.widened, "\(after.count - before.count) more alternative\(after.count - before.count == 1 ? "" : "s") (now \(after.count))", "oneOf"))
        case (let before?, let after?) where after.count < before.count:
            notes.append((.narrowed, "\(before.count - after.count) alternative\(before.count - after.count == 1 ? "" : "s") fewer (now \(after.count))", "oneOf"))
        default: break
        }
    }
}
