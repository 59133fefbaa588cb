#!/usr/bin/env python3
"""Console load check: N simulated users log in and browse the console for a fixed time against a
QE Registry on loopback, then the page-time percentiles are printed.

    ops/load/console-load.py --base=http://127.0.0.1:8080 --user=admin --password=… [--users=20] [--seconds=60]

Bounded in users and time; only loopback addresses are accepted as targets.
"""
import argparse
import http.cookiejar
import re
import statistics
import threading
import time
import urllib.parse
import urllib.request

PAGES = ["/dashboard", "/runs", "/deliveries", "/exceptions", "/enterprises?q=%E6%AD%A6%E6%B1%89", "/schedules"]


def login(base, user, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login", timeout=30).read().decode("utf-8")
    token = re.search(r'name="_csrf"\s+value="([^"]+)"', page) or re.search(r'value="([^"]+)"\s+name="_csrf"', page)
    form = {"username": user, "password": password}
    if token:
        form["_csrf"] = token.group(1)
    response = opener.open(base + "/login", data=urllib.parse.urlencode(form).encode(), timeout=30)
    if "/login" in response.geturl():
        raise SystemExit("login failed for " + user)
    return opener


def browse(base, opener, until, times, errors, lock):
    i = 0
    while time.monotonic() < until:
        path = PAGES[i % len(PAGES)]
        i += 1
        start = time.monotonic()
        try:
            with opener.open(base + path, timeout=30) as response:
                response.read()
                ok = response.status == 200
        except Exception:  # a refused or failed request counts as an error, the run goes on
            ok = False
        elapsed = time.monotonic() - start
        with lock:
            (times if ok else errors).append(elapsed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("only loopback targets are allowed, got " + str(host))
    users = max(1, min(args.users, 100))
    seconds = max(1, min(args.seconds, 600))

    openers = [login(args.base, args.user, args.password) for _ in range(users)]
    times, errors, lock = [], [], threading.Lock()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=browse, args=(args.base, o, until, times, errors, lock)) for o in openers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    if not times:
        raise SystemExit("no page was served (%d errors)" % len(errors))
    ordered = sorted(times)
    pct = lambda p: ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000
    print("users=%d seconds=%d pages=%d errors=%d pages/s=%.1f p50=%.0fms p95=%.0fms p99=%.0fms max=%.0fms mean=%.0fms"
          % (users, seconds, len(times), len(errors), len(times) / seconds, pct(50), pct(95), pct(99),
             ordered[-1] * 1000, statistics.mean(ordered) * 1000))


if __name__ == "__main__":
    main()
