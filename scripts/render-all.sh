#!/usr/bin/env bash
# Set up (packages, configure, build) and render every data/*.xml into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build --target vanban -j"$(nproc)"
./build/vanban render data/*.xml -o output
ls -l output/*.docx output/*.pdf
