import Contracts
import Fakes
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Collects the real ports (port 0 picks a free one) until every listener is up (`serve`, `proxy`).
public actor BoundPorts {
    private var ports: [(name: String, port: Int)] = []
    private let expected: Int

    public init(expected: Int) { self.expected = expected }

    public func add(name: String, port: Int) -> [(name: String, port: Int)]? {
        ports.append((name, port))
        return ports.count == expected ? ports : nil
    }
}
