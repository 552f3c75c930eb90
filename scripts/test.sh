#!/bin/sh
# The README's second command: install what is missing, build, and run the
# whole test suite (unit and end-to-end) with ctest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-packages.sh"
"$top/scripts/build.sh"
cd "$top/build"
ctest --output-on-failure -j "$(nproc)" --timeout 900
