#!/usr/bin/env bash
# Runs the end-to-end tests inside a private X server and D-Bus session with a real
# notification daemon (dunst), recording every Notify call with dbus-monitor.
# Usage: xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- tests/run-e2e.sh [cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/e2e-screenshots
mkdir -p "$out"
: "${DISPLAY:?run me under xvfb-run}"
: "${DBUS_SESSION_BUS_ADDRESS:?run me under dbus-run-session}"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The tests pick a notification's action through dunst's context menu (tests/dunst).
export BAOHAO_DUNST_CHOICE="$PWD/$out/dunst-choice"
: >"$BAOHAO_DUNST_CHOICE"
dunst -config tests/dunst/dunstrc >"$out/dunst.log" 2>&1 &
pids+=($!)
export BAOHAO_NOTIFY_LOG="$PWD/$out/notifications.log"
dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$BAOHAO_NOTIFY_LOG" 2>&1 &
pids+=($!)
# Wait (bounded) until dunst owns the notification bus name.
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null \
      | grep -q 'boolean true'; then break; fi
  sleep 0.1
done

timeout 1200 cargo test -p baohao-e2e --locked --no-fail-fast -- --test-threads=1 "$@"
