#!/usr/bin/env bash
# Builds the PJSUA2-style programs of tests/cpp/ (test_pjsua2_*style.cpp) against a real
# pjproject tree instead of pjsua2rs, with only their include line changed
# (<pjsua2rs.hpp> -> <pjsua2.hpp>), and runs them: the proof that they are PJSUA2
# programs. The tree must be configured and built (`./configure && make dep && make lib`).
# Usage: tests/cpp/on_pjsua2.sh /path/to/pjproject [test_name.cpp ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
pjdir=${1:?usage: tests/cpp/on_pjsua2.sh /path/to/pjproject [test.cpp ...]}
shift
out_dir="$PWD/target/cpp-on-pjsua2"
mkdir -p "$out_dir"
if [ "$#" -gt 0 ]; then tests=("$@"); else tests=(tests/cpp/test_pjsua2_*style.cpp); fi
failed=0
for src in "${tests[@]}"; do
  name=$(basename "$src" .cpp)
  echo "== $name (PJSUA2)"
  sed 's|#include <pjsua2rs.hpp>.*|#include <pjsua2.hpp>|' "$src" > "$out_dir/$name.cpp"
  printf 'PJDIR = %s\ninclude $(PJDIR)/build.mak\n%s: %s.cpp\n\t$(PJ_CXX) -o $@ $< -I%s $(PJ_CXXFLAGS) $(PJ_LDXXFLAGS) $(PJ_LDXXLIBS) $(PJ_LDFLAGS) $(PJ_LDLIBS)\n' \
    "$pjdir" "$out_dir/$name" "$out_dir/$name" "$PWD/tests/cpp" > "$out_dir/$name.mak"
  if ! make -s -f "$out_dir/$name.mak" "$out_dir/$name" >"$out_dir/$name.build.log" 2>&1; then
    cat "$out_dir/$name.build.log" >&2
    echo "FAILED to compile with PJSUA2: $name" >&2
    failed=1
    continue
  fi
  if ! (cd tests/cpp && "$out_dir/$name"); then
    echo "FAILED with PJSUA2: $name" >&2
    failed=1
  fi
done
exit $failed
