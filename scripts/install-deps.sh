#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: compilers and tools from apt,
# the real SIP peers the interop tests use (sipp, kamailio, baresip), dnsmasq (the DNS
# server of the RFC 3263 tests), the pinned cbindgen, and Python test tools.
# Safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
have() { command -v "$1" >/dev/null 2>&1; }
have cc || need_apt+=(gcc)
have c++ || need_apt+=(g++)
have make || need_apt+=(make)
have pkg-config || need_apt+=(pkg-config)
# cmake: the opus crate builds its bundled libopus with it (Cargo.toml).
have cmake || need_apt+=(cmake)
have valgrind || need_apt+=(valgrind)
have sipp || need_apt+=(sip-tester)
have dnsmasq || need_apt+=(dnsmasq-base)
have kamailio || need_apt+=(kamailio)
# baresip-core: baresip and the modules the harness loads (g711, ctrl_tcp, sndfile...),
# without the GUI and video packages of the baresip meta-package.
have baresip || need_apt+=(baresip-core)
# The presence and presence_xml modules of the kamailio the harness runs (no command).
dpkg -s kamailio-presence-modules >/dev/null 2>&1 || need_apt+=(kamailio-presence-modules)
# Build dependencies of the library: ALSA headers for cpal (sound devices).
dpkg -s libasound2-dev >/dev/null 2>&1 || need_apt+=(libasound2-dev)
have python3 || need_apt+=(python3 python3-pip)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
fi

cbindgen_want="0.29.4"
if [ "$(cbindgen --version 2>/dev/null | awk '{print $2}')" != "$cbindgen_want" ]; then
  cargo install cbindgen --version "$cbindgen_want" --locked
fi

python3 -c "import pytest" 2>/dev/null || python3 -m pip install -q pytest
# PJSUA2 itself, for the side-by-side compatibility checks (x86_64, CPython 3.10-3.12).
python3 -c "import pjsua2" 2>/dev/null || python3 -m pip install -q pjsua2-python==2.15.1.post1 || \
  echo "note: the PJSUA2 wheel is not available for this Python; side-by-side checks will be skipped"
