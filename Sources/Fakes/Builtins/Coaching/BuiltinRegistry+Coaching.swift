extension BuiltinRegistry {
    /// The Coaching builtins of docs/builtins.md (`alignmentCheck` also serves Traction's POST /alignment/check).
    mutating func registerCoaching() {
        register("alignmentCheck") { call throws(FakeError) in
            .data(AlignmentCheck.evaluate(call.body, now: call.now))
        }
        register("strategicAlignment") { call throws(FakeError) in
            .data(StrategicAlignment.evaluate(call.body))
        }
        register("prioritizationSuggestions") { call throws(FakeError) in
            .data(try Prioritization.evaluate(call.body, today: CalendarDay(utc: call.now)))
        }
        register("schedulingSuggestions") { call throws(FakeError) in
            .data(Scheduling.evaluate(call.body, today: CalendarDay(utc: call.now)))
        }
        register("websiteScan") { call throws(FakeError) in try WebsiteScan.respond(call) }
    }
}
