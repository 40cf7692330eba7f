import JSON
import JSONSchema

/// How a protected endpoint authenticates its caller.
public enum AuthRequirement: String, Sendable, CaseIterable {
    /// Public or pre-login.
    case none
    /// `Authorization: Bearer` + `X-Tenant-Id` matching the token's tenant.
    case tenant
    /// As `tenant`, and the user holds the admin role.
    case admin
    /// Token and tenant as `access_token` and `tenant` query parameters (SSE).
    case query

    public var isProtected: Bool { self != .none }
}
