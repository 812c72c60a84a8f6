#!/usr/bin/env bash
# The main job: builds the library and the C demo, and runs it (no server needed).
# The demo starts an endpoint on loopback, lists its transports, sends itself an OPTIONS
# over UDP and TCP and prints the answers, and saves its config as PJSUA2 JSON.
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
exec examples-c/build/demo target/demo/demo-config.json
