import Contracts
import Fakes
import Foundation
import JSON
import Testing

/// The company report: a real PDF 1.4 and a real DOCX (stored ZIP), checked structurally in
/// Swift and, when the tools are installed, with `pdftotext` and `unzip`.
@Suite struct CompanyReportTests {
    static let titles = [
        "Grow recurring revenue", "Launch group coaching program", "Build a thought-leadership brand",
        "Improve client retention", "Relaunch the company website",
    ]

    @Test func thePDFHasAValidXrefAndTheGoalTitles() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let response = try await harness.call("getCompanyReport", query: ["format": "pdf"], as: demo)
        #expect(response.status == 200)
        let (bytes, contentType) = try Self.file(response)
        #expect(contentType == "application/pdf")
        #expect(try Self.disposition(response, harness) == "attachment; filename=\"company-report-start-2025-11-24.pdf\"")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.4\n"))
        #expect(text.hasSuffix("%%EOF\n"))

        // startxref → the xref table; every in-use entry points at "<n> 0 obj".
        let startxref = try #require(text.range(of: "startxref\n", options: .backwards))
        let xrefOffset = try #require(Int(text[startxref.upperBound...].prefix { $0.isNumber }))
        let xref = Array(bytes[xrefOffset...])
        #expect(xref.starts(with: Array("xref\n0 ".utf8)))
        let lines = String(decoding: xref, as: UTF8.self).split(separator: "\n")
        let count = try #require(Int(lines[1].split(separator: " ")[1]))
        #expect(lines[2] == "0000000000 65535 f ")
        for number in 1..<count {
            let entry = lines[2 + number]
            #expect(entry.count == 19 && entry.hasSuffix(" 00000 n "))
            let offset = try #require(Int(entry.prefix(10)))
            let startsObject = bytes[offset...].starts(with: Array("\(number) 0 obj".utf8))
            #expect(startsObject, "object \(number) is not at \(offset)")
        }
        #expect(text.contains("/Size \(count) /Root 1 0 R"))

        // The titles appear as text-showing operators in the content streams.
        for title in Self.titles { #expect(text.contains("(\(title)) Tj"), "missing \(title)") }
        #expect(text.contains("(Acme Coaching \\227 Company report) Tj"))  // em dash in WinAnsi
        #expect(text.contains("/BaseFont /Helvetica "))
        // Stream lengths match the bytes between "stream\n" and "\nendstream".
        for match in text.matches(of: #/<< /Length (\d+) >>\nstream\n/#) {
            let length = try #require(Int(match.output.1))
            let start = match.range.upperBound
            let end = try #require(text[start...].range(of: "\nendstream"))
            #expect(text.utf8.distance(from: start, to: end.lowerBound) == length)
        }
    }

    @Test func pdftotextExtractsTheReport() async throws {
        guard let pdftotext = Self.tool("pdftotext") else {
            print("skipped: pdftotext is not installed (apt-get install -y poppler-utils)")
            return
        }
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let response = try await harness.call("getCompanyReport", query: ["format": "pdf"], as: demo)
        let (bytes, _) = try Self.file(response)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("report.pdf")
        try Data(bytes).write(to: pdf)
        let (status, output) = try Self.run(pdftotext, [pdf.path, "-"])
        #expect(status == 0, "pdftotext failed: \(output)")
        for title in Self.titles { #expect(output.contains(title), "pdftotext did not find \(title)") }
        #expect(output.contains("Acme Coaching — Company report"))
        #expect(output.contains("Monthly recurring revenue: 41200 / 50000 USD — on track"))
        #expect(output.contains("Page 1 of"))
    }

    @Test func theDOCXIsAStoredZipWithTheWordParts() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        // A goal whose title needs XML escaping.
        try await harness.call("createGoal", body: ["title": "R&D <pilot> for \"AI\" coaching", "intent": "Try it out"], as: demo)
        let response = try await harness.call(
            "getCompanyReport", query: ["format": "docx", "from": "2025-11-01", "to": "2025-11-30"], as: demo)
        #expect(response.status == 200)
        let (bytes, contentType) = try Self.file(response)
        #expect(contentType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(try Self.disposition(response, harness) == "attachment; filename=\"company-report-2025-11-01-2025-11-30.docx\"")

        let parts = try Self.unzipStored(bytes)
        #expect(parts.keys.sorted() == [
            "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml",
        ])
        let document = String(decoding: try #require(parts["word/document.xml"]), as: UTF8.self)
        for title in Self.titles { #expect(document.contains(">\(title)</w:t>"), "missing \(title)") }
        #expect(document.contains("R&amp;D &lt;pilot&gt; for &quot;AI&quot; coaching"))
        #expect(document.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Goals</w:t>"))
        #expect(document.contains("Period: 2025-11-01 to 2025-11-30"))
        // Actions due in November: the curriculum (due the 21st, still in progress) is overdue on the 24th.
        #expect(document.contains("2025-11-21  Design the six-session group curriculum — in_progress, Dana Rivera — OVERDUE"))
        #expect(document.contains("2025-11-28  Sign three referral partners — in_progress, Sam Patel<"))
        #expect(!document.contains("Publish the 2026 price sheet"))  // due 2025-12-01
        #expect(!document.contains("Merge duplicate CRM contacts"))  // due 2025-10-31
        // No readings in November.
        #expect(document.contains("No KPI readings in this period."))

        guard let unzip = Self.tool("unzip") else {
            print("skipped: unzip is not installed")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.docx")
        try Data(bytes).write(to: file)
        let (listed, listing) = try Self.run(unzip, ["-l", file.path])
        #expect(listed == 0)
        for part in parts.keys { #expect(listing.contains(part)) }
        let (tested, testing) = try Self.run(unzip, ["-t", file.path])
        #expect(tested == 0, "unzip -t: \(testing)")
        #expect(testing.contains("No errors detected"))
    }

    @Test func theRangeSelectsActionsAndReadings() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let response = try await harness.call("getCompanyReport", query: ["format": "docx", "from": "2025-10-01", "to": "2025-10-31"], as: demo)
        let document = String(decoding: try #require(try Self.unzipStored(try Self.file(response).0)["word/document.xml"]), as: UTF8.self)
        #expect(document.contains("2025-10  Monthly client churn: 3.1 % (adjusted from 3.6)"))
        #expect(document.contains("2025-10  Monthly recurring revenue: 41200 USD"))
        #expect(!document.contains("2025-09  Monthly recurring revenue"))
        // October's due actions, in due order; the blocked designer shortlist is overdue.
        let benchmark = try #require(document.range(of: "2025-10-10  Benchmark five competitors"))
        let designers = try #require(document.range(of: "2025-10-24  Shortlist brand designers — blocked, Dana Rivera — OVERDUE"))
        #expect(benchmark.lowerBound < designers.lowerBound)
        #expect(!document.contains("Benchmark five competitors' coaching packages — completed, Sam Patel — OVERDUE"))
        // Goals come by status: active ones first, the completed website last.
        let revenue = try #require(document.range(of: ">Grow recurring revenue<"))
        let brand = try #require(document.range(of: ">Build a thought-leadership brand<"))
        let website = try #require(document.range(of: ">Relaunch the company website<"))
        #expect(revenue.lowerBound < brand.lowerBound && brand.lowerBound < website.lowerBound)
        #expect(document.contains("1. Launch a client referral program with partner HR consultancies (adopted)"))
    }

    @Test func fromAfterToIsRefusedAndAnotherTenantGetsItsOwnReport() async throws {
        let harness = try await EngineHarness()
        let demo = try await harness.login()
        let backwards = try await harness.call("getCompanyReport", query: ["format": "pdf", "from": "2025-12-01", "to": "2025-11-01"], as: demo)
        #expect(backwards.status == 422)
        #expect(backwards.jsonBody?["errors"]?["from"] != nil)
        let badDate = try await harness.call("getCompanyReport", query: ["format": "pdf", "to": "2025-13-01"], as: demo)
        #expect(badDate.status == 422)
        let gina = try await harness.login("gina@globex.example", password: "Globex123!")
        let globex = try await harness.call("getCompanyReport", query: ["format": "pdf", "to": "2025-12-31"], as: gina)
        let text = String(decoding: try Self.file(globex).0, as: UTF8.self)
        #expect(text.contains("(Cut late deliveries in the northern region) Tj"))
        #expect(!text.contains("Grow recurring revenue"))
        #expect(try Self.disposition(globex, harness) == "attachment; filename=\"company-report-start-2025-12-31.pdf\"")
    }

    @Test func archivedGoalsAreLeftOutAndLongReportsRunOverSeveralPages() async throws {
        let harness = try await EngineHarness(scenario: "full-quarter")
        let demo = try await harness.login()
        let response = try await harness.call("getCompanyReport", query: ["format": "pdf"], as: demo)
        let text = String(decoding: try Self.file(response).0, as: UTF8.self)
        #expect(text.contains("(Launch the Ridgeline trail-running shoe) Tj"))
        #expect(!text.contains("2024 holiday campaign"))
        let pages = text.components(separatedBy: "/Type /Page ").count - 1
        #expect(text.contains("/Count \(pages) >>"))
        #expect(text.contains("(Page \(pages) of \(pages)) Tj"))
    }

    // MARK: Helpers

    static func file(_ response: FakeResponse) throws -> ([UInt8], String) {
        guard case .bytes(let bytes, let contentType) = response.body else {
            Issue.record("expected a file, got \(response.status): \(response.jsonBody?.jsonString() ?? "")")
            throw CancellationError()
        }
        return (bytes, contentType)
    }

    /// The Content-Disposition header, checked against the contract's pattern.
    static func disposition(_ response: FakeResponse, _ harness: EngineHarness) throws -> String {
        let value = try #require(response.headers.first { $0.0.lowercased() == "content-disposition" }?.1)
        let declared = try harness.endpoint("getCompanyReport").response(for: 200)?.headers.first { $0.name == "Content-Disposition" }
        let schema = try #require(declared?.schema)
        #expect(schema.validate(.string(value)).isEmpty, "\(value) breaks the contract's pattern")
        return value
    }

    /// The entries of a ZIP whose entries are all stored, read from its central directory; checks
    /// each local header against it and each CRC-32.
    static func unzipStored(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = try #require((0...(bytes.count - 22)).reversed().first { u32($0) == 0x0605_4B50 })
        let entries = u16(end + 10)
        var cursor = u32(end + 16)
        #expect(cursor + u32(end + 12) == end)
        var parts: [String: [UInt8]] = [:]
        for _ in 0..<entries {
            #expect(u32(cursor) == 0x0201_4B50)
            #expect(u16(cursor + 10) == 0)  // stored
            let crc = UInt32(u32(cursor + 16))
            let size = u32(cursor + 20)
            #expect(size == u32(cursor + 24))
            let nameLength = u16(cursor + 28)
            let local = u32(cursor + 42)
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            cursor += 46 + nameLength + u16(cursor + 30) + u16(cursor + 32)
            #expect(u32(local) == 0x0403_4B50)
            #expect(UInt32(u32(local + 14)) == crc)
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            let data = Array(bytes[dataStart..<(dataStart + size)])
            #expect(crc32(data) == crc, "bad CRC for \(name)")
            parts[name] = data
        }
        return parts
    }

    /// CRC-32 written independently of the one under test (bitwise, no table).
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
