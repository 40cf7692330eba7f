import Foundation

/// Writes a one-line message for people to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("understudy: " + message + "\n").utf8))
}
