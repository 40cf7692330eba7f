import JSON

/// Numeric comparisons that stay exact for integers and safe for decimal fractions.
enum NumberChecks {
    /// -1, 0 or 1 comparing two numeric values; exact when both are integers.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int {
        if case .integer(let a) = lhs, case .integer(let b) = rhs { return a < b ? -1 : (a == b ? 0 : 1) }
        let a = lhs.doubleValue ?? .nan
        let b = rhs.doubleValue ?? .nan
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    static func satisfies(_ value: JSONValue, _ bound: NumberBound) -> Bool {
        let order = compare(value, bound.limit)
        switch bound.kind {
        case .minimum: return order >= 0
        case .maximum: return order <= 0
        case .exclusiveMinimum: return order > 0
        case .exclusiveMaximum: return order < 0
        }
    }

    /// Whether `value` is a multiple of `divisor` (> 0), treating both as the decimals they were written as.
    ///
    /// `0.0075` is a multiple of `0.0001` even though the binary quotient is 75.00000000000001.
    static func isMultiple(_ value: JSONValue, of divisor: Double) -> Bool {
        if case .integer(let integer) = value, divisor.isWhole, abs(divisor) < 9.0e18 {
            return integer % Int(divisor) == 0
        }
        guard let x = value.doubleValue else { return true }
        let places = max(decimalPlaces(x), decimalPlaces(divisor))
        if places <= 15 {
            let scale = pow10(places)
            let scaledX = (x * scale).rounded()
            let scaledDivisor = (divisor * scale).rounded()
            if abs(scaledX) < 9.0e15, scaledDivisor >= 1, scaledDivisor < 9.0e15 {
                return Int64(scaledX) % Int64(scaledDivisor) == 0
            }
        }
        let quotient = x / divisor
        guard quotient.isFinite else { return false }
        return abs(quotient - quotient.rounded()) < 1e-9
    }

    /// Digits after the decimal point of `number` as written (`2.5` → 1, `1e-08` → 8), 16 when longer.
    ///
    /// Found by scaling until the value is whole within rounding noise; no strings, no allocation.
    static func decimalPlaces(_ number: Double) -> Int {
        guard number.isFinite else { return 0 }
        var scaled = abs(number)
        for places in 0...15 {
            if abs(scaled - scaled.rounded()) <= scaled * 1e-12 { return places }
            scaled *= 10
        }
        return 16
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}
