import JSON

extension BuiltinRegistry {
    /// `health`: the four documented probes (`options.probe`: basic, detailed, ready, live).
    mutating func registerHealth() {
        register("health") { call throws(FakeError) in
            let service = call.stringOption("service") ?? "PurposePath Service"
            let timestamp = JSONValue.string(call.now.rfc3339)
            switch call.stringOption("probe") ?? "basic" {
            case "ready":
                return .data(["status": "Ready", "timestamp": timestamp, "message": "Service is ready to accept requests"])
            case "live":
                return .data(["status": "Alive", "timestamp": timestamp, "message": "Service is running"])
            case "detailed":
                return .data([
                    "status": "Healthy", "service": .string(service), "version": .string(Understudy.version),
                    "timestamp": timestamp, "environment": "local",
                    "checks": [
                        ["component": "API", "status": "Healthy", "description": "API is responsive"],
                        ["component": "Application", "status": "Healthy", "description": "Application is running normally"],
                        ["component": "Configuration", "status": "Healthy", "description": "Environment: local"],
                    ],
                ])
            default:
                return .data([
                    "status": "Healthy", "service": .string(service), "version": .string(Understudy.version),
                    "timestamp": timestamp, "environment": "local",
                ])
            }
        }
    }
}

/// Facts about this build of Understudy.
public enum Understudy {
    public static let version = "0.1.0"
}
