#!/usr/bin/env bash
# Builds the library (debug) and every C test in tests/c/ with strict C11 flags against
# include/pjsua2rs.h and target/debug/libpjsua2rs.so, then runs them. Exits non-zero when
# a test fails to compile or fails. Usage: tests/c/run.sh [test_name.c ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -j2 --lib
lib_dir="$PWD/target/debug"
out_dir="$PWD/target/c-tests"
mkdir -p "$out_dir"
cc=${CC:-cc}
if [ "$#" -gt 0 ]; then tests=("$@"); else tests=(tests/c/*.c); fi
failed=0
for src in "${tests[@]}"; do
  name=$(basename "$src" .c)
  echo "== $name"
  if ! "$cc" -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Iinclude \
      "$src" -L"$lib_dir" -lpjsua2rs -Wl,-rpath,"$lib_dir" -o "$out_dir/$name"; then
    echo "FAILED to compile: $name" >&2
    failed=1
    continue
  fi
  if ! "$out_dir/$name"; then
    echo "FAILED: $name" >&2
    failed=1
  fi
done
exit $failed
