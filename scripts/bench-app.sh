#!/usr/bin/env bash
# `make bench-app`: Baohao beside a bare Tauri 2 window (bench/bare-tauri: the notification
# plugin and rusqlite, the same release profile), both built in this run:
#   - stripped binary size;
#   - launch to the dashboard painted with LINES lines (bare: to its page painted) under Xvfb,
#     median of RUNS launches through WebDriver (scripts/bench-app-launch.py says exactly what
#     is measured);
#   - resident memory of each app and its WebKit processes after start and after IDLE_SECONDS
#     idle, CPU time over CPU_SECONDS idle seconds (scripts/bench-app-idle.py).
# Prints a table; WRITE_DOCS=1 (the default) also writes it into docs/performance.md between
# the bench-app markers. Exits 1 when a target is missed.
#
# Environment: RUNS (10), LINES (1000), IDLE_SECONDS (3600), CPU_SECONDS (60),
# PHASES ("build size launch idle": leave phases out to reuse their last results from
# $target/bench-app), WRITE_DOCS (1), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

runs=${RUNS:-10}
lines=${LINES:-1000}
idle=${IDLE_SECONDS:-3600}
cpu=${CPU_SECONDS:-60}
phases=" ${PHASES:-build size launch idle} "
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
export CARGO_TARGET_DIR=$target
out=$target/bench-app
app=$target/release/baohao
bare=$target/release/bare-tauri
mkdir -p "$out"
has() { [[ $phases == *" $1 "* ]]; }
cat /proc/loadavg >"$out/load-start"

if has build; then
  echo "==> building the app (make release) and the bare window, both in release"
  make --no-print-directory release
  cargo build --locked --release --features custom-protocol \
    --manifest-path bench/bare-tauri/Cargo.toml
  # The data set is the same in any profile; the debug build is the one `make test` has.
  cargo build --locked -p baohao-core --example bench_data
  echo "==> seeding $lines lines (baohao_core::bench_data)"
  rm -rf "$out/data"
  mkdir -p "$out/data"
  "$target/debug/examples/bench_data" "$out/data/baohao.db" "$lines"
  # (install + mv: a copy still running in an idle measurement keeps its own file)
  for b in "$app" "$bare"; do
    install -m 755 "$b" "$out/$(basename "$b").new"
    mv "$out/$(basename "$b").new" "$out/$(basename "$b")"
  done
fi
# The measured binaries are the copies made by the build phase, so a later build cannot
# change what a long idle run (or a rerun of one phase) measures.
app=$out/baohao
bare=$out/bare-tauri

if has size; then
  echo "==> stripped sizes"
  for b in "$app" "$bare"; do
    strip -o "$out/$(basename "$b").stripped" "$b"
  done
  printf '{"app": %d, "bare": %d, "app_file": %d, "bare_file": %d}\n' \
    "$(stat -c %s "$out/baohao.stripped")" "$(stat -c %s "$out/bare-tauri.stripped")" \
    "$(stat -c %s "$app")" "$(stat -c %s "$bare")" >"$out/size.json"
  rm -f "$out"/*.stripped
fi

if has launch; then
  # The active lines, the rows the list shows (bench_data archives some).
  expect=$(python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM line WHERE archived_at IS NULL").fetchone()[0])' \
    "$out/data/baohao.db")
  echo "==> launch times, $runs launches each (+1 warm-up); the list shows $expect rows"
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    python3 scripts/bench-app-launch.py --bare "$bare" --app "$app" --data-dir "$out/data" \
    --expect "$expect" --runs "$runs" --out "$out/launch.json"
fi

if has idle; then
  echo "==> memory after start and after $idle s idle, CPU over $cpu idle seconds (both apps at once)"
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- \
    python3 scripts/bench-app-idle.py --run "app=$app:$out/data" --run "bare=$bare" \
    --cpu-seconds "$cpu" --idle-seconds "$idle" --out "$out/idle.json.new"
  mv "$out/idle.json.new" "$out/idle.json"
fi

cat /proc/loadavg >"$out/load-end"
write=()
[ "${WRITE_DOCS:-1}" = 1 ] && write=(--write docs/performance.md)
python3 scripts/bench-app-report.py "$out" --lines "$lines" "${write[@]}"
