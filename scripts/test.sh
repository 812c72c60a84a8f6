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

step "C examples build with -Wall -Wextra -Werror through pkg-config"
scripts/pkgconfig.sh release >/dev/null
make -s -C examples-c

step "Python binding tests (side by side with PJSUA2 when its wheel is installed)"
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

echo
echo "all tests passed"
