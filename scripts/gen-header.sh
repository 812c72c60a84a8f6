#!/usr/bin/env bash
# Regenerates include/pjsua2rs.h with the pinned cbindgen, then from it the Python _ffi.py
# (bindings/python/gen_ffi.py) and the C++ enums and config classes
# (bindings/cpp/gen_cpp.py). With --check, regenerates into a temporary place and fails if
# any committed file differs.
set -euo pipefail
cd "$(dirname "$0")/.."
want="0.29.4"
have=$(cbindgen --version 2>/dev/null | awk '{print $2}')
if [ "$have" != "$want" ]; then
  echo "cbindgen $want is required (found '${have:-none}'): cargo install cbindgen --version $want --locked" >&2
  exit 1
fi
out=include/pjsua2rs.h
pyout=bindings/python/pjsua2rs/_ffi.py
cppdir=bindings/cpp
cppfiles=(pjsua2rs_enums.hpp pjsua2rs_config.hpp)
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cbindgen --config cbindgen.toml --crate pjsua2rs --output "$tmp/pjsua2rs.h" -q
  if ! cmp -s "$tmp/pjsua2rs.h" "$out"; then
    echo "include/pjsua2rs.h is stale: run scripts/gen-header.sh and commit it" >&2
    diff -u "$out" "$tmp/pjsua2rs.h" | head -40 >&2
    exit 1
  fi
  python3 bindings/python/gen_ffi.py "$out" "$tmp/_ffi.py"
  if ! cmp -s "$tmp/_ffi.py" "$pyout"; then
    echo "$pyout is stale: run scripts/gen-header.sh and commit it" >&2
    exit 1
  fi
  python3 bindings/cpp/gen_cpp.py "$out" "$tmp"
  for f in "${cppfiles[@]}"; do
    if ! cmp -s "$tmp/$f" "$cppdir/$f"; then
      echo "$cppdir/$f is stale: run scripts/gen-header.sh and commit it" >&2
      exit 1
    fi
  done
  exit 0
fi
cbindgen --config cbindgen.toml --crate pjsua2rs --output "$out" -q
python3 bindings/python/gen_ffi.py "$out" "$pyout"
python3 bindings/cpp/gen_cpp.py "$out" "$cppdir"
