// Understudy's dashboard: plain JavaScript over the admin API, no framework, no build step.
// Every value shown is set as text (textContent, never innerHTML): request bodies are
// attacker-controlled text.
"use strict";

// The admin API is where this page is: /__understudy/ or under a gateway prefix.
const base = location.pathname.replace(/[^/]*$/, "");

// ---------------------------------------------------------------------------------------------
// DOM helpers

/** h("td", {class: "path"}, "text", child…): an element; strings become text nodes. */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else if (key === "text") element.textContent = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces an element's children; nested lists are flattened, null and false skipped, strings become text. */
function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : document.createTextNode(String(child)))));
}

function pretty(value) {
  if (typeof value === "string") return value;
  try { return JSON.stringify(value, null, 2); } catch { return String(value); }
}

function statusClass(status) { return "s" + String(status).charAt(0); }

function say(message) { document.getElementById("status").textContent = message; }

async function api(path, options = {}) {
  const response = await fetch(base + path, {
    method: options.method || "GET",
    headers: options.body !== undefined ? { "Content-Type": "application/json" } : {},
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { ok: response.ok, status: response.status, json, text };
}

/** The data of a success envelope ({success, data}) or the body itself. */
function unwrap(json) {
  return json && typeof json === "object" && "data" in json && "success" in json ? json.data : json;
}

/** Field errors of an error answer, as [pointer, message] pairs. */
function fieldErrors(json) {
  if (!json || typeof json !== "object") return [];
  for (const key of ["errors", "fieldErrors", "details"]) {
    const value = json[key];
    if (value && typeof value === "object" && !Array.isArray(value)) return Object.entries(value).map(([k, v]) => [k, pretty(v)]);
    if (Array.isArray(value)) return value.map((item) => [item.field || item.pointer || "", item.message || pretty(item)]);
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// The request feed: one EventSource for every view (Requests shows it, State and Streams refresh on writes).

const feed = {
  entries: [],
  paused: false,
  held: [],
  dropped: 0,
  listeners: new Set(),
  connected: false,
};

function startFeed() {
  const source = new EventSource(base + "requests/feed");
  source.addEventListener("open", () => { feed.connected = true; say("live"); });
  source.addEventListener("error", () => { feed.connected = false; say("reconnecting to the request feed…"); });
  source.addEventListener("status", (event) => {
    try { feed.dropped = JSON.parse(event.data).dropped || 0; } catch { /* ignore */ }
  });
  source.addEventListener("request", (event) => {
    let entry;
    try { entry = JSON.parse(event.data); } catch { return; }
    entry.live = true;
    if (feed.paused) feed.held.push(entry); else addEntry(entry);
    for (const listener of feed.listeners) listener(entry);
  });
}

function addEntry(entry) {
  feed.entries.unshift(entry);
  if (feed.entries.length > 500) feed.entries.length = 500;
}

function isAdmin(entry) { return entry.path.includes("/__understudy"); }
function isWrite(entry) { return entry.method !== "GET" && entry.method !== "OPTIONS" && !isAdmin(entry); }

// ---------------------------------------------------------------------------------------------
// Views

const views = {};
let leaveView = null;

function route() {
  const [, name = "requests", ...rest] = location.hash.replace(/^#/, "").split("/");
  const view = views[name] ? name : "requests";
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
  if (leaveView) { leaveView(); leaveView = null; }
  const main = document.getElementById("view");
  fill(main, );
  leaveView = views[view](main, rest.map(decodeURIComponent)) || null;
}

// 1. Requests ----------------------------------------------------------------------------------

views.requests = (main) => {
  let selected = null;
  const filter = h("input", { type: "search", id: "request-filter", placeholder: "path, endpoint, tenant…" });
  const service = h("select", { id: "request-service" }, h("option", { value: "" }, "all"));
  const statusSelect = h("select", { id: "request-status" },
    ["", "2", "3", "4", "5"].map((c) => h("option", { value: c }, c ? c + "xx" : "all")));
  const admin = h("input", { type: "checkbox", id: "request-admin" });
  const pause = h("button", { type: "button", "aria-pressed": String(feed.paused) }, feed.paused ? "Resume" : "Pause");
  const held = h("span", { class: "muted" });
  const body = h("tbody");
  const detail = h("section", { class: "panel", "aria-label": "Request detail" }, h("p", { class: "muted" }, "Select a request to see it in full."));

  pause.addEventListener("click", () => {
    feed.paused = !feed.paused;
    if (!feed.paused) { for (const entry of feed.held) addEntry(entry); feed.held = []; }
    pause.setAttribute("aria-pressed", String(feed.paused));
    pause.textContent = feed.paused ? "Resume" : "Pause";
    render();
  });

  const clear = h("button", { type: "button", onclick: () => { feed.entries = []; feed.held = []; render(); } }, "Clear");

  function matches(entry) {
    if (!admin.checked && isAdmin(entry)) return false;
    if (service.value && entry.listener !== service.value && !(entry.path || "").includes("/" + service.value + "/")) return false;
    if (statusSelect.value && String(entry.status).charAt(0) !== statusSelect.value) return false;
    const text = filter.value.trim().toLowerCase();
    if (text) {
      const hay = [entry.method, entry.path, entry.endpoint, entry.tenant, entry.status, entry.listener].join(" ").toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  }

  function show(entry) {
    selected = entry;
    fill(detail, 
      h("h2", {}, `${entry.method} ${entry.path}${entry.query ? "?" + entry.query : ""}`),
      h("dl", { class: "facts" },
        h("dt", {}, "Status"), h("dd", { class: statusClass(entry.status) }, String(entry.status)),
        h("dt", {}, "Endpoint"), h("dd", {}, entry.endpoint || "— matched no contract"),
        h("dt", {}, "Listener"), h("dd", {}, entry.listener || "—"),
        h("dt", {}, "Tenant"), h("dd", {}, entry.tenant || "—"),
        h("dt", {}, "Latency"), h("dd", {}, `${entry.ms} ms`),
        h("dt", {}, "Time"), h("dd", {}, entry.time)),
      entry.closest ? h("p", {}, "Closest contract route: ", h("code", {}, entry.closest)) : null,
      entry.errors ? [h("h3", {}, "Field errors"), h("ul", { class: "errors" }, Object.entries(entry.errors).map(([k, v]) => h("li", {}, h("code", {}, k), " ", v)))] : null,
      entry.request ? [
        h("div", { class: "split" },
          h("div", {}, h("h3", {}, "Request headers"), h("pre", {}, entry.request.headers.map(([k, v]) => `${k}: ${v}`).join("\n")),
            h("h3", {}, "Request body"), h("pre", {}, entry.request.body || "(empty)")),
          h("div", {}, h("h3", {}, "Response headers"), h("pre", {}, entry.response.headers.map(([k, v]) => `${k}: ${v}`).join("\n")),
            h("h3", {}, "Response body"), h("pre", {}, entry.response.body || "(empty)"))),
      ] : h("p", { class: "muted" }, "Headers and bodies are kept for requests made while a dashboard is open."));
    render();
  }

  function render() {
    // Live entries re-draw the table: keep the keyboard on the row it was on.
    const focused = body.contains(document.activeElement) ? document.activeElement.entry : null;
    const rows = [];
    for (const entry of feed.entries.filter(matches).slice(0, 300)) {
      const open = () => show(entry);
      rows.push(h("tr", {
        class: "row", tabindex: "0", "aria-selected": String(entry === selected),
        onclick: open, onkeydown: (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(); } },
      },
        h("td", { class: "optional" }, (entry.time || "").slice(11, 19)),
        h("td", {}, entry.listener || ""),
        h("td", {}, entry.method),
        h("td", { class: "path" }, entry.path),
        h("td", { class: statusClass(entry.status) }, String(entry.status)),
        h("td", { class: "optional" }, `${entry.ms} ms`),
        h("td", { class: "optional" }, entry.tenant || ""),
        h("td", { class: "mono" }, entry.endpoint || "—")));
      rows[rows.length - 1].entry = entry;
      if (entry.status >= 400 && entry.status < 500 && entry.errors) {
        rows.push(h("tr", { class: "note" }, h("td", { colspan: "8" },
          Object.entries(entry.errors).map(([k, v]) => `${k}: ${v}`).join(" · "))));
      } else if (!entry.endpoint && entry.closest) {
        rows.push(h("tr", { class: "note" }, h("td", { colspan: "8" }, `no contract route; closest: ${entry.closest}`)));
      }
    }
    fill(body, ...rows);
    if (focused) { const again = rows.find((row) => row.entry === focused); if (again) again.focus(); }
    held.textContent = feed.paused ? `${feed.held.length} new while paused` : (feed.dropped ? `${feed.dropped} dropped by a slow feed` : "");
  }

  for (const control of [filter, service, statusSelect, admin]) control.addEventListener("input", render);
  main.append(
    h("section", { class: "panel" },
      h("h2", {}, "Requests"),
      h("div", { class: "controls" },
        h("label", {}, "Filter", filter),
        h("label", {}, "Service", service),
        h("label", {}, "Status", statusSelect),
        h("label", { class: "inline" }, admin, "Show admin requests"),
        pause, clear, held),
      h("div", { class: "scroll" }, h("table", { class: "wide" },
        h("thead", {}, h("tr", {}, ["Time", "Service", "Method", "Path", "Status", "Latency", "Tenant", "Endpoint"].map((t, i) =>
          h("th", { class: [0, 5, 6].includes(i) ? "optional" : null }, t)))),
        body))),
    detail);

  api("endpoints").then((reply) => {
    const data = unwrap(reply.json) || {};
    for (const s of data.services || []) service.append(h("option", { value: s.name }, s.name));
  });
  const listener = () => render();
  feed.listeners.add(listener);
  render();
  return () => feed.listeners.delete(listener);
};

// 2. Endpoints ---------------------------------------------------------------------------------

let catalog = null;
async function loadCatalog() {
  if (!catalog) catalog = unwrap((await api("endpoints")).json) || { endpoints: [], services: [], listeners: [] };
  return catalog;
}

views.endpoints = (main, [selectedID]) => {
  const search = h("input", { type: "search", id: "endpoint-search", placeholder: "id, path, summary…" });
  const list = h("ul", { class: "list", "aria-label": "Endpoints" });
  const detail = h("section", { class: "panel", "aria-label": "Endpoint detail" }, h("p", { class: "muted" }, "Choose an endpoint."));
  main.append(h("div", { class: "sidebar" },
    h("section", { class: "panel" }, h("h2", {}, "Endpoints"), h("div", { class: "controls" }, h("label", {}, "Search endpoints", search)), list),
    detail));

  loadCatalog().then((data) => {
    function renderList() {
      const text = search.value.trim().toLowerCase();
      const shown = data.endpoints.filter((e) => !text || [e.id, e.path, e.summary, e.service, e.method].join(" ").toLowerCase().includes(text));
      fill(list, ...shown.map((e) => h("li", {}, h("button", {
        type: "button", "aria-current": String(e.id === selectedID),
        onclick: () => { location.hash = "#/endpoints/" + encodeURIComponent(e.id); },
      }, h("span", { class: "method" }, e.method), " ", h("span", { class: "mono" }, e.path), h("br"), h("span", { class: "muted" }, `${e.service} · ${e.summary || e.id}`)))));
    }
    search.addEventListener("input", renderList);
    renderList();
    const endpoint = data.endpoints.find((e) => e.id === selectedID);
    if (endpoint) showEndpoint(detail, endpoint, data);
  });
};

function schemaBlock(title, schema) {
  return schema ? [h("h3", {}, title), h("pre", {}, pretty(schema))] : [];
}

function parameterTable(title, parameters) {
  if (!parameters || !parameters.length) return [];
  return [h("h3", {}, title), h("div", { class: "scroll" }, h("table", {},
    h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Required"), h("th", {}, "Schema"), h("th", {}, "Example"))),
    h("tbody", {}, parameters.map((p) => h("tr", {},
      h("td", { class: "mono" }, p.name), h("td", {}, p.required ? "yes" : "no"),
      h("td", { class: "mono" }, p.schema ? JSON.stringify(p.schema) : ""), h("td", { class: "mono" }, p.example === null ? "" : JSON.stringify(p.example)))))))];
}

function showEndpoint(detail, e, data) {
  const pathInputs = (e.path.match(/\{[^}]+\}/g) || []).map((token) => {
    const name = token.slice(1, -1);
    const declared = (e.pathParameters || []).find((p) => p.name === name);
    return [name, h("input", { type: "text", id: "path-" + name, value: declared && declared.example !== null ? String(declared.example) : "" })];
  });
  const bodyInput = e.body ? h("textarea", { id: "send-body" }) : null;
  if (bodyInput) bodyInput.value = e.body.example === null ? "" : pretty(e.body.example);
  const answer = h("div", { "aria-live": "polite" });
  const send = h("button", { type: "button", class: "primary", onclick: () => sendExample(e, data, pathInputs, bodyInput, answer) }, "Send");
  fill(detail, 
    h("h2", {}, h("span", { class: "method" }, e.method), " ", h("span", { class: "mono" }, e.path)),
    h("p", {}, e.summary || ""),
    e.description ? h("p", { class: "muted" }, e.description) : null,
    h("dl", { class: "facts" },
      h("dt", {}, "Id"), h("dd", { class: "mono" }, e.id),
      h("dt", {}, "Service"), h("dd", {}, e.service),
      h("dt", {}, "Auth"), h("dd", {}, e.auth),
      h("dt", {}, "Fake"), h("dd", {}, e.fake),
      e.aliases.length ? [h("dt", {}, "Aliases"), h("dd", { class: "mono" }, e.aliases.join(", "))] : null,
      e.stream ? [h("dt", {}, "Stream"), h("dd", {}, `ids ${e.stream.ids ? "yes" : "no"}, replay ${e.stream.replay ? "yes" : "no"}, heartbeat ${e.stream.heartbeat ?? "—"} s`)] : null),
    parameterTable("Path parameters", e.pathParameters),
    parameterTable("Query parameters", e.query),
    parameterTable("Headers", e.headers),
    e.body ? [...schemaBlock(`Request body (${e.body.contentType}${e.body.required ? ", required" : ""})`, e.body.schema),
      h("h3", {}, "Request example"), h("pre", {}, pretty(e.body.example))] : null,
    h("h3", {}, "Responses"),
    e.responses.map((r) => h("details", {},
      h("summary", {}, h("span", { class: statusClass(r.status) }, String(r.status)), " ", r.description || r.contentType),
      schemaBlock("Schema", r.schema),
      Object.entries(r.examples || {}).map(([name, value]) => [h("h3", {}, `Example: ${name}`), h("pre", {}, pretty(value))]))),
    e.events.length ? [h("h3", {}, "Events"), e.events.map((ev) => h("details", {},
      h("summary", { class: "mono" }, ev.name), schemaBlock("Data schema", ev.schema), h("h3", {}, "Example"), h("pre", {}, pretty(ev.example))))] : null,
    h("h3", {}, "Try it"),
    h("div", { class: "controls" }, pathInputs.map(([name, input]) => h("label", {}, `Path ${name}`, input))),
    bodyInput ? h("label", { class: "field" }, "Request body (JSON)", bodyInput) : null,
    h("p", {}, send, " ", h("span", { class: "muted" }, data.demo ? `as ${data.demo.email} (${data.demo.tenant})` : "")),
    answer);
}

let demoToken = null;
async function sendExample(e, data, pathInputs, bodyInput, answer) {
  const service = data.services.find((s) => s.name === e.service) || { prefix: "" };
  const own = data.listeners.find((l) => l.service === e.service);
  const gateway = data.listeners.find((l) => !l.service);
  let path = e.path;
  for (const [name, input] of pathInputs) path = path.replace("{" + name + "}", encodeURIComponent(input.value));
  const root = own ? own.url : gateway ? gateway.url + service.prefix : location.origin + (base.includes(service.prefix) || !service.prefix ? "" : service.prefix);
  const headers = {};
  let url = root + path;
  if (e.auth !== "none" && data.demo) {
    if (!demoToken) {
      const minted = await api("token", { method: "POST", body: { sub: data.demo.id, tenant: data.demo.tenant, email: data.demo.email, roles: data.demo.roles } });
      demoToken = minted.json && minted.json.accessToken;
    }
    if (e.auth === "query") {
      url += `?${data.credentials.query}=${encodeURIComponent(demoToken)}` + (data.tenancy && data.tenancy.query ? `&${data.tenancy.query}=${encodeURIComponent(data.demo.tenant)}` : "");
    } else {
      headers[data.credentials.header] = `${data.credentials.scheme} ${demoToken}`.trim();
      if (data.tenancy) headers[data.tenancy.header] = data.demo.tenant;
    }
  }
  const init = { method: e.method, headers };
  if (bodyInput && bodyInput.value.trim()) { init.body = bodyInput.value; headers["Content-Type"] = e.body.contentType; }
  fill(answer, h("p", { class: "muted" }, `${e.method} ${url} …`));
  try {
    if (e.events.length) {
      fill(answer, h("p", {}, "A stream: open it on the Streams view to watch its channel."));
      return;
    }
    const response = await fetch(url, init);
    const text = await response.text();
    let shown = text;
    try { shown = pretty(JSON.parse(text)); } catch { /* not JSON */ }
    fill(answer, h("h3", {}, "Answer ", h("span", { class: statusClass(response.status), id: "send-status" }, String(response.status))), h("pre", { id: "send-answer" }, shown));
  } catch (error) {
    fill(answer, h("p", { class: "s5" }, `The request failed: ${error}`));
  }
}

// 3. State ------------------------------------------------------------------------------------

views.state = (main) => {
  const tenant = h("select", { id: "state-tenant" });
  const collection = h("select", { id: "state-collection" });
  const asJSON = h("input", { type: "checkbox", id: "state-json" });
  const reset = h("button", { type: "button", class: "danger" }, "Reset tenant");
  const content = h("div");
  const editor = h("section", { class: "panel", "aria-label": "Edit a record", hidden: true });
  let state = null;
  let editing = null;

  async function load() {
    const reply = await api("state");
    state = unwrap(reply.json);
    const tenants = [...state.tenants.map((t) => t.id), "global"];
    const keep = tenant.value;
    fill(tenant, ...tenants.map((id) => h("option", { value: id }, id)));
    if (tenants.includes(keep)) tenant.value = keep;
    fillCollections();
    renderRecords();
  }

  function records() {
    if (!state) return [];
    const data = tenant.value === "global" ? state.global : (state.tenants.find((t) => t.id === tenant.value) || { data: {} }).data;
    return data[collection.value];
  }

  function fillCollections() {
    const data = tenant.value === "global" ? state.global : (state.tenants.find((t) => t.id === tenant.value) || { data: {} }).data;
    const names = Object.keys(data).sort();
    const keep = collection.value;
    fill(collection, ...names.map((n) => h("option", { value: n }, n)));
    if (names.includes(keep)) collection.value = keep;
  }

  function idOf(record) {
    const meta = state.collections[collection.value] || { idField: "id" };
    return record && record[meta.idField] !== undefined ? String(record[meta.idField]) : null;
  }

  function renderRecords() {
    const value = records();
    if (value === undefined) { fill(content, h("p", { class: "muted" }, "No records.")); return; }
    if (asJSON.checked || !Array.isArray(value)) {
      fill(content, h("pre", { id: "state-json-view" }, pretty(value)),
        !Array.isArray(value) ? h("button", { type: "button", onclick: () => edit(value) }, "Edit") : null);
      return;
    }
    const columns = [];
    for (const record of value.slice(0, 50)) {
      for (const [key, field] of Object.entries(record)) {
        if (columns.length < 5 && !columns.includes(key) && (typeof field !== "object" || field === null)) columns.push(key);
      }
    }
    fill(content, h("div", { class: "scroll" }, h("table", { id: "state-table" },
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, c)), h("th", {}, "Actions"))),
      h("tbody", {}, value.map((record) => h("tr", {},
        columns.map((c) => h("td", { class: "mono" }, record[c] === undefined ? "" : String(record[c]))),
        h("td", {},
          h("button", { type: "button", "aria-label": `Edit ${idOf(record)}`, onclick: () => edit(record) }, "Edit"), " ",
          h("button", { type: "button", class: "danger", "aria-label": `Delete ${idOf(record)}`, onclick: () => remove(record) }, "Delete"))))))),
      h("p", { class: "muted" }, `${value.length} record${value.length === 1 ? "" : "s"}`));
  }

  function edit(record) {
    editing = record;
    const text = h("textarea", { id: "record-json", "aria-label": "Record JSON" });
    text.value = pretty(record);
    const problems = h("div", { "aria-live": "polite", id: "record-problems" });
    const save = h("button", { type: "button", class: "primary", onclick: async () => {
      let value;
      try { value = JSON.parse(text.value); } catch (error) {
        fill(problems, h("ul", { class: "errors" }, h("li", {}, `Not JSON: ${error.message}`)));
        return;
      }
      const single = !Array.isArray(records());
      const path = `state/${encodeURIComponent(tenant.value)}/${encodeURIComponent(collection.value)}` + (single ? "" : `/${encodeURIComponent(idOf(editing))}`);
      const reply = await api(path, { method: "PUT", body: value });
      if (!reply.ok) {
        const errors = fieldErrors(reply.json);
        fill(problems, h("p", { class: "s5" }, (reply.json && (reply.json.error || reply.json.message)) || `refused (${reply.status})`),
          h("ul", { class: "errors" }, errors.map(([k, v]) => h("li", {}, h("code", {}, k), " ", v))));
        return;
      }
      editor.hidden = true;
      say(`saved ${collection.value} ${idOf(value) || ""}`);
      await load();
    } }, "Save");
    fill(editor, h("h2", {}, `Edit ${collection.value} ${idOf(record) || ""}`), text, problems,
      h("p", {}, save, " ", h("button", { type: "button", onclick: () => { editor.hidden = true; } }, "Cancel")));
    editor.hidden = false;
    text.focus();
  }

  async function remove(record) {
    const reply = await api(`state/${encodeURIComponent(tenant.value)}/${encodeURIComponent(collection.value)}/${encodeURIComponent(idOf(record))}`, { method: "DELETE" });
    say(reply.ok ? `deleted ${idOf(record)}` : `not deleted (${reply.status})`);
    await load();
  }

  reset.addEventListener("click", async () => {
    const reply = await api(`state/${encodeURIComponent(tenant.value)}/reset`, { method: "POST" });
    say(reply.ok ? `${tenant.value} is as the scenario seeds it` : `not reset (${reply.status})`);
    await load();
  });
  tenant.addEventListener("input", () => { fillCollections(); renderRecords(); });
  collection.addEventListener("input", renderRecords);
  asJSON.addEventListener("input", renderRecords);

  main.append(h("section", { class: "panel" },
    h("h2", {}, "State"),
    h("div", { class: "controls" }, h("label", {}, "Tenant", tenant), h("label", {}, "Collection", collection),
      h("label", { class: "inline" }, asJSON, "As JSON"), reset),
    content), editor);
  load();
  let timer = null;
  const listener = (entry) => {
    if (!isWrite(entry)) return;
    clearTimeout(timer);
    timer = setTimeout(() => { if (editor.hidden) load(); }, 150);
  };
  feed.listeners.add(listener);
  return () => { feed.listeners.delete(listener); clearTimeout(timer); };
};

// 4. Scenario and faults ------------------------------------------------------------------------

views.scenario = (main) => {
  const scenario = h("select", { id: "scenario-select" });
  const about = h("p", { class: "muted" });
  const faults = h("tbody");
  const problems = h("div", { "aria-live": "polite" });
  const effect = h("select", { id: "fault-effect" }, ["latency", "fail", "drop", "notReady"].map((e) => h("option", { value: e }, e)));
  const delay = h("input", { type: "text", id: "fault-delay", value: "300ms" });
  const status = h("input", { type: "number", id: "fault-status", value: "503", min: "400", max: "599" });
  const endpoint = h("input", { type: "text", id: "fault-endpoint", list: "endpoint-ids", placeholder: "any" });
  const path = h("input", { type: "text", id: "fault-path", placeholder: "/goals/*" });
  const rate = h("input", { type: "number", id: "fault-rate", value: "1", min: "0", max: "1", step: "0.05" });
  const times = h("input", { type: "number", id: "fault-times", min: "1", placeholder: "∞" });
  const ids = h("datalist", { id: "endpoint-ids" });
  let scenarios = [];

  async function load() {
    scenarios = unwrap((await api("scenarios")).json) || [];
    const active = scenarios.find((s) => s.active);
    fill(scenario, ...scenarios.map((s) => h("option", { value: s.name }, s.title ? `${s.name} — ${s.title}` : s.name)));
    if (active) { scenario.value = active.name; about.textContent = `Active: ${active.name}. ${active.description || ""}`; }
    const rules = unwrap((await api("faults")).json) || [];
    fill(faults, ...(rules.length ? rules.map((rule) => h("tr", {},
      h("td", { class: "mono" }, rule.id), h("td", {}, rule.effect),
      h("td", {}, rule.delay || (rule.status ? String(rule.status) : "")),
      h("td", { class: "mono" }, rule.endpoint || rule.path || "every request"),
      h("td", {}, String(rule.rate ?? 1)), h("td", {}, rule.remaining === null || rule.remaining === undefined ? "∞" : String(rule.remaining)),
      h("td", {}, String(rule.applied ?? 0)),
      h("td", {}, h("button", { type: "button", class: "danger", "aria-label": `Remove fault ${rule.id}`, onclick: async () => { await api(`faults/${rule.id}`, { method: "DELETE" }); load(); } }, "Remove"))))
      : [h("tr", {}, h("td", { colspan: "8", class: "muted" }, "No faults: every request is answered as the contracts say."))]));
  }

  const switchButton = h("button", { type: "button", class: "primary", onclick: async () => {
    const reply = await api(`scenario/${encodeURIComponent(scenario.value)}`, { method: "POST" });
    say(reply.ok ? `scenario ${scenario.value} is active` : `not switched (${reply.status})`);
    load();
  } }, "Switch");

  const add = h("button", { type: "button", class: "primary", onclick: async () => {
    const rule = { effect: effect.value };
    if (effect.value === "latency") rule.delay = delay.value;
    if (effect.value === "fail") rule.status = Number(status.value);
    if (endpoint.value.trim()) rule.endpoint = endpoint.value.trim();
    if (path.value.trim()) rule.path = path.value.trim();
    if (rate.value !== "" && Number(rate.value) !== 1) rule.rate = Number(rate.value);
    if (times.value !== "") rule.times = Number(times.value);
    const reply = await api("faults", { method: "POST", body: rule });
    if (!reply.ok) {
      fill(problems, h("ul", { class: "errors" }, fieldErrors(reply.json).map(([k, v]) => h("li", {}, h("code", {}, k), " ", v))));
      return;
    }
    fill(problems, );
    say(`fault ${(unwrap(reply.json) || {}).id} added`);
    load();
  } }, "Add fault");

  main.append(
    h("section", { class: "panel" }, h("h2", {}, "Scenario"), h("div", { class: "controls" }, h("label", {}, "Scenario", scenario), switchButton), about),
    h("section", { class: "panel" }, h("h2", {}, "Faults"),
      h("div", { class: "scroll" }, h("table", { id: "fault-table" },
        h("thead", {}, h("tr", {}, ["Id", "Effect", "Delay / status", "Applies to", "Rate", "Left", "Applied", ""].map((t) => h("th", {}, t)))), faults)),
      h("h3", {}, "Add a fault"),
      h("div", { class: "controls" },
        h("label", {}, "Effect", effect), h("label", {}, "Delay", delay), h("label", {}, "Status", status),
        h("label", {}, "Endpoint", endpoint), h("label", {}, "Path", path), h("label", {}, "Rate", rate), h("label", {}, "Times", times), add),
      ids, problems,
      h("button", { type: "button", class: "danger", onclick: async () => { await api("faults", { method: "DELETE" }); load(); } }, "Remove all faults")));
  loadCatalog().then((data) => fill(ids, ...data.endpoints.map((e) => h("option", { value: e.id }))));
  load();
  const timer = setInterval(load, 2000);
  return () => clearInterval(timer);
};

// 5. Streams ------------------------------------------------------------------------------------

views.streams = (main) => {
  const list = h("div", { id: "streams" });
  async function load() {
    const channels = unwrap((await api("streams")).json) || [];
    fill(list, ...(channels.length ? channels.map((c) => h("section", { class: "panel" },
      h("h3", { class: "mono" }, c.channel), h("p", {}, `${c.subscribers} subscriber${c.subscribers === 1 ? "" : "s"} · ${c.recent.length} recent event${c.recent.length === 1 ? "" : "s"}`),
      c.recent.length ? h("div", { class: "scroll" }, h("table", {},
        h("thead", {}, h("tr", {}, h("th", {}, "Id"), h("th", {}, "Event"), h("th", {}, "Data"))),
        h("tbody", {}, c.recent.slice().reverse().map((ev) => h("tr", {}, h("td", { class: "mono" }, String(ev.id)), h("td", { class: "mono" }, ev.event),
          h("td", { class: "mono" }, JSON.stringify(ev.data))))))) : null))
      : [h("p", { class: "muted" }, "No channel has subscribers or events yet.")]));
  }
  main.append(h("section", { class: "panel" }, h("h2", {}, "Streams"), h("p", { class: "muted" }, "Open SSE channels, their subscribers, and the last events with their ids (the replay buffer).")), list);
  load();
  const timer = setInterval(load, 2000);
  return () => clearInterval(timer);
};

// 6. Verify report ------------------------------------------------------------------------------

let loadedReport = null;

views.report = (main) => {
  const file = h("input", { type: "file", id: "report-file", accept: ".json,application/json" });
  const drop = h("div", { class: "drop" }, "Drop a verify report (JSON) here, or choose a file.");
  const service = h("select", { id: "report-service" }, h("option", { value: "" }, "all"));
  const family = h("select", { id: "report-family" }, h("option", { value: "" }, "all"));
  const failing = h("input", { type: "checkbox", id: "report-failing", checked: true });
  const text = h("input", { type: "search", id: "report-filter" });
  const summary = h("div");
  const results = h("div", { id: "report-results" });

  function open(report, name) {
    if (!report || !Array.isArray(report.endpoints) || !report.summary) {
      fill(summary, h("p", { class: "s5" }, `${name} is not a verify report (docs/report-format.md).`));
      return;
    }
    loadedReport = { report, name };
    const services = [...new Set(report.endpoints.map((e) => e.service))].sort();
    const families = [...new Set(report.endpoints.flatMap((e) => e.cases.map((c) => c.kind)))].sort();
    fill(service, h("option", { value: "" }, "all"), ...services.map((s) => h("option", { value: s }, s)));
    fill(family, h("option", { value: "" }, "all"), ...families.map((f) => h("option", { value: f }, f)));
    const s = report.summary;
    fill(summary, 
      h("h3", {}, `${name}${report.target ? " — " + (typeof report.target === "string" ? report.target : JSON.stringify(report.target)) : ""}`),
      h("p", {}, h("span", { class: "badge good" }, `${s.passed} passed`), " ", h("span", { class: "badge bad", id: "report-failed" }, `${s.failed} failed`), " ",
        h("span", { class: "badge" }, `${s.skipped} skipped`), " ", h("span", { class: "badge" }, `${s.known} known`), " ",
        h("span", { class: "muted" }, `${s.endpointsReached} of ${s.endpoints} endpoints reached`)),
      s.coverageGaps && s.coverageGaps.length ? h("p", { class: "muted" }, "Not reached: ", s.coverageGaps.join(", ")) : null);
    render();
  }

  function render() {
    if (!loadedReport) return;
    const needle = text.value.trim().toLowerCase();
    const groups = new Map();
    for (const endpoint of loadedReport.report.endpoints) {
      if (service.value && endpoint.service !== service.value) continue;
      const cases = endpoint.cases.filter((c) => (!family.value || c.kind === family.value) && (!failing.checked || c.status === "failed")
        && (!needle || [endpoint.id, endpoint.path, c.name, ...c.divergences.map((d) => d.message)].join(" ").toLowerCase().includes(needle)));
      if (!cases.length) continue;
      if (!groups.has(endpoint.service)) groups.set(endpoint.service, []);
      groups.get(endpoint.service).push([endpoint, cases]);
    }
    const divergence = (d) => h("div", {},
      h("p", {}, h("span", { class: "badge" }, d.kind), d.known ? " (known)" : "", " ", d.message),
      d.pointer ? h("p", { class: "mono" }, `at ${d.pointer}`) : null,
      d.expected !== undefined || d.actual !== undefined
        ? h("div", { class: "split" },
          h("div", {}, h("h3", {}, "Expected"), h("pre", {}, pretty(d.expected ?? ""))),
          h("div", {}, h("h3", {}, "Actual"), h("pre", {}, pretty(d.actual ?? ""))))
        : null);
    const caseBlock = (c) => h("div", {},
      h("h3", {}, h("span", { class: c.status === "failed" ? "s5" : c.status === "passed" ? "s2" : "s3" }, c.status), " ", c.name, " ", h("span", { class: "badge" }, c.kind)),
      c.reason ? h("p", { class: "muted" }, c.reason) : null,
      c.divergences.map(divergence));
    const endpointBlock = ([endpoint, cases]) => h("details", { open: true },
      h("summary", {}, h("span", { class: "method" }, endpoint.method), " ", h("span", { class: "mono" }, endpoint.path), " ", h("span", { class: "muted" }, endpoint.id)),
      cases.map(caseBlock));
    const sections = [...groups].map(([name, endpoints]) => h("section", { class: "panel" }, h("h2", {}, name), endpoints.map(endpointBlock)));
    fill(results, ...(sections.length ? sections : [h("p", { class: "muted" }, "No case matches the filters.")]));
  }

  function readFile(f) {
    const reader = new FileReader();
    reader.onload = () => { try { open(JSON.parse(reader.result), f.name); } catch (error) { fill(summary, h("p", { class: "s5" }, `${f.name}: not JSON (${error.message})`)); } };
    reader.readAsText(f);
  }

  file.addEventListener("change", () => { if (file.files[0]) readFile(file.files[0]); });
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => { event.preventDefault(); drop.classList.remove("over"); if (event.dataTransfer.files[0]) readFile(event.dataTransfer.files[0]); });
  for (const control of [service, family, failing, text]) control.addEventListener("input", render);

  main.append(
    h("section", { class: "panel" }, h("h2", {}, "Verify report"),
      h("div", { class: "controls" }, h("label", {}, "Report file", file)), drop, summary,
      h("div", { class: "controls" }, h("label", {}, "Service", service), h("label", {}, "Family", family),
        h("label", { class: "inline" }, failing, "Only failing cases"), h("label", {}, "Filter", text))),
    results);
  if (loadedReport) open(loadedReport.report, loadedReport.name);
  else api("report").then((reply) => { if (reply.ok && reply.json) open(reply.json, "preloaded report"); });
};

// ---------------------------------------------------------------------------------------------

window.addEventListener("hashchange", route);
api("requests").then((reply) => {
  const entries = unwrap(reply.json);
  if (Array.isArray(entries)) for (const entry of entries.slice().reverse()) addEntry(entry);
  for (const listener of feed.listeners) listener({ method: "GET", path: "" });
});
startFeed();
route();
