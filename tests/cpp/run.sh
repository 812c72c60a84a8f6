#!/usr/bin/env bash
# Builds the release library and every C++ test in tests/cpp/ with
# c++ -std=c++17 -Wall -Wextra -Werror against include/ and bindings/cpp/, links them with
# target/release/libpjsua2rs.so and runs them. Exits non-zero when a test fails to compile
# or fails. Usage: tests/cpp/run.sh [test_name.cpp ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -j2 --release --lib
lib_dir="$PWD/target/release"
out_dir="$PWD/target/cpp-tests"
mkdir -p "$out_dir"
cxx=${CXX:-c++}
if [ "$#" -gt 0 ]; then tests=("$@"); else tests=(tests/cpp/test_*.cpp); fi
failed=0
for src in "${tests[@]}"; do
  name=$(basename "$src" .cpp)
  echo "== $name"
  if ! "$cxx" -std=c++17 -Wall -Wextra -Werror -pthread -Iinclude -Ibindings/cpp \
      "$src" -L"$lib_dir" -lpjsua2rs -Wl,-rpath,"$lib_dir" -o "$out_dir/$name"; then
    echo "FAILED to compile: $name" >&2
    failed=1
    continue
  fi
  if ! (cd tests/cpp && "$out_dir/$name"); then
    echo "FAILED: $name" >&2
    failed=1
  fi
done
exit $failed
