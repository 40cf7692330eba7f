// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "understudy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "understudy", targets: ["understudy"]),
        .library(name: "Contracts", targets: ["Contracts"]),
        // The engine without HTTP, for Benchmarks/ (micro-benchmarks of the hot pieces).
        .library(name: "UnderstudyCore", targets: ["JSON", "JSONSchema", "Contracts", "Fakes"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Already in the graph through jwt-kit; named for HMAC-SHA256 in verify's properly signed expired tokens.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Already in the graph through Hummingbird; named for ByteBuffer in the fakes and a test's raw socket server.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // The OpenAPI 3.0/3.1 model: parsing and validating the documents `openapi import` reads.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
        // Already in the graph through AsyncHTTPClient and Hummingbird; named for the proxy's own
        // channel-level forwarding (TLS to https backends, the listener as a Service).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // JSON values with ordered keys, a strict parser with byte offsets, an encoder, JSON pointers.
        .target(
            name: "JSON",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // JSON Schema (2020-12 subset): compile once, validate many times; shared by mock and runner.
        // The civil calendar: days, months and RFC 3339 instants without time zones (one home for date code).
        .target(name: "CivilTime"),
        .target(name: "JSONSchema", dependencies: ["JSON", "CivilTime"]),
        // The contract model: YAML loading with source locations, $ref resolution, path templates, lint.
        .target(
            name: "Contracts",
            dependencies: ["JSON", "JSONSchema", .product(name: "Yams", package: "Yams")]
        ),
        // The stateful fakes: per-tenant state seeded from fixtures, the behaviour engine, auth sessions, events.
        .target(
            name: "Fakes",
            dependencies: [
                "Contracts", "JSON", "JSONSchema", "CivilTime",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Durable state (`--state FILE`): the fakes' changes in SQLite, WAL mode, readable with sqlite3.
        // PurposePath's behaviours that are code, not contracts (sign-in, subscriptions, KPI numbers,
        // reports…), registered on the engine through the public `BuiltinRegistry` — the same way a
        // team with another API registers its own. The core targets know no PurposePath.
        .target(
            name: "PurposePathFakes",
            dependencies: [
                "Fakes", "Contracts", "JSON", "CivilTime",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "SQLiteState",
            dependencies: ["Fakes", "JSON", .product(name: "SQLiteNIO", package: "sqlite-nio")]
        ),
        // HTTP: one responder over the compiled route tables, validation, CORS, admin API.
        .target(
            name: "MockServer",
            dependencies: [
                "Fakes", "Contracts", "JSON", "JSONSchema", "OpenAPIExport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            resources: [.embedInCode("Dashboard/index.html"), .embedInCode("Dashboard/dashboard.css"), .embedInCode("Dashboard/dashboard.js")]
        ),
        // OpenAPI 3.1 out: the contracts as a document client generators, portals and testers read.
        .target(
            name: "OpenAPIExport",
            dependencies: ["Contracts", "JSON", "JSONSchema", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // OpenAPI 3.0/3.1 in: anyone's document as contracts and fixtures a stateful mock serves.
        .target(
            name: "OpenAPIImport",
            dependencies: [
                "Contracts", "JSON", "JSONSchema",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // `understudy verify`: cases planned from the contracts, replayed over HTTP, divergences reported.
        .target(
            name: "Conformance",
            dependencies: [
                "Contracts", "JSON", "JSONSchema",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // `understudy proxy`: the contracts checked live between a client and a real backend, and recorded.
        .target(
            name: "ContractProxy",
            dependencies: [
                "Contracts", "Conformance", "MockServer", "Fakes", "JSON",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // Two versions of the contracts compared as a client sees them: breaking and compatible changes.
        .target(
            name: "ContractDiff",
            dependencies: ["Contracts", "JSON", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // `serve --watch`: edits below the contracts and fixtures noticed, linted and put in force live.
        .target(name: "LiveReload", dependencies: ["Contracts", "Fakes", "MockServer"]),
        // The command-line interface.
        .executableTarget(
            name: "understudy",
            dependencies: [
                "Contracts", "MockServer", "Fakes", "PurposePathFakes", "SQLiteState", "Conformance", "JSON", "OpenAPIExport", "OpenAPIImport", "ContractProxy", "ContractDiff", "LiveReload",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Helpers shared by the test targets (temporary contract directories, running the CLI).
        .target(name: "TestSupport", dependencies: ["Contracts", "Fakes", "PurposePathFakes"], path: "Tests/TestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema", "JSON"]),
        .testTarget(
            name: "ContractsTests", dependencies: ["Contracts", "JSON", "JSONSchema", "TestSupport"],
            exclude: ["Resources"]
        ),
        .testTarget(name: "FakesTests", dependencies: ["Fakes", "PurposePathFakes", "Contracts", "JSON", "JSONSchema", "CivilTime", "TestSupport"]),
        .testTarget(
            name: "SQLiteStateTests",
            dependencies: ["SQLiteState", "Fakes", "PurposePathFakes", "Contracts", "JSON", "TestSupport", .product(name: "SQLiteNIO", package: "sqlite-nio")]
        ),
        .testTarget(
            name: "MockServerTests",
            dependencies: [
                "LiveReload",
                "MockServer", "Fakes", "PurposePathFakes", "Contracts", "JSON", "TestSupport", "Conformance", "OpenAPIExport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            exclude: ["Resources"]
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: [
                "Conformance", "MockServer", "Fakes", "PurposePathFakes", "Contracts", "JSON", "JSONSchema", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "OpenAPITests",
            dependencies: [
                "OpenAPIExport", "OpenAPIImport", "Contracts", "JSON", "JSONSchema", "TestSupport", "MockServer", "Fakes", "Conformance",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "ProxyTests",
            dependencies: [
                "ContractProxy", "MockServer", "Fakes", "PurposePathFakes", "Conformance", "Contracts", "JSON", "JSONSchema", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "ContractDiffTests", dependencies: ["ContractDiff", "Contracts", "JSON", "TestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["understudy", "TestSupport", "JSON", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
