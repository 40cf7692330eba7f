import Contracts
import Fakes
import JSON
import Testing

/// GET/PUT /business/onboarding: the record joined with products, partial updates and the products smart merge.
@Suite struct AccountOnboardingTests {
    @Test func getOnboardingJoinsTheFixtureRecordWithItsProducts() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let data = try #require(try await harness.call("getOnboarding", as: demo).jsonBody?["data"])
        #expect(data["businessName"] == "Acme Coaching")
        #expect(data["address"]?["city"] == "Portland")
        #expect(data["step4"]?["coreValuesStatus"] == "Completed")
        #expect(data["products"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["prod_exec_coaching", "prod_team_offsite", "prod_founder_circle"])
        #expect(data.objectValue?.keys.elements == ["businessName", "website", "address", "products", "step3", "step4"])
    }

    @Test func aTenantWithoutOnboardingGetsTheEmptyDefaultAndAPutCreatesTheRecord() async throws {
        let harness = try await EngineHarness()
        let registered = try await harness.call(
            "register", body: ["email": "new@startup.example", "password": "Startup123!", "first_name": "Nia", "last_name": "Okafor"])
        #expect(registered.status == 200)
        let newcomer = try await harness.login("new@startup.example", password: "Startup123!")
        let empty = try #require(try await harness.call("getOnboarding", as: newcomer).jsonBody?["data"])
        #expect(empty["businessName"] == "" && empty["website"] == "" && empty["products"] == [])
        #expect(empty["address"] == ["street": "", "city": "", "state": "", "zip": "", "country": ""])
        #expect(empty["step4"] == [
            "coreValues": [], "coreValuesStatus": "Not started", "purpose": "", "purposeStatus": "Not started", "vision": "",
            "visionStatus": "Not started",
        ])

        let saved = try await harness.call(
            "updateOnboarding", body: ["businessName": "Okafor Labs", "step3": ["niche": "Lab software"], "products": [["name": "LIMS", "problem": "Paper"]]],
            as: newcomer)
        #expect(saved.status == 200)
        let data = try #require(try await harness.call("getOnboarding", as: newcomer).jsonBody?["data"])
        #expect(data == saved.jsonBody?["data"])
        #expect(data["businessName"] == "Okafor Labs" && data["step3"] == ["niche": "Lab software", "ica": "", "valueProposition": ""])
        #expect(data["products"]?[0]?["id"]?.stringValue?.hasPrefix("prod_") == true)
        #expect(data["step4"]?["visionStatus"] == "Not started")
    }

    @Test func putOnboardingReplacesMergesAndSmartMergesProducts() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try await harness.call("getOnboarding", as: gina).jsonBody
        let step4: JSONValue = [
            "coreValues": ["Candor"], "coreValuesStatus": "In progress", "purpose": "", "purposeStatus": "Not started", "vision": "",
            "visionStatus": "Not started",
        ]
        let response = try await harness.call(
            "updateOnboarding",
            body: [
                "businessName": "Acme Leadership", "address": ["city": "Seattle", "state": "WA"], "step3": ["niche": "Founders"], "step4": step4,
                "products": [
                    ["id": "prod_team_offsite", "name": "Offsites", "problem": "Plans without owners."],
                    ["id": nil, "name": "Assessment Sprint", "problem": "Unknown habits."],
                ],
            ],
            as: demo)
        #expect(response.status == 200)
        let data = try #require(try await harness.call("getOnboarding", as: demo).jsonBody?["data"])
        #expect(data["businessName"] == "Acme Leadership" && data["website"] == "https://acmecoaching.example")
        #expect(data["address"]?["city"] == "Seattle" && data["address"]?["state"] == "WA" && data["address"]?["zip"] == "97201")
        #expect(data["step3"]?["niche"] == "Founders")
        #expect(data["step3"]?["valueProposition"] == "We turn a founder's instincts into a leadership team that runs the quarter without them.")
        #expect(data["step4"] == step4)
        let products = try #require(data["products"]?.arrayValue)
        #expect(products.count == 2)  // prod_exec_coaching and prod_founder_circle were left out: deleted
        #expect(products[0]["id"] == "prod_team_offsite" && products[0]["name"] == "Offsites")
        let created = try #require(products[1]["id"]?.stringValue)
        #expect(created.hasPrefix("prod_") && created.count == 5 + 12 && products[1]["name"] == "Assessment Sprint")
        #expect(try await harness.call("getOnboarding", as: gina).jsonBody == globex)

        let untouched = try await harness.call("updateOnboarding", body: ["website": "https://acme.example"], as: demo)
        #expect(untouched.jsonBody?["data"]?["products"]?.arrayValue?.count == 2)
        #expect(untouched.jsonBody?["data"]?["website"] == "https://acme.example")
    }

    @Test func anUnknownProductIdIsRefusedBeforeAnythingChanges() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let before = try await harness.call("getOnboarding", as: demo).jsonBody
        let refused = try await harness.call(
            "updateOnboarding",
            body: [
                "businessName": "Renamed",
                "products": [["id": "prod_exec_coaching", "name": "Coaching", "problem": "x"], ["id": "prod_globex_only", "name": "Nope", "problem": "y"]],
            ],
            as: demo)
        #expect(refused.status == 422)
        #expect(refused.jsonBody?["code"] == "VALIDATION_ERROR")
        #expect(refused.jsonBody?["errors"]?["products.1.id"] != nil)
        #expect(try await harness.call("getOnboarding", as: demo).jsonBody == before)
        let foreign = try await harness.call(
            "updateOnboarding", body: ["products": [["id": "prod_managed_ftl", "name": "Freight", "problem": "z"]]], as: demo)
        #expect(foreign.jsonBody?["errors"]?["products.0.id"] != nil)
    }
}
