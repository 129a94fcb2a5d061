#!/bin/sh
# dunst's context menu for the end-to-end tests. dunst writes one line per action of the
# shown notifications ("#I renewed (Travel UK: renew within 7 days) [3,renewed]") and invokes
# the line printed back. This prints the first line containing every line of the file
# $BAOHAO_DUNST_CHOICE (written by the test), and nothing when none does.
set -eu
menu=$(cat)
printf '%s\n' "$menu" > "$BAOHAO_DUNST_CHOICE.menu"
while IFS= read -r want; do
  [ -n "$want" ] || continue
  menu=$(printf '%s\n' "$menu" | grep -F -- "$want" || true)
done < "$BAOHAO_DUNST_CHOICE"
printf '%s\n' "$menu" | head -n 1
