#!/usr/bin/env bash
# Runs every test: formatting and lints, the header check, Rust unit and integration
# tests, the C tests (also under valgrind), the Python and C++ binding tests, and the
# interop tests against real peers (sipp, kamailio, baresip). Installs what a fresh Debian
# machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

step() { printf '\n=== %s ===\n' "$*"; }

step "dependencies"
scripts/install-deps.sh
# Rust from rustup when install-deps put it there; target/venv's python3 (pytest, PJSUA2).
# shellcheck disable=SC1091
if [ -f "$HOME/.cargo/env" ]; then . "$HOME/.cargo/env"; fi
export PATH="$PWD/target/venv/bin:$PATH"
# What must not be skipped here: the side-by-side checks with PJSUA2 wherever its wheel
# exists, and the IPv6 tests (loopback ::1).
if python3 scripts/pjsua2_wheel_fits.py; then export PJSUA2RS_REQUIRE_PJSUA2=1; fi
export PJSUA2RS_REQUIRE_IPV6=1
# Nor the tests that need sipp and kamailio (install-deps installed them).
export PJSUA2RS_REQUIRE_PEERS=1

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings

step "generated header and Python bindings are current"
scripts/gen-header.sh --check

step "Rust tests"
cargo test

step "release library"
cargo build --release

step "the demo (the README's main command): a loopback call with audio, checked"
scripts/demo.sh

step "C tests (also under valgrind)"
tests/c/run.sh --valgrind

step "C examples build with -Wall -Wextra -Werror through pkg-config; the demo linked statically runs"
scripts/pkgconfig.sh release >/dev/null
make -s -C examples-c
ldd examples-c/build/demo-static | grep -q libpjsua2rs && { echo "demo-static links the .so" >&2; exit 1; }
mkdir -p target/demo-static
examples-c/build/demo-static target/demo-static >/dev/null

step "Python binding tests (side by side with PJSUA2)"
python3 -m pytest -q bindings/python/tests

step "C++ binding tests"
tests/cpp/run.sh

step "interop tests (sipp)"
cargo test --release --test interop -- --ignored --test-threads=1

step "interop harness tests (kamailio and the sipp registrars, without pjsua2rs)"
cargo test --release --test harness_kamailio -- --ignored --test-threads=1

step "call peers harness tests (the sipp call scenarios against each other, baresip; without pjsua2rs)"
cargo test --release --test harness_calls -- --ignored --test-threads=1
cargo test --release --test harness_baresip -- --ignored --test-threads=1

step "accounts against real registrars (sipp, kamailio)"
cargo test --release --test registration -- --ignored --test-threads=1

step "calls against real phones (the sipp call scenarios, baresip)"
cargo test --release --test call_peers -- --ignored --test-threads=1

step "audio with baresip checked by analysis (PCMU, PCMA, G.722, Opus; both directions)"
cargo test --release --test call_peers_audio -- --ignored --test-threads=1

echo
echo "all tests passed"
