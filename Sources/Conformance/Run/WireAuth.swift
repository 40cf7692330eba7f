import Contracts
import Foundation
import JSON

/// The credentials one request carries: a token under a scheme, and a tenant (either may be absent).
struct WireAuth: Sendable {
    var token: String?
    var tenant: String?
    /// The scheme sent; nil sends the one services.yaml's `credentials` declares.
    var scheme: String?

    static let none = WireAuth(token: nil, tenant: nil)
}
