#!/usr/bin/env python3
"""SSE fan-out for scripts/bench: N subscribers on one goal's stream, then M activity posts; for each
post, the time from sending it until each subscriber has read its `activity.created` event.
Prints: subscribers posts p50_ms p99_ms max_ms. Standard library only."""
import asyncio, json, sys, time, urllib.request

async def subscribe(host, port, path, ready, inbox):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n", 1)[0]:
        raise SystemExit(f"stream refused: {head[:80]!r}")
    ready.release()
    while True:
        line = await reader.readline()
        if not line:
            return
        if line.startswith(b"event: activity.created"):
            inbox.put_nowait(time.perf_counter())

def post(base, goal, token, tenant):
    body = json.dumps({"type": "note", "text": "fan-out probe"}).encode()
    request = urllib.request.Request(f"{base}/goals/{goal}/activity", data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "X-Tenant-Id": tenant, "Content-Type": "application/json"})
    urllib.request.urlopen(request).read()

async def main(base, token, tenant, goal, subscribers, posts):
    host, port = base.split("//")[1].split("/")[0].split(":")
    prefix = "/" + base.split("//")[1].split("/", 1)[1]
    path = f"{prefix}/realtime/goals/{goal}/activity?access_token={token}&tenant={tenant}"
    ready = asyncio.Semaphore(0)
    inboxes = [asyncio.Queue() for _ in range(subscribers)]
    tasks = [asyncio.create_task(subscribe(host, int(port), path, ready, inbox)) for inbox in inboxes]
    for _ in range(subscribers):
        await ready.acquire()
    latencies = []
    loop = asyncio.get_running_loop()
    for _ in range(posts):
        start = time.perf_counter()
        await loop.run_in_executor(None, post, base, goal, token, tenant)
        for inbox in inboxes:
            arrived = await asyncio.wait_for(inbox.get(), timeout=10)
            latencies.append((arrived - start) * 1000)
        await asyncio.sleep(0.05)
    for task in tasks:
        task.cancel()
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"{subscribers} {posts} {pick(0.5):.1f} {pick(0.99):.1f} {latencies[-1]:.1f}")

if __name__ == "__main__":
    base, token, tenant, goal = sys.argv[1:5]
    subscribers = int(sys.argv[5]) if len(sys.argv) > 5 else 500
    posts = int(sys.argv[6]) if len(sys.argv) > 6 else 20
    asyncio.run(main(base, token, tenant, goal, subscribers, posts))
