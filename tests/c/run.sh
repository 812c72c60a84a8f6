#!/usr/bin/env bash
# Builds the library (debug) and every C test in tests/c/ with strict C11 flags against
# include/pjsua2rs.h and target/debug/libpjsua2rs.so, then runs them. Exits non-zero when
# a test fails to compile or fails. With --valgrind, each test also runs under valgrind
# (memcheck): any memory error or definite leak fails it.
# Usage: tests/c/run.sh [--valgrind] [test_name.c ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
valgrind=0
if [ "${1:-}" = "--valgrind" ]; then valgrind=1; shift; fi
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
      "$src" -L"$lib_dir" -lpjsua2rs -lpthread -lm -Wl,-rpath,"$lib_dir" -o "$out_dir/$name"; then
    echo "FAILED to compile: $name" >&2
    failed=1
    continue
  fi
  if ! "$out_dir/$name"; then
    echo "FAILED: $name" >&2
    failed=1
  fi
  if [ "$valgrind" = 1 ]; then
    echo "== $name (valgrind)"
    if ! valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
        "$out_dir/$name" >"$out_dir/$name.valgrind.log" 2>&1; then
      cat "$out_dir/$name.valgrind.log" >&2
      echo "FAILED under valgrind: $name" >&2
      failed=1
    fi
  fi
done
exit $failed
