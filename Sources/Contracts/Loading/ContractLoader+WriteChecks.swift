import JSON
import JSONSchema

extension ContractLoader {
    /// Types a write's expressions in step order: each step sees the `$` names bound before it,
    /// `$item` and `$index` inside its own `each`, and a record of its collection where it reads
    /// one; the collections named must exist, emitted events must be declared, and the statuses
    /// refused must be among the endpoint's responses.
    func checkWrite(_ steps: [(FakeWrite.Step, [WriteCheck])], answer: [WriteCheck], tenant: WriteCheck?, endpointID: String, document: YAMLDocument) {
        guard let endpoint = endpoints.first(where: { $0.id == endpointID }) else { return }
        var variables: [String: ExpressionType] = [:]
        func check(_ item: WriteCheck, _ environment: ExpressionEnvironment) -> ExpressionType? {
            do throws(ExpressionProblem) { return try ExpressionChecker(environment).check(item.expression) } catch {
                diagnostics.error("\(item.what): \(error.message)", at: document.location(of: item.pointer))
                return nil
            }
        }
        if let tenant { _ = check(tenant, expressionEnvironment(for: endpoint)) }
        for (step, checks) in steps {
            var environment = expressionEnvironment(for: endpoint)
            environment.variables = variables
            var recordType = ExpressionType.any
            let location = step.location
            if let name = step.action.collection {
                if let collection = collections[name] {
                    recordType = .object(collection.schema?.shape)
                    if !collection.global, endpoint.auth == AuthRequirement.none, tenant == nil {
                        diagnostics.error("'\(endpointID)' has auth none, so its write can only change a global collection; '\(name)' is per tenant", at: location)
                    }
                } else {
                    diagnostics.error(unknownCollectionMessage(name), at: location)
                }
            }
            var bound = ExpressionType.any
            for item in checks {
                var inner = environment
                if item.role == .record {
                    inner.record = recordType
                    inner.current = recordType
                    if let name = step.action.collection { inner.currentName = "a '\(name)' record" }
                }
                let type = check(item, inner)
                if item.role == .each {
                    environment.variables["item"] = type?.element ?? .any
                    environment.variables["index"] = .number
                } else if case .bind = step.action, item.what == "step value" {
                    bound = type ?? .any
                }
            }
            switch step.action {
            case .require(_, let refusal) where endpoint.response(for: refusal.status) == nil:
                diagnostics.error("require status \(refusal.status) is not among the endpoint's responses", at: location)
            case .emit(let event, _, _) where !declaredEvents.contains(event):
                diagnostics.error(EditDistance.message("emitted event '\(event)' is not declared by any stream endpoint", for: event, among: declaredEvents), at: location)
            default: break
            }
            switch step.action {
            case .create: bound = recordType
            case .update, .delete: bound = .array(recordType)
            case .emit: bound = .any
            default: break
            }
            if let name = step.binding ?? step.action.boundName {
                variables[name] = step.each != nil && step.action.bindsOneValue ? .array(bound) : bound
            }
        }
        var environment = expressionEnvironment(for: endpoint)
        environment.variables = variables
        for item in answer { _ = check(item, environment) }
    }
}

extension FakeWrite.Action {
    /// The collection a create, update or delete changes.
    public var collection: String? {
        switch self {
        case .create(let name, _), .update(let name, _, _, _), .delete(let name, _): name
        default: nil
        }
    }

    /// The name a `let` binds without `as`.
    public var boundName: String? { if case .bind(let name, _) = self { name } else { nil } }

    /// Whether the step binds one value (a create or a let without `each`) rather than a list.
    public var bindsOneValue: Bool {
        switch self {
        case .bind, .create: true
        default: false
        }
    }
}
