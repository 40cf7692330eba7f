import CivilTime
import Contracts
import Fakes

extension BuiltinRegistry {
    /// The Coaching builtins of docs/builtins.md.
    mutating func registerCoaching() {
        register("schedulingSuggestions", description: "Schedules actions by dependencies, capacity and unavailable dates.") { call throws(FakeError) in
            call.data(Scheduling.evaluate(call.body, today: CalendarDay(utc: call.now)))
        }
    }
}
