#!/usr/bin/env python3
"""The table of scripts/bench-app.sh from its results (size.json, launch.json,
idle.json in the given directory). Prints it; --write FILE also replaces the
section between the bench-app markers in FILE (docs/performance.md) with it. Exits 1 when a
target is missed (a missing result counts as missed).

Targets (issue 12): binary within +3 MB of the bare window, launch within 1.3x, memory
(RSS of the app and its WebKit processes) within +20 MB. MB = 1,000,000 bytes.
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

BEGIN = "<!-- bench-app:begin (written by scripts/bench-app.sh) -->"
END = "<!-- bench-app:end -->"


def load(d, name):
    try:
        with open(os.path.join(d, name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def mb(nbytes):
    return f"{nbytes / 1e6:.1f} MB"


def first(path, pattern):
    try:
        with open(path) as f:
            for line in f:
                m = re.match(pattern, line)
                if m:
                    return m.group(1).strip()
    except OSError:
        pass
    return "?"


def cmd(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def mtime(d, name):
    try:
        t = os.path.getmtime(os.path.join(d, name))
    except OSError:
        return "-"
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%d %b %Y %H:%M UTC")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--lines", type=int, default=1000)
    p.add_argument("--write")
    a = p.parse_args()
    size = load(a.dir, "size.json")
    launch = load(a.dir, "launch.json") or {}
    la, lb = launch.get("app"), launch.get("bare")
    idle = load(a.dir, "idle.json")

    rows = []  # (what, app, bare, difference, target, result)
    ok = True

    def row(what, app, bare, diff, target, passed):
        nonlocal ok
        if target == "-":
            result = "-"
        else:
            result = {True: "pass", False: "FAIL", None: "no result"}[passed]
            ok = ok and passed is True
        rows.append((what, app, bare, diff, target, result))

    if size:
        d = size["app"] - size["bare"]
        row("stripped binary", mb(size["app"]), mb(size["bare"]), f"+{mb(d)}", "<= +3 MB", d <= 3e6)
    else:
        row("stripped binary", "-", "-", "-", "<= +3 MB", None)
    if la and lb:
        r = la["median_ms"] / lb["median_ms"]
        row(
            f"launch to painted, median of {len(la['times_ms'])} "
            f"(Baohao: {a.lines:,} lines, {la['runs'][-1].get('rows')} rows listed)",
            f"{la['median_ms']:.0f} ms",
            f"{lb['median_ms']:.0f} ms",
            f"{r:.2f}x",
            "<= 1.3x",
            r <= 1.3,
        )
        row(
            "  launch, min-max",
            f"{la['min_ms']:.0f}-{la['max_ms']:.0f} ms",
            f"{lb['min_ms']:.0f}-{lb['max_ms']:.0f} ms",
            "",
            "-",
            None,
        )
    else:
        row("launch to painted", "-", "-", "-", "<= 1.3x", None)
    if idle:
        ap, bp = idle["app"], idle["bare"]
        def span(seconds):
            return f"{seconds / 60:.0f} min" if seconds < 3300 else f"{seconds / 3600:.1f} h"

        after = span(ap.get("idle_s", idle["idle_s"]))
        # The two idle runs may have been separate (bare_note says when the bare one differs).
        bare_after = span(bp.get("idle_s", idle["idle_s"]))
        bare_note = "" if bare_after == after else f" (after {bare_after})"
        for key, label in (("start", "after start"), ("idle", f"after {after} idle")):
            d = (ap[f"rss_{key}_kb"] - bp[f"rss_{key}_kb"]) * 1024
            row(
                f"RSS, app + WebKit, {label}",
                mb(ap[f"rss_{key}_kb"] * 1024),
                mb(bp[f"rss_{key}_kb"] * 1024) + (bare_note if key == "idle" else ""),
                f"{'+' if d >= 0 else ''}{mb(d)}",
                "<= +20 MB",
                d <= 20e6,
            )
            d = (ap[f"pss_{key}_kb"] - bp[f"pss_{key}_kb"]) * 1024
            row(
                f"  PSS, app + WebKit, {label}",
                mb(ap[f"pss_{key}_kb"] * 1024),
                mb(bp[f"pss_{key}_kb"] * 1024) + (bare_note if key == "idle" else ""),
                f"{'+' if d >= 0 else ''}{mb(d)}",
                "-",
                None,
            )
            row(
                f"  RSS, app process alone, {label}",
                mb(ap[f"app_rss_{key}_kb"] * 1024),
                mb(bp[f"app_rss_{key}_kb"] * 1024) + (bare_note if key == "idle" else ""),
                "",
                "-",
                None,
            )
        row(
            f"CPU time over {idle['cpu_window_s']:.0f} idle s (app + WebKit)",
            f"{ap['cpu_window_s']:.2f} s",
            f"{bp['cpu_window_s']:.2f} s",
            "",
            "-",
            None,
        )
        row(
            f"  CPU time over the whole {after} idle",
            f"{ap['cpu_idle_total_s']:.2f} s",
            f"{bp['cpu_idle_total_s']:.2f} s" + bare_note,
            "",
            "-",
            None,
        )
        if not (ap["alive"] and bp["alive"]):
            ok = False
    else:
        row("RSS, app + WebKit", "-", "-", "-", "<= +20 MB", None)

    head = ("what", "Baohao", "bare window", "difference", "target", "result")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    print("all targets met" if ok else "a target was missed (or has no result)")

    if a.write:
        load_start = open(os.path.join(a.dir, "load-start")).read().split()[:3]
        load_end = open(os.path.join(a.dir, "load-end")).read().split()[:3]
        cpu = first("/proc/cpuinfo", r"model name\s*:(.*)")
        mem = first("/proc/meminfo", r"MemTotal:(.*)")
        webkit = cmd("pkg-config", "--modversion", "webkit2gtk-4.1")
        md = [
            BEGIN,
            "",
            f"Machine: {os.cpu_count()} cores, `{cpu}`, MemTotal {mem}, Linux "
            f"{platform.release()}, {cmd('rustc', '--version')}, WebKitGTK {webkit}, Xvfb "
            "1280x1024x24.",
            f"Load average (1, 5, 15 min) when the run started: {', '.join(load_start)}; "
            f"when it ended: {', '.join(load_end)}.",
            "Results written: sizes "
            f"{mtime(a.dir, 'size.json')}; launches {mtime(a.dir, 'launch.json')}; "
            f"memory and CPU {mtime(a.dir, 'idle.json')}.",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
        ]
        for r in rows:
            md.append("| " + " | ".join(c.strip() or " " for c in r) + " |")
        if la and lb:
            md += [
                "",
                f"Launch times (ms), Baohao: {', '.join(f'{t:.0f}' for t in la['times_ms'])}; "
                f"bare: {', '.join(f'{t:.0f}' for t in lb['times_ms'])}. Session starts "
                "that WebKitWebDriver dropped and that were tried again: Baohao "
                f"{la.get('failed_attempts', 0)}, bare {lb.get('failed_attempts', 0)}.",
            ]
        md += ["", END]
        with open(a.write) as f:
            doc = f.read()
        block = "\n".join(md)
        if BEGIN in doc and END in doc:
            doc = doc[: doc.index(BEGIN)] + block + doc[doc.index(END) + len(END) :]
        else:
            doc = doc.rstrip("\n") + "\n\n" + block + "\n"
        with open(a.write, "w") as f:
            f.write(doc)
        print(f"written into {a.write}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
