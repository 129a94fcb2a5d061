#!/usr/bin/env bash
# Kills baohao-cli with kill -9 in the middle of a 10,000-row CSV import and in the middle of
# a restore of a 10,000-number backup, CRASH_RUNS times each (50 by default). After every
# kill the database must pass PRAGMA integrity_check and hold exactly the data from before or
# from after the operation, never anything in between (compared by the hash of a canonical
# dump in which run-specific ids are replaced by the numbers).
#
# usage: scripts/crash-test.sh [path/to/baohao-cli]   (default target/release/baohao-cli)
set -euo pipefail
cd "$(dirname "$0")/.."

CLI=${1:-target/release/baohao-cli}
RUNS=${CRASH_RUNS:-50}
NOW=2026-03-03T10:00:00Z
[ -x "$CLI" ] || { echo "crash-test: $CLI not found (cargo build --release -p baohao-cli)" >&2; exit 1; }
CLI=$(realpath "$CLI")

root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

cli() { "$CLI" --now "$NOW" "$@"; }
ms() { date +%s%3N; }
# "ok <hash>" after an explicit integrity check, or the error.
state() { cli --db "$1" check --hash 2>&1 || true; }

# The data before: three numbers with a renewal.
cli --db base.db add --number "+63 912 345 6789" --label "Smart" --carrier ph-smart >/dev/null
cli --db base.db add --number "+852 6123 4567" --label "HK card" >/dev/null
cli --db base.db add --number "+1 416 555 0123" --country CA --label "Toronto" >/dev/null
cli --db base.db log "+639123456789" --amount 300 --currency PHP --at 2026-02-01 >/dev/null
before=$(state base.db)

# 10,000 rows to import.
{
  echo "number,label,country,carrier,last_renewal_date,kind,amount,currency,tags,notes"
  for i in $(seq 0 9999); do
    printf '+44 7911 %06d,Line %d,GB,gb-giffgaff,2026-01-%02d,topup,10.00,GBP,t%d|uk,note %d\n' \
      $((100000 + i)) "$i" $((1 + i % 28)) $((i % 7)) "$i"
  done
} > rows.csv

# Reference runs: the states after, how long each operation takes, and when it starts writing
# (a dry run does everything but the write).
cp base.db ref.db
t0=$(ms); cli --db ref.db import rows.csv --dry-run >/dev/null; t1=$(ms)
cli --db ref.db import rows.csv >/dev/null; t2=$(ms)
import_lo=$((t1 - t0)); import_hi=$((t2 - t1))
after_import=$(state ref.db)
cli --db ref.db backup big.json >/dev/null

for mode in replace merge; do
  mkdir -p "ref-$mode"; cp base.db "ref-$mode/baohao.db"
  t0=$(ms); cli --db "ref-$mode/baohao.db" restore big.json "--$mode" --dry-run >/dev/null; t1=$(ms)
  cli --db "ref-$mode/baohao.db" restore big.json "--$mode" >/dev/null; t2=$(ms)
  eval "restore_${mode}_lo=$((t1 - t0)) restore_${mode}_hi=$((t2 - t1))"
  eval "after_$mode=\$(state ref-$mode/baohao.db)"
done

for s in "$before" "$after_import" "$after_replace" "$after_merge"; do
  case "$s" in ok\ *) ;; *) echo "crash-test: a reference state is not ok: $s" >&2; exit 1 ;; esac
done
echo "crash-test: import of 10,000 rows takes ${import_hi} ms (writing after ${import_lo} ms);" \
  "restore ${restore_replace_hi} ms (replace), ${restore_merge_hi} ms (merge)"

failures=0
# Waits until the process has started writing (its write-ahead log grows), then kills it after
# a random 0..EXTRA ms. Returns 1 when the process ended first.
kill_while_writing() {
  local pid=$1 wal=$2 extra=$3
  while kill -0 "$pid" 2>/dev/null; do
    if [ -s "$wal" ]; then
      local d=$((RANDOM % (extra + 1)))
      sleep "$(printf '%d.%03d' $((d / 1000)) $((d % 1000)))"
      kill -9 "$pid" 2>/dev/null
      return
    fi
    sleep 0.002
  done
  return 1
}

# run NAME TIMES LO HI AFTER COMMAND...: TIMES times, start COMMAND on a fresh copy of
# base.db and kill -9 it: on odd runs at a random moment between 0.6×LO and 1.1×HI ms, on even
# runs a random moment after it starts writing (within HI−LO ms); then check the state.
run() {
  local name=$1 times=$2 lo=$3 hi=$4 after=$5; shift 5
  local n_before=0 n_after=0 killed=0 writing=0 i
  local write_ms=$((hi > lo ? hi - lo : 50))
  lo=$((lo * 6 / 10)); hi=$((hi * 11 / 10 + 1))
  for i in $(seq 1 "$times"); do
    rm -rf run; mkdir run; cp base.db run/baohao.db
    "$@" >/dev/null 2>&1 &
    local pid=$! delay
    if [ $((i % 2)) -eq 0 ]; then
      if kill_while_writing "$pid" run/baohao.db-wal "$write_ms"; then
        killed=$((killed + 1)); writing=$((writing + 1))
      fi
    else
      delay=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
      sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
      if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    fi
    wait "$pid" 2>/dev/null || true
    local got; got=$(state run/baohao.db)
    if [ "$got" = "$before" ]; then
      n_before=$((n_before + 1))
    elif [ "$got" = "$after" ]; then
      n_after=$((n_after + 1))
    else
      failures=$((failures + 1))
      echo "crash-test: $name run $i: neither before nor after: $got" >&2
      mkdir -p "$root/target/crash-test-failures"
      cp -r run "$root/target/crash-test-failures/$name-$i"
    fi
  done
  echo "crash-test: $name: $times runs, $killed killed by kill -9 ($writing of them while" \
    "writing); integrity ok, and $n_before before / $n_after after /" \
    "$((times - n_before - n_after)) in between"
}

run import "$RUNS" "$import_lo" "$import_hi" "$after_import" \
  "$CLI" --now "$NOW" --db run/baohao.db import rows.csv
half=$(( (RUNS + 1) / 2 ))
run restore-replace "$half" "$restore_replace_lo" "$restore_replace_hi" "$after_replace" \
  "$CLI" --now "$NOW" --db run/baohao.db restore big.json --replace
run restore-merge "$((RUNS - half))" "$restore_merge_lo" "$restore_merge_hi" "$after_merge" \
  "$CLI" --now "$NOW" --db run/baohao.db restore big.json --merge

if [ "$failures" -gt 0 ]; then
  echo "crash-test: $failures runs left a state in between (kept in target/crash-test-failures)" >&2
  exit 1
fi
echo "crash-test: passed"
