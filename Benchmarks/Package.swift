// swift-tools-version: 6.1
import PackageDescription

// Reference servers for scripts/bench: the same fixed answer as the mock's `GET /goals`, after the
// same header check, on a bare Hummingbird (the framework ceiling) and bare SwiftNIO (the physical one);
// and micro-benchmarks of the mock's hot pieces (ordo-one/benchmark: time and allocations per operation).
// Not part of the main package or its tests.
let package = Package(
    name: "understudy-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "understudy", path: ".."),
    ],
    targets: [
        .executableTarget(name: "BareHummingbird", dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types")]),
        .executableTarget(
            name: "BareNIO",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "UnderstudyCore", package: "understudy"),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
