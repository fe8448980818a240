# Sourced by the GUI test drivers: starts nnscope on the current X display with --log-actions,
# waits for its window, and stops it. Sets: log (the app's log file), pid, window.
start_app() {  # start_app NAME APP "APP ARGS"
  local name=$1 app=$2 args=$3
  log=$(mktemp)
  # shellcheck disable=SC2086
  "$app" $args --log-actions >"$log" 2>&1 &
  pid=$!
  window=$(timeout 20 xdotool search --sync --onlyvisible --name '^nnscope$' | head -n 1)
  if [[ -z $window ]]; then
    echo "$name: the nnscope window did not appear"
    kill "$pid" 2>/dev/null
    cat "$log"
    exit 1
  fi
}

stop_app() {  # prints the app's log
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  cat "$log"
  rm -f "$log"
}
