import Contracts
import Fakes

extension BuiltinRegistry {
    /// The Coaching builtins of docs/builtins.md.
    mutating func registerCoaching() {
        register("strategicAlignment", description: "Scores each action against the goals given; connections, recommendations, insights.") { call throws(FakeError) in
            .data(StrategicAlignment.evaluate(call.body))
        }
        register("schedulingSuggestions", description: "Schedules actions by dependencies, capacity and unavailable dates.") { call throws(FakeError) in
            .data(Scheduling.evaluate(call.body, today: CalendarDay(utc: call.now)))
        }
    }
}
