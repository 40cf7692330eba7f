import Contracts
import Fakes
import Foundation
import Synchronization

/// What the listeners serve at one time: an engine over one contract set, and each listener's
/// chain of stages built over it. A reload (`serve --watch`) builds a new generation and swaps it
/// in whole; a request runs start to end on the generation it began on.
final class ServingGeneration: Sendable {
    let engine: FakeEngine
    let listeners: [Listener]
    let responders: [ListenerResponder]

    init(engine: FakeEngine, listeners: [Listener], options: MockOptions, log: RequestLog, started: Date, urls: ListenerURLs) {
        self.engine = engine
        self.listeners = listeners
        // The headers a browser may send and read come from services.yaml's `cors`.
        var options = options
        options.cors = options.cors.declaring(engine.contracts.conventions.cors)
        let envelope = engine.contracts.conventions.envelope
        var stages: any EndpointStages = ContractStages(engine: engine, heartbeat: options.heartbeat)
        if options.strict { stages = StrictStages(base: stages) }
        if let plan = options.mutations { stages = MutatingStages(base: stages, plan: plan) }
        let admin = AdminAPI(engine: engine, log: log, started: started, urls: urls, report: options.report)
        responders = listeners.map { listener in
            ListenerResponder(
                log: RequestLogMiddleware(log: log, listener: listener.name, tenancy: engine.contracts.conventions.tenancy),
                crossOrigin: CrossOriginMiddleware(policy: options.cors, envelope: envelope),
                admin: AdminMiddleware(admin: admin, faults: options.faults, mutations: options.mutations, prefixes: listener.mounts.map(\.prefix).filter { !$0.isEmpty }),
                routing: RoutingMiddleware(listener: listener, envelope: envelope),
                faults: FaultMiddleware(faults: options.faults, engine: engine),
                endpoint: EndpointResponder(stages: stages, maxBodyBytes: options.maxBodyBytes))
        }
    }
}

/// The generation in force. Reading it is one lock and one retain per request; replacing it is
/// what a reload does last, after the new generation is complete.
final class LiveGeneration: Sendable {
    private let current: Mutex<ServingGeneration>

    init(_ generation: ServingGeneration) { current = Mutex(generation) }

    var generation: ServingGeneration { current.withLock { $0 } }

    /// Puts `next` in force and answers the one it replaced.
    @discardableResult
    func replace(with next: ServingGeneration) -> ServingGeneration {
        current.withLock { current in
            let previous = current
            current = next
            return previous
        }
    }
}
