"""The dashboard, checked in Chromium the way a person uses it (run by scripts/browser-test).

Each check is a function; a failed check is reported with its reason and the run goes on.
Prints "N passed, N failed" and exits 1 when any failed.
"""
import argparse
import json
import os
import sys
import time
import urllib.request

from playwright.sync_api import sync_playwright

parser = argparse.ArgumentParser()
parser.add_argument("--base", required=True, help="the mock, served with --port")
parser.add_argument("--report", required=True, help="a verify report JSON file")
parser.add_argument("--screenshots", help="write a picture of each view here")
args = parser.parse_args()
BASE = args.base
DASH = BASE + "/__understudy/"
TRACTION = BASE + "/traction/api/v1"
ACCOUNT = BASE + "/account/api/v1"


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


status, login = http("POST", ACCOUNT + "/auth/login", {"email": "demo@purposepath.app", "password": "Demo123!"})
TOKEN = login["data"]["access_token"]
AUTH = {"Authorization": "Bearer " + TOKEN, "X-Tenant-Id": "tenant_acme"}

results = []


def check(name):
    def run(function):
        started = time.monotonic()
        try:
            function()
            results.append((name, None))
            print(f"  ok    {name} ({time.monotonic() - started:.1f} s)")
        except Exception as error:  # a failed check is reported, the others still run
            results.append((name, error))
            print(f"  FAIL  {name}: {error}")
        return function
    return run


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(8000)
    console_errors = []
    # Answers with error statuses are logged by the browser too; those are the test's own requests.
    page.on("console", lambda message: console_errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def fetch(method, path, body=None, auth=True):
        """A request sent from the page, as the frontend would send it."""
        return page.evaluate(
            """async ([method, url, body, headers]) => {
                const started = performance.now();
                const response = await fetch(url, {method, headers: {"Content-Type": "application/json", ...headers},
                                                   body: body === null ? undefined : JSON.stringify(body)});
                return {status: response.status, text: await response.text(), ms: performance.now() - started};
            }""",
            [method, TRACTION + path, body, AUTH if auth else {}])

    @check("the dashboard loads with a strict Content-Security-Policy and no errors")
    def loads():
        response = page.goto(DASH)
        policy = response.headers.get("content-security-policy", "")
        expect("script-src 'self'" in policy and "default-src 'none'" in policy, f"policy: {policy!r}")
        page.wait_for_selector("text=Requests")
        page.wait_for_function("document.getElementById('status').textContent === 'live'", timeout=5000)
        expect(not console_errors, f"console: {console_errors}")

    @check("a request sent from the page is in Requests within a second")
    def live_request():
        page.goto(DASH + "#/requests")
        page.wait_for_function("document.getElementById('status').textContent === 'live'", timeout=5000)
        sent = time.monotonic()
        reply = fetch("GET", "/goals?status=active")
        expect(reply["status"] == 200, f"GET /goals answered {reply['status']}")
        page.locator("tbody tr.row", has_text="/traction/api/v1/goals").first.wait_for(timeout=1000)
        elapsed = time.monotonic() - sent
        expect(elapsed < 1.0, f"seen after {elapsed:.2f} s")
        row = page.locator("tbody tr.row", has_text="/traction/api/v1/goals").first
        expect("listGoals" in row.inner_text() and "tenant_acme" in row.inner_text(), row.inner_text())

    @check("an invalid request shows its field errors, and its row opens the full exchange by keyboard")
    def invalid_request():
        reply = fetch("POST", "/goals", {"intent": 42, "note": "<img src=x id=injected>"})
        expect(reply["status"] in (400, 422), f"answered {reply['status']}")
        note = page.locator("tr.note", has_text="title").first
        note.wait_for(timeout=2000)
        row = page.locator("tbody tr.row", has_text="/traction/api/v1/goals").filter(has_text="POST").first
        row.press("Enter")
        detail = page.locator("section[aria-label='Request detail']")
        try:
            detail.locator("text=Field errors").wait_for(timeout=2000)
        except Exception:
            raise AssertionError("detail after Enter: " + detail.inner_text()[:900].replace("\n", " | "))
        text = detail.inner_text()
        expect("<img src=x id=injected>" in text, "the request body is shown as text")
        expect(page.locator("#injected").count() == 0, "the body's markup became an element")
        expect("redacted" in text and TOKEN not in text, "the bearer token is not redacted")

    @check("Endpoints: search, open, and Send the example as the demo user")
    def endpoints():
        page.goto(DASH + "#/endpoints")
        page.get_by_label("Search endpoints").fill("listGoals")
        page.get_by_role("button", name="GET /goals").first.click()
        page.wait_for_selector("text=Try it")
        page.get_by_role("button", name="Send", exact=True).click()
        page.wait_for_selector("#send-status", timeout=5000)
        expect(page.locator("#send-status").inner_text() == "200", page.locator("#send-status").inner_text())
        expect("goal_revenue" in page.locator("#send-answer").inner_text(), "the answer lists the tenant's goals")

    @check("State: an edit is validated and written, and the API sees it")
    def state_edit():
        page.goto(DASH + "#/state")
        page.get_by_label("Tenant").select_option("tenant_acme")
        page.get_by_label("Collection").select_option("goals")
        page.get_by_role("button", name="Edit goal_revenue").click()
        editor = page.get_by_label("Record JSON")
        record = json.loads(editor.input_value())
        record["title"] = "Edited in the dashboard"
        editor.fill(json.dumps(record, indent=2))
        page.get_by_role("button", name="Save").click()
        page.locator("#state-table", has_text="Edited in the dashboard").wait_for(timeout=3000)
        status, goal = http("GET", TRACTION + "/goals/goal_revenue", headers=AUTH)
        expect(goal["data"]["title"] == "Edited in the dashboard", f"API says {goal['data']['title']!r}")

    @check("State: an edit the schema refuses shows its errors and changes nothing")
    def state_refused():
        page.get_by_role("button", name="Edit goal_revenue").click()
        editor = page.get_by_label("Record JSON")
        record = json.loads(editor.input_value())
        record["alignmentScore"] = "very high"
        editor.fill(json.dumps(record))
        page.get_by_role("button", name="Save").click()
        problems = page.locator("#record-problems")
        problems.locator("text=/alignmentScore").wait_for(timeout=3000)
        status, goal = http("GET", TRACTION + "/goals/goal_revenue", headers=AUTH)
        expect(goal["data"]["alignmentScore"] != "very high", "the refused edit was written")
        page.get_by_role("button", name="Cancel").click()

    @check("State: a write from the frontend appears without a reload")
    def state_live():
        http("POST", TRACTION + "/goals", {"title": "Made by the frontend", "intent": "Appear on the dashboard"}, headers=AUTH)
        page.locator("#state-table", has_text="Made by the frontend").wait_for(timeout=3000)

    @check("Scenario: switching it applies to the mock")
    def scenario():
        page.goto(DASH + "#/scenario")
        page.get_by_label("Scenario").select_option("onboarding")
        page.get_by_role("button", name="Switch").click()
        page.wait_for_selector("text=Active: onboarding", timeout=3000)
        status, health = http("GET", DASH + "health")
        expect(health["data"]["scenario"] == "onboarding", health)
        page.get_by_label("Scenario").select_option("default")
        page.get_by_role("button", name="Switch").click()
        page.wait_for_selector("text=Active: default", timeout=3000)

    @check("Faults: a latency fault added in the form delays the endpoint, and its count shows")
    def faults():
        page.get_by_label("Effect").select_option("latency")
        page.get_by_label("Delay").fill("400ms")
        page.get_by_label("Endpoint").fill("tractionHealth")
        page.get_by_role("button", name="Add fault").click()
        page.locator("#fault-table", has_text="tractionHealth").wait_for(timeout=3000)
        reply = fetch("GET", "/health", auth=False)
        expect(reply["ms"] >= 380, f"answered in {reply['ms']:.0f} ms")
        page.locator("#fault-table tbody tr", has_text="tractionHealth").locator("td:nth-child(7)", has_text="1").wait_for(timeout=4000)
        page.get_by_role("button", name="Remove all faults").click()
        page.wait_for_selector("text=No faults", timeout=3000)

    @check("Streams: an open EventSource shows as a subscriber with its channel")
    def streams():
        page.goto(DASH + "#/streams")
        page.evaluate("""([url]) => { window.__stream = new EventSource(url); }""",
                      [TRACTION + f"/realtime/goals/goal_revenue/activity?access_token={TOKEN}&tenant=tenant_acme"])
        fetch("POST", "/goals/goal_revenue/activity", {"type": "note", "text": "Seen on the Streams view"})
        page.locator("#streams", has_text="goal:goal_revenue").wait_for(timeout=5000)
        page.locator("#streams", has_text="activity.created").wait_for(timeout=5000)
        expect("1 subscriber" in page.locator("#streams").inner_text(), page.locator("#streams").inner_text()[:200])

    @check("Verify report: a report file opens, grouped, with its failing cases")
    def report():
        page.goto(DASH + "#/report")
        page.wait_for_selector("#report-failed", timeout=5000)  # the preloaded one (serve --report)
        page.get_by_label("Report file").set_input_files(args.report)
        page.wait_for_selector("text=report.json", timeout=5000)
        with open(args.report) as file:
            failed = json.load(file)["summary"]["failed"]
        expect(page.locator("#report-failed").inner_text() == f"{failed} failed", page.locator("#report-failed").inner_text())
        expect(failed == 0 or page.locator("#report-results h3 .s5").count() > 0, "no failing case listed")

    @check("every control has an accessible name")
    def names():
        missing = []
        for view in ["requests", "endpoints", "state", "scenario", "streams", "report"]:
            page.goto(DASH + "#/" + view)
            page.wait_for_timeout(300)
            missing += page.evaluate("""() => [...document.querySelectorAll('input, select, textarea, button')]
                .filter((el) => !el.hidden && !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
                .map((el) => location.hash + ' ' + el.outerHTML.slice(0, 80))""")
        expect(not missing, f"unnamed: {missing}")

    @check("the layout holds at 1280×800 and at 390×844 (no sideways scrolling)")
    def layout():
        for width, height in [(1280, 800), (390, 844)]:
            page.set_viewport_size({"width": width, "height": height})
            for view in ["requests", "endpoints", "state", "scenario", "streams", "report"]:
                page.goto(DASH + "#/" + view)
                page.wait_for_timeout(300)
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                expect(overflow <= 1, f"#{view} at {width}×{height} is {overflow}px too wide")
        page.set_viewport_size({"width": 1280, "height": 800})

    @check("no script errors and no dialogs during the run")
    def clean():
        expect(not dialogs, f"dialogs: {dialogs}")
        expect(not console_errors, f"console: {console_errors}")

    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
        fetch("POST", "/goals", {"intent": 42})
        for width, height, label in [(1280, 800, "desktop"), (390, 844, "narrow")]:
            page.set_viewport_size({"width": width, "height": height})
            for view, ready in [("requests", "tbody tr.row"), ("endpoints/createGoal", "text=Try it"), ("state", "#state-table"),
                                ("scenario", "#fault-table"), ("streams", "#streams"), ("report", "#report-failed")]:
                page.goto(DASH + "#/" + view)
                page.wait_for_selector(ready, timeout=5000)
                if view == "requests":
                    page.locator("tbody tr.row", has_text="POST").first.click()
                page.wait_for_timeout(400)
                name = view.split("/")[0]
                page.screenshot(path=os.path.join(args.screenshots, f"{name}-{label}.png"), full_page=False)
        print(f"  screenshots in {args.screenshots}")

    browser.close()

failed = [name for name, error in results if error]
print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
