#!/usr/bin/env bash
# Set up and run the whole test suite: unit + end-to-end tests (LibreOffice
# included) in a normal build, then the same suite under ASan+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
start=$(date +%s)

echo "== build (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
cmake --build build -j"$jobs"
./build/vanban render data/*.xml -o output >/dev/null
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build (clang, ASan + UBSan, libFuzzer targets)"
CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVANBAN_SANITIZE=ON \
  -DVANBAN_FUZZ=ON -DBUILD_TESTING=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== tests and fuzzing under sanitizers (LibreOffice checks run once, in the normal build)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE libreoffice

echo "== all tests passed in $(( $(date +%s) - start )) s"
