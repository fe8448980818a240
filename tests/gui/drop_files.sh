#!/usr/bin/env bash
# Starts nnscope on the current X display, drops files onto its window through XDND (as a file
# manager would) and writes the app's action log to stdout.
# Usage: drop_files.sh XDND_DROP APP "APP ARGS" "FILES" ["FILES" ...]: each group is one drop.
set -u
drop=$1
app=$2
args=$3
shift 3
log=$(mktemp)
# From a folder that is not the repository: what is dropped must not depend on the working folder.
cd "$(mktemp -d)" || exit 1
# shellcheck disable=SC2086
"$app" $args --log-actions >"$log" 2>&1 &
pid=$!
window=$(timeout 20 xdotool search --sync --onlyvisible --name '^nnscope$' | head -n 1)
if [[ -z $window ]]; then
  echo "drop_files: the nnscope window did not appear"
  kill "$pid" 2>/dev/null
  cat "$log"
  exit 1
fi
sleep 0.5
for files in "$@"; do
  # shellcheck disable=SC2086
  "$drop" "$window" 400 300 $files || echo "drop_files: the drop of $files failed"
  sleep 0.5
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
cat "$log"
rm -f "$log"
