#!/bin/sh
# Configures and builds dangan in build/ (Release with debug info).
# Extra CMake options come from $CMAKE_ARGS (CI passes -DDANGAN_WERROR=ON).
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${CMAKE_ARGS:-}
cmake --build build -j "$(nproc)"
