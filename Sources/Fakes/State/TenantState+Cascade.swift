import CivilTime
import Contracts
import Foundation
import JSON
import OrderedCollections

extension TenantState {
    /// Removes a record and, through the collections' declared parents, its children and theirs.
    mutating func removeCascading(_ collection: String, id: String, collections: [String: ResourceCollection]) {
        _ = remove(collection, id: id)
        for child in collections.values where child.parent?.collection == collection {
            guard let field = child.parent?.field else { continue }
            for record in all(child.name) where record[field]?.recordKey == id {
                guard let childID = record[child.idField]?.recordKey else { continue }
                removeCascading(child.name, id: childID, collections: collections)
            }
        }
    }
}

extension ResourceCollection {
    /// Sets the declared timestamps of a record being created or changed.
    func stamp(_ members: inout OrderedDictionary<String, JSONValue>, created: Bool, now: Date) {
        guard let fields = timestamps else { return }
        let time = JSONValue.string(now.rfc3339)
        if created || members[fields.created] == nil { members[fields.created] = time }
        members[fields.updated] = time
    }
}
