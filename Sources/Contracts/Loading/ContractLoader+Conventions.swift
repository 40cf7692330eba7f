import JSON

extension ContractLoader {
    /// `sessions:`, `tenancy:`, `credentials:`, `cors:`, `envelope:` and `readiness:` of services.yaml; endpoint ids are checked once every file is read.
    func parseConventions(_ file: ObjectReader) -> Conventions {
        var conventions = Conventions()
        if let value = file.value("sessions"),
           let reader = ObjectReader(value, at: file.pointer("sessions"), in: file.document, what: "sessions",
                                     allowed: ["login", "refresh", "logout", "tokens", "accounts"], diagnostics: diagnostics) {
            conventions.sessions = parseSessions(reader)
        }
        if let value = file.value("tenancy"),
           let reader = ObjectReader(value, at: file.pointer("tenancy"), in: file.document, what: "tenancy",
                                     allowed: ["header", "query", "missing", "foreign", "parameter"], diagnostics: diagnostics) {
            let header = reader.string("header", required: true) ?? ""
            conventions.tenancy = TenancyConventions(
                header: header, query: reader.string("query"),
                missing: status(reader, "missing", default: 401), foreign: status(reader, "foreign", default: 403),
                parameter: reader.string("parameter"))
        }
        if let value = file.value("credentials"),
           let reader = ObjectReader(value, at: file.pointer("credentials"), in: file.document, what: "credentials",
                                     allowed: ["header", "scheme", "query"], diagnostics: diagnostics) {
            let standard = CredentialConventions()
            conventions.credentials = CredentialConventions(
                header: reader.string("header") ?? standard.header, scheme: reader.string("scheme") ?? standard.scheme,
                query: reader.string("query") ?? standard.query)
        }
        if let value = file.value("cors"),
           let reader = ObjectReader(value, at: file.pointer("cors"), in: file.document, what: "cors",
                                     allowed: ["allowHeaders", "exposeHeaders"], diagnostics: diagnostics) {
            let standard = CORSConventions()
            conventions.cors = CORSConventions(
                allowHeaders: reader.has("allowHeaders") ? reader.stringList("allowHeaders") : standard.allowHeaders,
                exposeHeaders: reader.has("exposeHeaders") ? reader.stringList("exposeHeaders") : standard.exposeHeaders)
        }
        if let value = file.value("envelope"),
           let reader = ObjectReader(value, at: file.pointer("envelope"), in: file.document, what: "envelope",
                                     allowed: ["success", "data", "pagination", "error", "code", "fields"], diagnostics: diagnostics) {
            // A member set to null is left out (`code: null`: refusals carry no code).
            func member(_ key: String, _ standard: String?) -> String? { reader.value(key) == .null ? nil : reader.string(key) ?? standard }
            let standard = EnvelopeConventions()
            conventions.envelope = EnvelopeConventions(
                flag: member("success", nil), data: member("data", standard.data),
                pagination: reader.string("pagination") ?? standard.pagination, message: reader.string("error") ?? standard.message,
                code: member("code", standard.code), fields: member("fields", standard.fields))
        }
        if let path = file.string("readiness") {
            if !path.hasPrefix("/") { file.error("'readiness' is a path within every service, starting with /", at: "readiness") }
            conventions.readiness = path
        }
        return conventions
    }

    private func status(_ reader: ObjectReader, _ key: String, default value: Int) -> Int {
        guard let status = reader.integer(key) else { return value }
        if !(400..<500).contains(status) { reader.error("'\(key)' must be a 4xx status", at: key) }
        return status
    }

    private func parseSessions(_ reader: ObjectReader) -> SessionConventions? {
        func call(_ key: String) -> SessionConventions.Call? {
            guard let value = reader.value(key),
                  let call = ObjectReader(value, at: reader.pointer(key), in: reader.document, what: "sessions.\(key)",
                                          allowed: ["call", "query", "body"] + (key == "logout" ? ["revokes"] : []), diagnostics: diagnostics),
                  let endpoint = call.string("call", required: true)
            else { return nil }
            deferredChecks.append { [unowned self] in
                guard !endpoints.contains(where: { $0.id == endpoint }) else { return }
                call.error(EditDistance.message("sessions.\(key) calls unknown endpoint '\(endpoint)'", for: endpoint, among: endpoints.map(\.id)), at: "call")
            }
            var query: [String: JSONValue] = [:]
            for (name, value) in call.mapping("query") ?? [:] { query[name] = value }
            return .init(endpoint: endpoint, query: query, body: call.value("body"), location: call.location)
        }
        var revokes: Set<SessionConventions.Revocation> = [.refresh]
        if let logout = reader.value("logout"), let list = logout["revokes"] {
            let names = list.arrayValue?.compactMap(\.stringValue) ?? []
            revokes = Set(names.compactMap(SessionConventions.Revocation.init))
            if names.count != list.arrayValue?.count || revokes.count != Set(names).count {
                diagnostics.error("sessions.logout.revokes lists access and/or refresh", at: reader.document.location(of: reader.pointer("logout").appending("revokes")))
            }
        }
        var pointers: [String: JSONPointer] = [:]
        if let value = reader.value("tokens"),
           let tokens = ObjectReader(value, at: reader.pointer("tokens"), in: reader.document, what: "sessions.tokens",
                                     allowed: ["access", "refresh", "tenant", "user"], diagnostics: diagnostics) {
            for key in ["access", "refresh", "tenant", "user"] {
                guard let text = tokens.string(key) else { continue }
                guard text.hasPrefix("/") else { tokens.error("'\(key)' must be a JSON pointer into the answer", at: key); continue }
                pointers[key] = JSONPointer(text)
            }
        }
        guard let access = pointers["access"] else {
            reader.error("sessions needs tokens.access: where a login answer holds the access token")
            return nil
        }
        var accounts: (collection: String?, parameter: String?) = (nil, nil)
        if let value = reader.value("accounts"),
           let reader = ObjectReader(value, at: reader.pointer("accounts"), in: reader.document, what: "sessions.accounts",
                                     allowed: ["collection", "parameter"], diagnostics: diagnostics) {
            accounts = (reader.string("collection"), reader.string("parameter"))
            if let name = accounts.collection {
                deferredChecks.append { [unowned self] in
                    guard collections[name] == nil else { return }
                    reader.error(EditDistance.message("sessions.accounts names unknown collection '\(name)'", for: name, among: Array(collections.keys)), at: "collection")
                }
            }
        }
        return SessionConventions(
            login: call("login"), refresh: call("refresh"), logout: call("logout"), revokes: revokes,
            access: access, refreshToken: pointers["refresh"], tenant: pointers["tenant"], user: pointers["user"],
            accountCollection: accounts.collection, accountParameter: accounts.parameter)
    }
}
