"""Load generator for `manage.py bench --case mixed-load` (runs as its own process).

Mixes capture POSTs (API token), page views and searches (session cookie) against a server on
127.0.0.1 from several threads, bounded by a request count and a time limit (at most 45 s).
Prints one JSON line: per-kind counts, latency percentiles and status codes, the errors
(5xx and connection errors), and for every accepted capture the canonical URL and row id the
server answered with, so the caller can prove each is stored exactly once.
"""

import argparse
import http.client
import json
import statistics
import threading
import time

MAX_SECONDS = 45.0
REQUEST_TIMEOUT = 10.0
# One cycle of 20 requests: 8 captures, 7 page views, 5 searches.
CYCLE = ["capture", "dashboard", "capture", "jobs", "search-jobs", "capture", "applications",
         "capture", "search-jobs", "dashboard", "capture", "jobs", "search-applications",
         "capture", "applications", "search-jobs", "capture", "dashboard", "capture",
         "search-jobs"]  # fmt: skip
KIND_OF = {"capture": "capture", "search-jobs": "search", "search-applications": "search"}
SEARCH_WORDS = ["engineer", "data", "platform", "remote", "manager", "senior"]
CAPTURES_BEFORE = [CYCLE[:i].count("capture") for i in range(len(CYCLE))]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--token", required=True, help="API token for the capture endpoint")
    parser.add_argument("--session", required=True, help="session cookie value for the pages")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=35.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--board-token", default="loadco", help="Greenhouse board scanned")
    parser.add_argument("--board-ids", default="0:0", help="first:count of its job ids")
    args = parser.parse_args()
    args.seconds = min(args.seconds, MAX_SECONDS)
    return args


def request_for(index: int, args) -> tuple[str, str, str, str | None]:
    """(kind, method, path, body) of the index-th request; deterministic."""
    name = CYCLE[index % len(CYCLE)]
    kind = KIND_OF.get(name, "page")
    word = SEARCH_WORDS[index % len(SEARCH_WORDS)]
    if name == "capture":
        return kind, "POST", "/api/capture", json.dumps(capture_payload(index, args))
    paths = {
        "dashboard": "/dashboard/",
        "jobs": "/jobs/",
        "applications": "/applications/",
        "search-jobs": f"/jobs/?q={word}",
        "search-applications": f"/applications/?q={word}",
    }
    return kind, "GET", paths[name], None


def capture_payload(index: int, args) -> dict:
    """A third of captures repeat an earlier posting under another tracking parameter; one in
    four is a posting of the board being scanned meanwhile (two writers, one job)."""
    first, count = (int(x) for x in args.board_ids.split(":"))
    number = index // len(CYCLE) * CYCLE.count("capture") + CAPTURES_BEFORE[index % len(CYCLE)]
    posting = number * 2 // 3
    if count and posting % 4 == 0:
        job_id = first + posting // 4 % count
        url = f"https://boards.greenhouse.io/{args.board_token}/jobs/{job_id}?gh_src=load{index}"
        return {"url": url, "title": f"Scanned {job_id}"}
    url = f"https://jobs.example.com/load/{posting}?utm_source=load{index}"
    return {"url": url, "title": f"Load posting {posting}", "company": f"Loadco {posting % 7}"}


def main() -> None:
    args = parse_args()
    lock = threading.Lock()
    state = {"next": 0, "latencies": {}, "codes": {}, "errors": 0, "unexpected": 0,
             "accepted": {}, "failed_captures": []}  # fmt: skip
    deadline = time.monotonic() + args.seconds
    auth = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}
    cookie = {"Cookie": f"sessionid={args.session}"}

    def connect() -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", args.port, timeout=REQUEST_TIMEOUT)

    def worker():
        conn = connect()
        while time.monotonic() < deadline:
            with lock:
                index = state["next"]
                if index >= args.requests:
                    break
                state["next"] += 1
            kind, method, path, body = request_for(index, args)
            start = time.perf_counter()
            try:
                conn.request(method, path, body, auth if body else cookie)
                response = conn.getresponse()
                payload = response.read()
                code = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = connect()
                code, payload = 0, b""
            elapsed = time.perf_counter() - start
            with lock:
                state["latencies"].setdefault(kind, []).append(elapsed)
                codes = state["codes"].setdefault(kind, {})
                codes[str(code)] = codes.get(str(code), 0) + 1
                if code == 0 or code >= 500:
                    state["errors"] += 1
                elif code not in (200, 201):
                    state["unexpected"] += 1  # e.g. a login redirect: the session was lost
                if kind == "capture":
                    if code in (200, 201):
                        answer = json.loads(payload)
                        ids = state["accepted"].setdefault(answer["url"], [])
                        if answer["id"] not in ids:
                            ids.append(answer["id"])
                    else:
                        state["failed_captures"].append(json.loads(body)["url"])
        conn.close()

    started = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=args.seconds + REQUEST_TIMEOUT + 5)
    duration = time.monotonic() - started
    with lock:  # a thread still stuck past its bound reports nothing more
        kinds, total = {}, 0
        for kind, latencies in sorted(state["latencies"].items()):
            ms = sorted(x * 1000 for x in latencies)
            total += len(ms)
            kinds[kind] = {
                "requests": len(ms), "rate": len(ms) / duration,
                "p50_ms": statistics.median(ms), "p95_ms": percentile(ms, 95),
                "codes": state["codes"][kind],
            }  # fmt: skip
        everything = sorted(x * 1000 for v in state["latencies"].values() for x in v)
        report = {
            "requests": total, "seconds": round(duration, 2), "rate": total / duration,
            "p95_ms": percentile(everything, 95),
            "errors": state["errors"], "unexpected": state["unexpected"], "kinds": kinds,
            "accepted": state["accepted"], "failed_captures": state["failed_captures"],
            "stuck_threads": sum(t.is_alive() for t in pool),
        }  # fmt: skip
    print(json.dumps(report))


def percentile(sorted_ms: list[float], pct: int) -> float:
    if len(sorted_ms) < 2:
        return sorted_ms[0] if sorted_ms else 0.0
    return statistics.quantiles(sorted_ms, n=100, method="inclusive")[pct - 1]


if __name__ == "__main__":
    main()
