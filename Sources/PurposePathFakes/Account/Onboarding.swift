import Contracts
import Fakes
import Foundation
import JSON
import OrderedCollections

extension BuiltinRegistry {
    /// PUT /business/onboarding: the `onboarding` singleton and the `products` collection in one write
    /// (GET is a view in onboarding.yaml).
    mutating func registerOnboarding() {
        register("updateOnboarding", description: "Updates onboarding fields and smart-merges products in one call.") { call throws(FakeError) in try call.updateOnboarding() }
    }
}

/// The onboarding record's empty default and the OnboardingData view (record + products).
enum OnboardingData {
    static let collection = "onboarding"
    static let products = "products"

    /// What a tenant without an onboarding record sees: empty strings and lists, every status `Not started`.
    static let empty: OrderedDictionary<String, JSONValue> = [
        "businessName": "", "website": "",
        "address": ["street": "", "city": "", "state": "", "zip": "", "country": ""],
        "step3": ["niche": "", "ica": "", "valueProposition": ""],
        "step4": [
            "coreValues": [], "coreValuesStatus": "Not started", "purpose": "", "purposeStatus": "Not started",
            "vision": "", "visionStatus": "Not started",
        ],
    ]

    /// The stored record laid over the empty default, so every required member is present.
    static func record(of tenant: TenantState) -> OrderedDictionary<String, JSONValue> {
        var members = empty
        for (key, value) in tenant.singleton(collection)?.objectValue ?? [:] where key != products {
            if let defaults = members[key]?.objectValue, let stored = value.objectValue, key != "step4" {
                members[key] = .object(defaults.merging(stored) { _, new in new })
            } else {
                members[key] = value
            }
        }
        return members
    }

    /// OnboardingData: the record with `products` (creation order) after `address`, as documented.
    static func view(of tenant: TenantState) -> JSONValue {
        var members = record(of: tenant)
        let index = (members.index(forKey: "address") ?? members.count - 1) + 1
        members.updateValue(.array(tenant.all(products)), forKey: products, insertingAt: min(index, members.count))
        return .object(members)
    }
}

extension BuiltinCall {
    /// Replaces businessName/website, merges address/step3, replaces step4, smart-merges products;
    /// an unknown product id is refused before anything is written.
    func updateOnboarding() throws(FakeError) -> FakeResponse {
        let tenantID = try caller().tenantID
        let changes = body.objectValue ?? [:]
        let productCollection = engine.contracts.collections[OnboardingData.products]
        let prefix = productCollection?.idPrefix ?? "prod_"
        let stamps = productCollection?.timestamps
        let time = JSONValue.string(now.rfc3339)
        let data = try engine.store.mutate { (state: inout FakeState) throws(FakeError) -> JSONValue in
            try state.withAccountTenant(tenantID) { (tenant: inout TenantState) throws(FakeError) -> JSONValue in
                let items = changes[OnboardingData.products]?.arrayValue
                var problems: [String: String] = [:]
                for (index, item) in (items ?? []).enumerated() {
                    if let id = item["id"]?.stringValue, tenant.record(OnboardingData.products, id: id) == nil {
                        problems["products.\(index).id"] = "no product with id '\(id)'"
                    }
                }
                guard problems.isEmpty else { throw .validation(problems) }
                var record = OnboardingData.record(of: tenant)
                for key in ["businessName", "website", "step4"] { if let value = changes[key] { record[key] = value } }
                for key in ["address", "step3"] {
                    guard let sent = changes[key]?.objectValue else { continue }
                    record[key] = .object((record[key]?.objectValue ?? [:]).merging(sent) { _, new in new })
                }
                tenant.setSingleton(OnboardingData.collection, .object(record))
                if let items {
                    tenant.replaceAll(OnboardingData.products, with: Self.mergeProducts(items, into: tenant, prefix: prefix, stamps: stamps, time: time))
                }
                return OnboardingData.view(of: tenant)
            }
        }
        return .data(data)
    }

    /// The smart merge: an item with an id updates that product, one without creates a product;
    /// the result (in the array's order) replaces the collection, so missing products are deleted.
    static func mergeProducts(
        _ items: [JSONValue], into tenant: TenantState, prefix: String, stamps: (created: String, updated: String)?, time: JSONValue
    ) -> [(id: String, record: JSONValue)] {
        items.map { item in
            var sent = item.objectValue ?? [:]
            sent.removeValue(forKey: "id")
            if let id = item["id"]?.stringValue, var existing = tenant.record(OnboardingData.products, id: id)?.objectValue {
                for (key, value) in sent { existing[key] = value }
                if let stamps { existing[stamps.updated] = time }
                return (id, .object(existing))
            }
            let id = IDGenerator.make(prefix: prefix)
            var members: OrderedDictionary<String, JSONValue> = ["id": .string(id)]
            for (key, value) in sent { members[key] = value }
            if let stamps {
                members[stamps.created] = time
                members[stamps.updated] = time
            }
            return (id, .object(members))
        }
    }
}

extension FakeState {
    /// Runs `body` on one tenant's records in place; a tenant that does not exist is 403.
    mutating func withAccountTenant<T>(_ id: String, _ body: (inout TenantState) throws(FakeError) -> T) throws(FakeError) -> T {
        guard tenants[id] != nil else { throw .forbidden("Tenant '\(id)' does not exist") }
        return try body(&tenants[id, default: TenantState(id: id, name: id)])
    }
}
