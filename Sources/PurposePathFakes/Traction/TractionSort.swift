import CivilTime
import Contracts
import Fakes
import Foundation
import JSON

/// Sorting that keeps the input order of equal elements, whatever the standard library does.
enum TractionSort {
    static func stable<T>(_ items: [T], by areInIncreasingOrder: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { a, b in
            if areInIncreasingOrder(a.element, b.element) { return true }
            if areInIncreasingOrder(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
