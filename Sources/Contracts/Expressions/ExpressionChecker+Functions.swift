/// The argument types each function of the expression language takes, and the type it gives.
extension ExpressionChecker {
    func call(_ function: ExpressionFunction, _ arguments: [FakeExpression]) throws(ExpressionProblem) -> ExpressionType {
        if function == .map {
            // The second argument is evaluated per item, the item being the current record.
            let type = try check(arguments[0])
            guard let element = type.element ?? (type.isNull ? .any : nil) else {
                throw problem("map() needs a list, but \(describe(arguments[0])) is \(type.phrase)")
            }
            var inner = self
            inner.environment.outer = environment.current
            inner.environment.current = element
            inner.environment.currentName = "an item of \(describe(arguments[0]))"
            inner.environment.bareNames = true
            return .array(try inner.check(arguments[1]))
        }
        let types = try arguments.map { (argument) throws(ExpressionProblem) in try check(argument) }
        func list(_ index: Int) throws(ExpressionProblem) -> ExpressionType {
            guard let element = types[index].element ?? (types[index].isNull ? .any : nil) else {
                throw problem("\(function.rawValue)() needs a list, but \(describe(arguments[index])) is \(types[index].phrase)")
            }
            return element
        }
        func scalar(_ index: Int, _ kind: String) throws(ExpressionProblem) {
            let type = types[index]
            guard type.isAny || type.isNull || type.scalarKind == kind else {
                throw problem("\(function.rawValue)() needs \(kind == "string" ? "text" : kind == "object" ? "an object" : "a \(kind)"), but \(describe(arguments[index])) is \(type.phrase)")
            }
        }
        switch function {
        case .count: _ = try list(0); return .number
        case .sum, .avg:
            let element = try list(0)
            guard element.isAny || element.isNull || element.scalarKind == "number" else {
                throw problem("\(function.rawValue)() adds numbers, but \(describe(arguments[0])) holds \(element.phrase)")
            }
            return .number
        case .min, .max:
            let element = try list(0)
            return element.scalarKind == "string" ? .string : element.isAny ? .any : .number
        case .first, .last: return try list(0)
        case .distinct: return .array(try list(0))
        case .len:
            guard types[0].isAny || types[0].isNull || ["string", "array", "object"].contains(types[0].scalarKind ?? "") else {
                throw problem("len() counts text, a list or an object, not \(types[0].phrase)")
            }
            return .number
        case .lower, .upper: try scalar(0, "string"); return .string
        case .split: try scalar(0, "string"); return .array(.string)
        case .contains:
            if types[0].element == nil { try scalar(0, "string") }
            return .boolean
        case .round, .floor, .ceil, .abs:
            for index in types.indices { try scalar(index, "number") }
            return .number
        case .days:
            try scalar(0, "string"); try scalar(1, "string")
            return .number
        case .date, .endOfDay: try scalar(0, "string"); return .string
        case .merge:
            try scalar(0, "object"); try scalar(1, "object")
            return .object(nil)
        case .month: try scalar(0, "string"); return .string
        case .sort:
            let element = try list(0)
            for argument in arguments.dropFirst() {
                guard case .literal(.string(let key)) = argument, !key.isEmpty else {
                    throw problem("sort() takes a list and field names in quotes ('period', '-createdAt')")
                }
                let path = (key.hasPrefix("-") ? String(key.dropFirst()) : key).split(separator: ".").map(String.init)
                var type = element
                for step in path { type = try member(step, of: type, describedAs: "an item of \(describe(arguments[0]))") }
            }
            return .array(element)
        case .type: return .string
        case .indexOf: _ = try list(0); return .number
        case .num, .float: return .number
        case .isDate: return .boolean
        case .months: return .array(.string)
        case .quarter: return .string
        case .words: try scalar(0, "string"); return .array(.string)
        case .slice:
            for index in 1..<types.count { try scalar(index, "number") }
            return types[0].element != nil ? types[0] : .string
        case .urlHost, .capitalize: return .string
        case .join: _ = try list(0); return .string
        case .take: try scalar(1, "number"); return .array(try list(0))
        case .flatten: return .array((try list(0)).element ?? .any)
        case .newId: try scalar(0, "string"); return .string
        case .get: try scalar(0, "object"); return .any
        case .addDays, .addMonths: try scalar(0, "string"); try scalar(1, "number"); return .string
        case .allowsTransition:
            guard case .literal(.string(let collection)) = arguments[0], case .literal(.string) = arguments[1] else {
                throw problem("allowsTransition() names the collection and field in quotes: allowsTransition('orders', 'state', from, to)")
            }
            guard environment.collections[collection] != nil else {
                throw problem(EditDistance.message("unknown collection '\(collection)'", for: collection, among: environment.collections.keys.sorted()))
            }
            return .boolean
        case .map: return .array(.any)
        case .pick, .omit:
            try scalar(0, "object")
            for index in 1..<types.count { try scalar(index, "string") }
            return .object(nil)
        case .if:
            try expectBoolean(arguments[0], "if()")
            let (a, b) = (types[1], types[2])
            if case .array(let x) = a, case .array = b { return .array(x) }
            return a.scalarKind == b.scalarKind && a.scalarKind != "array" && a.scalarKind != "object" ? a : a.isNull ? b : b.isNull ? a : .any
        }
    }
}
