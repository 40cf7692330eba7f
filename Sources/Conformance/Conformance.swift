/// The conformance runner's version, written into reports.
public enum Conformance {
    public static let version = "0.1.0"
}
