#!/usr/bin/env bash
# The main job: builds the library and the C demo, and runs it (no server needed).
# The demo: two endpoints on loopback; one calls the other, plays a WAV file into the
# call, the other records it; the demo prints the call's statistics, hangs up and checks
# the recording (examples-c/demo.c). Its files go to target/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
# Build tools, the library's build dependencies and Rust, when missing.
scripts/install-deps.sh --build
# shellcheck disable=SC1091
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
cargo build --release --lib
scripts/pkgconfig.sh release >/dev/null
make -s -C examples-c
mkdir -p target/demo
exec examples-c/build/demo target/demo
