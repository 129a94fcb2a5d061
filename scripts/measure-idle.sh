#!/usr/bin/env bash
# Measures Baohao at rest with its window closed (started with --minimized, as at login, so
# only the tray and the reminder timer run) and LINES numbers in its database:
# CPU time used over IDLE_SECONDS, and resident memory, of the app and of its WebKit
# processes. Usage: scripts/measure-idle.sh [path to the app binary]
# (make release first for release figures). Prints the figures; needs xvfb-run and dbus.
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-target/release/baohao}
lines=${LINES:-100}
idle=${IDLE_SECONDS:-60}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run -q --release -p baohao-core --example seed -- "$dir" "$lines"

xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- bash -s "$app" "$dir" "$idle" "$lines" <<'INNER'
set -euo pipefail
app=$1; dir=$2; idle=$3; lines=$4
BAOHAO_DATA_DIR="$dir" NO_AT_BRIDGE=1 "$app" --minimized >"$dir/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
tree() { local p=$1; echo "$p"; for c in $(pgrep -P "$p" || true); do tree "$c"; done; }
ticks() { local t=0; for p in "$@"; do
  [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $t; }
rss_kb() { local t=0; for p in "$@"; do
  [ -r /proc/$p/status ] && t=$((t + $(awk '/^VmRSS/ {print $2}' /proc/$p/status))); done; echo $t; }
sleep 8   # start-up: load the page, first reminder pass
kill -0 $pid || { echo "the app exited; log:"; cat "$dir/app.log"; exit 1; }
procs=$(tree $pid)
hz=$(getconf CLK_TCK)
a0=$(ticks $pid); all0=$(ticks $procs)
sleep "$idle"
a1=$(ticks $pid); all1=$(ticks $procs)
printf 'lines in database:        %s\n' "$lines"
printf 'idle seconds:             %s\n' "$idle"
printf 'CPU, app process:         %.3f s\n' "$(echo "($a1 - $a0) / $hz" | bc -l)"
printf 'CPU, app + WebKit:        %.3f s\n' "$(echo "($all1 - $all0) / $hz" | bc -l)"
printf 'RSS, app process:         %d MB\n' $(( $(rss_kb $pid) / 1024 ))
printf 'RSS, app + WebKit:        %d MB\n' $(( $(rss_kb $procs) / 1024 ))
for p in $procs; do printf '  %-8s %-28s %6d MB\n' "$p" "$(cat /proc/$p/comm)" $(( $(rss_kb $p) / 1024 )); done
INNER
