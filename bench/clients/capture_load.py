"""Load generator for `manage.py bench --case capture-load` (runs as its own process).

Posts captures to a server on 127.0.0.1 from several threads, bounded by a request count and
a time limit, and prints one JSON line: counts, rate, latency percentiles, and the URLs whose
capture was accepted. Every request targets the given loopback address only.
"""

import http.client
import json
import statistics
import sys
import threading
import time


def main() -> None:
    port, token, total, seconds, threads = (int(sys.argv[1]), sys.argv[2], int(sys.argv[3]),
                                            float(sys.argv[4]), int(sys.argv[5]))  # fmt: skip
    distinct = max(1, total * 2 // 3)  # a third are repeats: the same posting captured again
    lock = threading.Lock()
    state = {"next": 0, "latencies": [], "codes": {}, "accepted": set(), "errors": 0}
    deadline = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                index = state["next"]
                if index >= total:
                    return
                state["next"] += 1
            posting = index % distinct
            url = f"https://jobs.example.com/load/{posting}?utm_source=load{index}"
            body = json.dumps({"url": url, "title": f"Load {posting}"})
            start = time.perf_counter()
            try:
                headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
                conn.request("POST", "/api/capture", body, headers)
                response = conn.getresponse()
                response.read()
                code = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                code = 0
            elapsed = time.perf_counter() - start
            with lock:
                state["latencies"].append(elapsed)
                state["codes"][code] = state["codes"].get(code, 0) + 1
                if code in (200, 201):
                    state["accepted"].add(posting)
                else:
                    state["errors"] += 1

    started = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    duration = time.monotonic() - started
    ms = sorted(x * 1000 for x in state["latencies"])
    p95 = statistics.quantiles(ms, n=100)[94] if len(ms) > 1 else (ms[0] if ms else 0)
    print(json.dumps({
        "requests": len(ms), "seconds": round(duration, 2),
        "rate": len(ms) / duration if duration else 0,
        "p50_ms": statistics.median(ms) if ms else 0, "p95_ms": p95, "codes": state["codes"],
        "errors": state["errors"], "accepted_distinct": len(state["accepted"]),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
