#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks.
#   scripts/install-deps.sh           everything the tests need: compilers and tools from
#       apt, the real SIP peers of the interop tests (sipp, kamailio, baresip), dnsmasq
#       (the DNS server of the RFC 3263 tests), the pinned cbindgen, and a Python virtual
#       environment (target/venv) with pytest and the PJSUA2 wheel for the side-by-side checks;
#   scripts/install-deps.sh --build   only what building the library and the C demo needs.
# Rust comes from rustup when cargo is missing or older than the crate's rust-version
# (Debian's own rustc is too old). Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=0
[ "${1:-}" = "--build" ] && build_only=1

need_apt=()
have() { command -v "$1" >/dev/null 2>&1; }
have cc || need_apt+=(gcc)
have c++ || need_apt+=(g++)
have make || need_apt+=(make)
have pkg-config || need_apt+=(pkg-config)
# cmake: the opus crate builds its bundled libopus with it (Cargo.toml).
have cmake || need_apt+=(cmake)
have curl || need_apt+=(curl ca-certificates)
dpkg -s libasound2-dev >/dev/null 2>&1 || need_apt+=(libasound2-dev)
if [ "$build_only" = 0 ]; then
  have valgrind || need_apt+=(valgrind)
  have sipp || need_apt+=(sip-tester)
  have dnsmasq || need_apt+=(dnsmasq-base)
  have kamailio || need_apt+=(kamailio)
  # baresip-core: baresip and the modules the harness loads (g711, ctrl_tcp, sndfile...),
  # without the GUI and video packages of the baresip meta-package.
  have baresip || need_apt+=(baresip-core)
  # The presence and presence_xml modules of the kamailio the harness runs (no command).
  dpkg -s kamailio-presence-modules >/dev/null 2>&1 || need_apt+=(kamailio-presence-modules)
  have python3 || need_apt+=(python3)
  # Debian's python3 needs python3-venv for target/venv (it refuses pip installs outside one).
  python3 -c "import ensurepip" 2>/dev/null || need_apt+=(python3-venv)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
fi

# Rust: the crate's rust-version or newer, from rustup (Debian's rustc is too old).
rust_want=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
rust_have=$(cargo --version 2>/dev/null | awk '{print $2}')
if [ -z "$rust_have" ] || [ "$(printf '%s\n%s\n' "$rust_want" "$rust_have" | sort -V | head -1)" != "$rust_want" ]; then
  echo "installing Rust (rustup, stable): have '${rust_have:-none}', need $rust_want"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
    sh -s -- -y -q --profile minimal --component rustfmt --component clippy
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
[ "$build_only" = 1 ] && exit 0

cbindgen_want="0.29.4"
if [ "$(cbindgen --version 2>/dev/null | awk '{print $2}')" != "$cbindgen_want" ]; then
  cargo install cbindgen --version "$cbindgen_want" --locked
fi

# Python: a virtual environment that sees the system's packages (scripts/test.sh puts its
# bin/ first on PATH), with pytest and PJSUA2 itself for the side-by-side checks.
venv=target/venv
[ -x "$venv/bin/python3" ] || python3 -m venv --system-site-packages "$venv"
"$venv/bin/python3" -c "import pytest" 2>/dev/null || "$venv/bin/python3" -m pip install -q pytest
if ! "$venv/bin/python3" -c "import pjsua2" 2>/dev/null; then
  if "$venv/bin/python3" scripts/pjsua2_wheel_fits.py; then
    "$venv/bin/python3" -m pip install -q pjsua2-python==2.15.1.post1
  else
    echo "note: PJSUA2 publishes no wheel for this Python; the side-by-side checks will be skipped"
  fi
fi
