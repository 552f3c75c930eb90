#!/bin/sh
# The house rules CI enforces besides the compiler (STYLE §6, §10):
# clang-tidy over every source (warnings are errors, .clang-tidy), and no
# printf/cout/cerr output outside the CLI's output code. Needs build/
# (compile_commands.json) from scripts/build.sh.
set -eu
cd "$(dirname "$0")/.."
if grep -rnE '\b(printf|std::cout|std::cerr|puts)\b' --include='*.cc' --include='*.h' \
     src/core src/catalog src/authz src/backup ingest indexer search | grep -v 'snprintf'; then
  echo "lint: output outside src/app (log with spdlog instead)" >&2
  exit 1
fi
run-clang-tidy -p build -j "$(nproc)" -quiet "$(pwd)/(src|ingest|indexer|search)/.*\.cc$"
