#!/usr/bin/env bash
# Sets up, builds and opens nnscope:   ./run.sh            (extra arguments go to the app)
# Sets up, builds and runs every test: ./run.sh test
# Installs what is missing with apt (through sudo when not root), then builds a Release build.
set -euo pipefail
cd "$(dirname "$0")"

mode=app
if [[ "${1:-}" == "test" ]]; then
  mode=test
  shift
fi

packages=(
  build-essential cmake pkg-config          # compiler and build
  libeigen3-dev                             # matrices
  libimgui-dev libglfw3-dev python3-glad    # window, UI, GL loader generator
  libgl-dev libgl1-mesa-dri                 # OpenGL (Mesa's software renderer where there is no GPU)
  libstb-dev                                # PNG writing and reading
  libcmark-dev libtomlplusplus-dev          # lesson files: Markdown prose, TOML presets
  libcli11-dev                              # command line
  zlib1g-dev                                # gzipped IDX files of digits
  fonts-dejavu-core fonts-dejavu-extra      # large classroom text
  doctest-dev xvfb xauth xdotool libx11-dev # tests: a virtual display, real key presses and file drops (Xlib)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "nnscope: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$jobs"

if [[ $mode == test ]]; then
  ctest --test-dir build --output-on-failure -j "$jobs"
else
  exec ./build/nnscope "$@"
fi
