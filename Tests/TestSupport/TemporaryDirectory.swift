import Foundation

/// A scratch directory of YAML files for one test, removed when the test ends.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(_ files: [String: String] = [:]) throws {
        path = NSTemporaryDirectory() + "understudy-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, contents) in files { try write(name, contents) }
    }

    public func write(_ name: String, _ contents: String) throws {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A minimal valid services file for loader tests.
public let servicesYAML = """
    services:
      traction: { title: Traction, port: 8002, prefix: /traction/api/v1 }
    """

/// The repository root, found from this file's path (Tests/TestSupport/X.swift).
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The directory holding the built products (the `understudy` executable beside the test bundle).
public let productsDirectory: String = {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.pathComponents.count > 1 {
        url.deleteLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("understudy").path) { return url.path }
    }
    return repositoryRoot + "/.build/debug"
}()

/// Runs a built executable with arguments; answers its exit status and what it printed.
public func runProduct(_ name: String, _ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: productsDirectory + "/" + name)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
