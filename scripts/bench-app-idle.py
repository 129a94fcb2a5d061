#!/usr/bin/env python3
"""Resident memory and idle CPU of Tauri apps, for scripts/bench-app.sh. Run it under Xvfb and
a D-Bus session.

Starts every app given (--run NAME=BINARY[:DATA_DIR]) at once, each with its window shown,
no WebDriver, its own copy of the data dir. Each app's processes are the app and all its
descendants (WebKitWebProcess, WebKitNetworkProcess, and any sandbox helper in between),
found from /proc at every sample.

  after start  SETTLE seconds after launch (the window is up and the page has loaded):
               VmRSS summed over the processes (/proc/PID/status), and Pss summed
               (/proc/PID/smaps_rollup; RSS counts shared libraries once per process, PSS
               shares them out, so the sum of PSS is what the processes cost together);
  idle CPU     utime + stime (/proc/PID/stat fields 14 and 15) summed over the processes,
               the difference across the CPU_SECONDS right after that sample;
  after idle   the same memory figures IDLE_SECONDS after the first sample, plus the CPU
               time used over the whole idle period.

Nothing touches the apps in between (no input, no WebDriver). Writes one JSON object (--out).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HZ = os.sysconf("SC_CLK_TCK")


def children_map():
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        ppid = int(s[s.rindex(")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(d))
    return kids


def tree(pid):
    kids = children_map()
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(kids.get(p, []))
    return out


def field(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
    except OSError:
        return 0
    fields = s[s.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 overall)


def sample(pid):
    procs = tree(pid)
    per = [
        {
            "pid": p,
            "comm": comm(p),
            "rss_kb": field(f"/proc/{p}/status", "VmRSS"),
            "pss_kb": field(f"/proc/{p}/smaps_rollup", "Pss"),
            "ticks": ticks(p),
        }
        for p in procs
    ]
    return {
        "rss_kb": sum(x["rss_kb"] for x in per),
        "pss_kb": sum(x["pss_kb"] for x in per),
        "ticks": sum(x["ticks"] for x in per),
        "app_rss_kb": per[0]["rss_kb"],
        "processes": per,
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--run", action="append", required=True, help="NAME=BINARY[:DATA_DIR]")
    p.add_argument("--settle", type=float, default=15)
    p.add_argument("--cpu-seconds", type=float, default=60)
    p.add_argument("--idle-seconds", type=float, default=3600)
    p.add_argument("--out", required=True, help="where the JSON goes")
    args = p.parse_args()
    if args.idle_seconds < args.cpu_seconds:
        p.error("--idle-seconds must be at least --cpu-seconds")
    apps = {}
    with tempfile.TemporaryDirectory(prefix="bench-idle-") as work:
        try:
            for spec in args.run:
                name, _, rest = spec.partition("=")
                binary, _, data = rest.partition(":")
                dir_ = os.path.join(work, name)
                if data:
                    shutil.copytree(data, dir_)
                else:
                    os.makedirs(dir_)
                env = dict(os.environ)
                env["BAOHAO_DATA_DIR"] = dir_
                env["XDG_DATA_HOME"] = os.path.join(dir_, "xdg-data")
                env["NO_AT_BRIDGE"] = "1"
                log = open(os.path.join(work, f"{name}.log"), "w")
                proc = subprocess.Popen(
                    [os.path.abspath(binary)],
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                )
                apps[name] = {"proc": proc, "binary": binary}
            time.sleep(args.settle)
            for name, a in apps.items():
                if a["proc"].poll() is not None:
                    with open(os.path.join(work, f"{name}.log")) as f:
                        sys.stderr.write(f"{name} exited early:\n{f.read()}\n")
                    return 1
                a["start"] = sample(a["proc"].pid)
            t0 = time.monotonic()
            time.sleep(args.cpu_seconds)
            for a in apps.values():
                a["cpu"] = sample(a["proc"].pid)
            rest = args.idle_seconds - (time.monotonic() - t0)
            if rest > 0:
                time.sleep(rest)
            for a in apps.values():
                a["idle"] = sample(a["proc"].pid)
            idle_s = time.monotonic() - t0
            out = {"settle_s": args.settle, "cpu_window_s": args.cpu_seconds, "idle_s": idle_s}
            for name, a in apps.items():
                s, c, i = a["start"], a["cpu"], a["idle"]
                out[name] = {
                    "binary": a["binary"],
                    "rss_start_kb": s["rss_kb"],
                    "pss_start_kb": s["pss_kb"],
                    "app_rss_start_kb": s["app_rss_kb"],
                    "cpu_window_s": (c["ticks"] - s["ticks"]) / HZ,
                    "rss_idle_kb": i["rss_kb"],
                    "pss_idle_kb": i["pss_kb"],
                    "app_rss_idle_kb": i["app_rss_kb"],
                    "cpu_idle_total_s": (i["ticks"] - s["ticks"]) / HZ,
                    "processes_start": s["processes"],
                    "processes_idle": i["processes"],
                    "idle_s": idle_s,
                    "alive": a["proc"].poll() is None,
                }
            with open(args.out, "w") as f:
                json.dump(out, f)
        finally:
            for a in apps.values():
                try:
                    os.killpg(a["proc"].pid, 15)
                except ProcessLookupError:
                    pass
            for a in apps.values():
                try:
                    a["proc"].wait(timeout=5)
                except subprocess.TimeoutExpired:
                    os.killpg(a["proc"].pid, 9)
                    a["proc"].wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
