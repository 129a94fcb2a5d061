#!/usr/bin/env python3
"""Launch time of a Tauri app through WebDriver (tauri-driver + WebKitWebDriver), for
scripts/bench-app.sh. Run it under Xvfb and a D-Bus session.

One launch = a fresh tauri-driver, a new WebDriver session (WebKitWebDriver starts the app),
then polling the page until it shows what it is meant to show, then one more frame:

  start    the app process's start time as the kernel records it (/proc/PID/stat field 22,
           clock ticks since boot, 10 ms resolution on this kernel's USER_HZ of 100);
  painted  the moment (CLOCK_BOOTTIME, the same clock) a WebDriver script returns from two
           nested requestAnimationFrame callbacks after the condition first held, i.e. after
           the frame with the content was produced;
  launch   painted - start.

The condition for Baohao (--app): the list shows its first rows (`[data-testid="line-item"]`;
the list is windowed and renders only the rows in view, each carrying the size of its list in
`aria-setsize`), holding at most EXPECT, the active lines of the seeded database. For the bare
window (--bare): `document.readyState == "complete"` and the marker element `#painted`
exists. The page is polled every POLL_MS with a tiny synchronous
script, so detection lags the real moment by at most POLL_MS plus one WebDriver round trip;
the same lag applies to both apps.

Launches alternate between the two apps (bare, Baohao, bare, ...), so on a shared machine both
meet the same load. Baohao's launches all use the same --data-dir, as a user's starts do: the
first round (a warm-up, not counted) does whatever a first start on a new database does, and
warms the page cache.
Writes one JSON object (--out): the launch times in ms, their median, and per-run details.
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

POLL_MS = 10
TIMEOUT_S = 60
HZ = os.sysconf("SC_CLK_TCK")


def boottime() -> float:
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def proc_start(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    # The command name may hold spaces; fields after it are space separated.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[19]) / HZ  # field 22 overall


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method: str, url: str, body=None, timeout=TIMEOUT_S):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def group_pids(pgid: int, name: str):
    out = subprocess.run(["pgrep", "-g", str(pgid), "-x", name], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def one_launch(args, workdir: str, index: int) -> dict:
    """One launch of one app (`args`: app, kind, process_name, data_dir, expect)."""
    data = args.data_dir or os.path.join(workdir, "data")
    os.makedirs(data, exist_ok=True)
    env = dict(os.environ)
    env["BAOHAO_DATA_DIR"] = data
    env["XDG_DATA_HOME"] = os.path.join(data, "xdg-data")
    env["NO_AT_BRIDGE"] = "1"
    port, native = free_port(), free_port()
    log = open(os.path.join(workdir, f"driver-{args.kind}-{index}.log"), "w")
    driver = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(native)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            try:
                if request("GET", f"{base}/status", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("tauri-driver did not listen")
            time.sleep(0.05)
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": {"application": args.app, "args": []},
                }
            }
        }
        status, v = request("POST", f"{base}/session", caps)
        if status != 200:
            raise RuntimeError(f"no session: {status} {v}")
        session_at = boottime()
        sid = v["value"]["sessionId"]
        url = f"{base}/session/{sid}"
        pids = group_pids(driver.pid, args.process_name)
        if len(pids) != 1:
            raise RuntimeError(f"expected one {args.process_name} process, found {pids}")
        start = proc_start(pids[0])
        if args.kind == "app":
            # The list is windowed: it renders the rows in view, and each row says how many the
            # list holds (aria-setsize). Painted = rows in view and the list holding all lines
            # of its first section at least (the sections' sizes add up to EXPECT).
            probe = (
                "const rows = document.querySelectorAll('[data-testid=\"line-item\"]');"
                "if (!rows.length) return 0;"
                "const sizes = new Map();"
                "for (const r of rows) { const s = r.closest('[aria-setsize]') || r;"
                " sizes.set(s.parentElement, Number(s.getAttribute('aria-setsize') || rows.length)); }"
                "return [...sizes.values()].reduce((a, b) => a + b, 0);"
            )
            done = lambda n: isinstance(n, int) and n >= 1  # noqa: E731
        else:
            probe = (
                "return document.readyState === 'complete' && "
                "document.getElementById('painted') !== null ? 1 : 0"
            )
            done = lambda n: n == 1  # noqa: E731
        polls, first_miss = 0, None
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            status, v = request("POST", f"{url}/execute/sync", {"script": probe, "args": []})
            polls += 1
            value = v.get("value") if isinstance(v, dict) else None
            if status == 200 and done(value):
                seen = boottime()
                break
            if first_miss is None:
                first_miss = boottime()
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out; last answer {status} {v}")
            time.sleep(POLL_MS / 1000)
        status, v = request(
            "POST",
            f"{url}/execute/async",
            {
                "script": "const done = arguments[arguments.length - 1];"
                "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                "args": [],
            },
        )
        painted = boottime()
        if status != 200:
            raise RuntimeError(f"frame wait failed: {status} {v}")
        # Where the time went, from the page's own clock: its time origin (the navigation's
        # start) and its resource entries (the app's IPC calls are fetches of ipc://localhost/
        # <command>), mapped to CLOCK_BOOTTIME through Date.now() read between two readings
        # of CLOCK_BOOTTIME.
        before = boottime()
        _, v = request(
            "POST",
            f"{url}/execute/sync",
            {
                "script": "const n = performance.getEntriesByType('navigation')[0];"
                "return { now: Date.now(), origin: performance.timeOrigin,"
                " dcl: n ? n.domContentLoadedEventEnd : null, load: n ? n.loadEventEnd : null,"
                " resources: performance.getEntriesByType('resource').map(e =>"
                " [e.name, e.startTime, e.responseEnd]) };",
                "args": [],
            },
        )
        after = boottime()
        page = v.get("value") or {}
        timeline = {}
        if page.get("origin"):
            # Epoch ms at `now` <-> boottime at the call's midpoint.
            origin_ms = ((before + after) / 2 - start) * 1000 - (page["now"] - page["origin"])
            timeline = {
                "page_origin_ms": round(origin_ms, 1),
                "dom_content_loaded_ms": page["dcl"] and round(origin_ms + page["dcl"], 1),
                "load_ms": page["load"] and round(origin_ms + page["load"], 1),
                "resources": [
                    [n, round(origin_ms + a, 1), round(origin_ms + b, 1)]
                    for n, a, b in page.get("resources", [])
                ],
            }
        count = None
        if args.kind == "app":
            _, v = request("POST", f"{url}/execute/sync", {"script": probe, "args": []})
            count = v.get("value")
            if not isinstance(count, int) or count < 1 or count > args.expect:
                raise RuntimeError(f"the list holds {count} rows, expected up to {args.expect}")
        try:
            request("DELETE", url, timeout=10)
        except OSError:
            pass  # the driver's processes are killed below either way
        return {
            "launch_ms": round((painted - start) * 1000, 1),
            "seen_ms": round((seen - start) * 1000, 1),
            "session_ms": round((session_at - start) * 1000, 1),
            # False when the very first poll already saw the content: then the figure is
            # bounded by how long the WebDriver session took to start, not by the app.
            "tight": first_miss is not None,
            "polls": polls,
            "rows": count,
            "timeline": timeline,
        }
    finally:
        try:
            os.killpg(driver.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        end = time.monotonic() + 5
        while driver.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        try:
            os.killpg(driver.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        driver.wait()
        log.close()
        # The next launch must not meet this one (the app's single-instance plugin would hand
        # it over), nor compete with it for the CPU.
        end = time.monotonic() + 10
        while group_pids(driver.pid, args.process_name) and time.monotonic() < end:
            time.sleep(0.05)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bare", help="the bare window's binary")
    p.add_argument("--app", help="Baohao's binary")
    p.add_argument("--data-dir", help="Baohao's BAOHAO_DATA_DIR (and XDG_DATA_HOME inside it)")
    p.add_argument("--expect", type=int, default=0, help="rows Baohao's list must show")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--settle", type=float, default=1.0, help="seconds between launches")
    p.add_argument("--log-dir", help="keep tauri-driver's logs (with the app's output) here")
    p.add_argument("--out", required=True, help="where the JSON goes")
    a = p.parse_args()
    targets = []
    if a.bare:
        targets.append(
            argparse.Namespace(
                kind="bare", app=os.path.abspath(a.bare),
                process_name=os.path.basename(a.bare)[:15],
                data_dir=None, expect=0,
            )
        )
    if a.app:
        targets.append(
            argparse.Namespace(
                kind="app", app=os.path.abspath(a.app),
                process_name=os.path.basename(a.app)[:15],
                data_dir=a.data_dir, expect=a.expect,
            )
        )
    if not targets:
        p.error("give --bare, --app or both")
    # Launches alternate between the apps, so both meet the same load on a shared machine.
    runs = {t.kind: [] for t in targets}
    failures = {t.kind: 0 for t in targets}
    with tempfile.TemporaryDirectory(prefix="bench-launch-") as tmp:
        workdir = a.log_dir or tmp
        os.makedirs(workdir, exist_ok=True)
        for i in range(a.warmup + a.runs):
            for t in targets:
                # WebKitWebDriver sometimes drops the connection while creating a session on
                # a loaded machine: such a launch is tried again (at most twice) and counted.
                for attempt in range(3):
                    try:
                        r = one_launch(t, workdir, i)
                        break
                    except Exception as e:  # noqa: BLE001 (any failure of one launch)
                        if attempt == 2:
                            raise
                        print(f"  {t.kind} launch {i + 1} failed ({e}); again", file=sys.stderr)
                        failures[t.kind] += 1
                        time.sleep(a.settle)
                r["warmup"] = i < a.warmup
                r["load"] = os.getloadavg()[0]
                runs[t.kind].append(r)
                print(
                    f"  {t.kind} launch {i + 1}/{a.warmup + a.runs}: "
                    f"{r['launch_ms']} ms{' (warm-up)' if r['warmup'] else ''}",
                    file=sys.stderr,
                )
                time.sleep(a.settle)
    out = {}
    for t in targets:
        times = [r["launch_ms"] for r in runs[t.kind] if not r["warmup"]]
        out[t.kind] = {
            "binary": t.app,
            "median_ms": statistics.median(times),
            "min_ms": min(times),
            "max_ms": max(times),
            "times_ms": times,
            "failed_attempts": failures[t.kind],
            "runs": runs[t.kind],
        }
    with open(a.out, "w") as f:
        json.dump(out, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
