#!/usr/bin/env python3
"""Prints the table of `make bench`: each bench of `benches/scale.rs` beside its floor (both
medians from criterion's target/criterion/scale/*/new/estimates.json), the ratio, the budget
and whether it is met. Exits 1 when a budget is missed.

usage: scripts/bench-table.py [criterion dir] [--markdown]
"""

import json
import sys
from pathlib import Path

# bench id -> (what it measures, budget in ms or None, most times its floor or None)
BUDGETS = {
    "dashboard": ("dashboard, 10,000 lines (open store)", 50, 3),
    "dashboard_from_log": ("the same derived afresh from the log", None, None),
    "open_dashboard": ("open the file + dashboard", None, None),
    "plan_reminders": ("plan all reminders (loaded lines)", 20, None),
    "plan_window": ("plan the phone's window (400 soonest)", 20, None),
    "renewal_days": ("renewal days (loaded lines)", 20, None),
    "forecast": ("12-month forecast (loaded lines)", 20, None),
    "plan_reminders_from_store": ("load + plan all reminders", None, None),
    "csv_import": ("CSV import, 10,000 rows", 1000, None),
    "backup": ("backup to a file", 1000, None),
    "restore": ("restore (replace), checked backup", 1000, None),
    "restore_file": ("restore (replace) from the backup file", None, None),
}


def median_ms(group: Path, bench: str) -> float | None:
    f = group / bench / "new" / "estimates.json"
    if not f.exists():
        return None
    return json.loads(f.read_text())["median"]["point_estimate"] / 1e6


def fmt(ms: float | None) -> str:
    if ms is None:
        return "-"
    return f"{ms:.2f} ms" if ms < 100 else f"{ms:.0f} ms"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    markdown = "--markdown" in sys.argv
    group = Path(args[0] if args else "target/criterion") / "scale"
    if not group.is_dir():
        print(f"no results in {group}: run `make bench`", file=sys.stderr)
        return 2
    header = ["bench", "median", "floor median", "ratio", "budget", "result"]
    rows = []
    failed = False
    for bench, (what, budget, times) in BUDGETS.items():
        m = median_ms(group, bench)
        if m is None:
            rows.append([what, "not run", "", "", "", "MISSING"])
            failed = True
            continue
        floor = median_ms(group, bench + "_floor")
        ratio = m / floor if floor else None
        parts = []
        ok = True
        if budget is not None:
            parts.append(f"< {budget} ms")
            ok = ok and m < budget
        if times is not None:
            parts.append(f"<= {times}x floor")
            ok = ok and ratio is not None and ratio <= times
        result = ("pass" if ok else "FAIL") if parts else "(info)"
        failed = failed or not ok
        rows.append(
            [
                what,
                fmt(m),
                fmt(floor),
                f"{ratio:.1f}x" if ratio else "-",
                ", ".join(parts) or "-",
                result,
            ]
        )
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        for r in [header, ["-" * w for w in widths]] + rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
