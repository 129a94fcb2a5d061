#!/usr/bin/env bash
# `make run` on a machine with no display: start Baohao under Xvfb, save a screenshot of its
# window so you can see it works, then keep it running until Ctrl-C (or exit at once when
# there is no terminal to press Ctrl-C in).
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-target/debug/baohao}
shot=target/run-screenshot.png
echo "No display found (\$DISPLAY is empty): starting Baohao under Xvfb (virtual screen 1280x900)."
mkdir -p target
exec xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- bash -c '
  set -u
  app="$1"; shot="$2"
  "$app" >target/run.log 2>&1 &
  pid=$!
  trap "kill $pid 2>/dev/null" EXIT
  # Wait (at most 30 s) for the window to be mapped.
  for _ in $(seq 1 300); do
    xwininfo -root -tree 2>/dev/null | grep -q "Baohao" && break
    kill -0 $pid 2>/dev/null || { echo "Baohao exited early; see target/run.log" >&2; cat target/run.log >&2; exit 1; }
    sleep 0.1
  done
  sleep 3   # let the web view paint its first frame
  import -window root "$shot"
  echo "Baohao is running (pid $pid). Screenshot of its window: $shot"
  if [ -t 0 ]; then
    echo "Press Ctrl-C to quit."
    wait $pid
  fi
' bash "$app" "$shot"
