import CivilTime
import Contracts
import Fakes
import Foundation
import JSON

/// `companyReport`: the company report as a PDF or DOCX download (K39), named
/// `company-report-<from|start>-<to|today>.<ext>` in `Content-Disposition`.
enum CompanyReport {
    static let contentTypes = [
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]

    static func respond(_ call: BuiltinCall) throws(FakeError) -> FakeResponse {
        let format = call.request.query["format"]?.stringValue ?? ""
        guard let contentType = contentTypes[format] else { throw .validation(["format": "must be pdf or docx"]) }
        let from = try day(call, "from")
        let to = try day(call, "to")
        if let from, let to, from > to { throw .validation(["from": "must not be after to (\(to))"]) }
        let data = try AnalyticsData.load(call)
        let content = CompanyReportContent(
            data: data, tenantName: data.tenant.name, from: from, to: to ?? data.today, allTime: from == nil && to == nil)
        let document = content.document
        let bytes = format == "pdf"
            ? PDFWriter(document: document, createdAt: call.now).bytes
            : DOCXWriter(document: document, createdAt: call.now).bytes
        let filename = "company-report-\(from ?? "start")-\(to ?? data.today).\(format)"
        return FakeResponse(
            status: 200, body: .bytes(bytes, contentType: contentType),
            headers: [("Content-Disposition", "attachment; filename=\"\(filename)\"")])
    }

    /// An optional `YYYY-MM-DD` query parameter; 422 when it is not a calendar date.
    private static func day(_ call: BuiltinCall, _ name: String) throws(FakeError) -> String? {
        guard let value = call.request.query[name], value != .null else { return nil }
        guard let text = value.stringValue, text.utf8.count == 10, let day = CalendarDay(parsing: text) else {
            throw .validation([name: "must be a date (YYYY-MM-DD)"])
        }
        return day.iso
    }
}
