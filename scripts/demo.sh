#!/usr/bin/env bash
# The main job: builds the library and the C demo, and runs it (no server needed).
# The demo: two endpoints on loopback; one calls the other, plays a WAV file into the
# call, the other records it; the demo prints the call's statistics, hangs up and checks
# the recording (examples-c/demo.c). Its files go to target/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
# Build tools and the library's build dependencies (ALSA headers for sound devices).
command -v cc >/dev/null && command -v pkg-config >/dev/null && command -v make >/dev/null \
  && dpkg -s libasound2-dev >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q gcc make pkg-config libasound2-dev
}
cargo build --release --lib
scripts/pkgconfig.sh release >/dev/null
make -s -C examples-c
mkdir -p target/demo
exec examples-c/build/demo target/demo
