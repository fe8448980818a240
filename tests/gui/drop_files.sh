#!/usr/bin/env bash
# Starts nnscope on the current X display, drops files onto its window through XDND (as a file
# manager would) and writes the app's action log to stdout.
# Usage: drop_files.sh XDND_DROP APP "APP ARGS" "FILES" ["FILES" ...]: each group is one drop.
set -u
drop=$1
app=$2
args=$3
shift 3
# shellcheck source=app_session.sh
source "$(dirname "$0")/app_session.sh"
# From a folder that is not the repository: what is dropped must not depend on the working folder.
cd "$(mktemp -d)" || exit 1
start_app drop_files "$app" "$args"
sleep 0.5
for files in "$@"; do
  # shellcheck disable=SC2086
  "$drop" "$window" 400 300 $files || echo "drop_files: the drop of $files failed"
  sleep 0.5
done
stop_app
