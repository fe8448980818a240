#!/usr/bin/env bash
# Starts nnscope on the current X display, sends it real X key events with xdotool and writes the
# app's action log to stdout. Usage: drive_keys.sh APP "APP ARGS" "KEYS" ["KEYS" ...]
# Each KEYS group is sent as one burst of press-release pairs 1 ms apart (as a clicker sends them,
# faster than the frame rate), with half a second between groups; a group "click:N" clicks the
# lesson's Next button N times, 1 ms apart; "clickon:NAME" clicks once where the app logged
# "NAME: x,y"; "type:TEXT" types TEXT, 1 ms between characters.
set -u
app=$1
args=$2
shift 2
# shellcheck source=app_session.sh
source "$(dirname "$0")/app_session.sh"
start_app drive_keys "$app" "$args"
xdotool windowfocus --sync "$window"
sleep 0.5
# The x,y the app logged as "NAME: x,y" once its layout settled.
logged_at() {
  local at=""
  for _ in $(seq 100); do
    at=$(sed -n "s/^$1: //p" "$log" | tail -n 1)
    [[ -n $at ]] && break
    sleep 0.1
  done
  echo "$at"
}

for keys in "$@"; do
  if [[ $keys == click:* ]]; then
    at=$(logged_at "next button")
    xdotool mousemove --sync "${at%,*}" "${at#*,}" click --repeat "${keys#click:}" --delay 1 1
  elif [[ $keys == clickon:* ]]; then
    at=$(logged_at "${keys#clickon:}")
    xdotool mousemove --sync "${at%,*}" "${at#*,}" click 1
  elif [[ $keys == type:* ]]; then
    xdotool type --delay 1 "${keys#type:}"
  else
    # shellcheck disable=SC2086
    xdotool key --delay 1 $keys
  fi
  sleep 0.5
done
stop_app
