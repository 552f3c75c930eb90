#!/bin/sh
# bench/ingest: dangan ingest against omindex (xapian-omega, XAPIAN_CJK_NGRAM=1)
# and recollindex on the same text PDFs, side by side in one run: each round
# runs the three in turn on fresh homes/databases; medians, ratios and peak
# RSS go to bench/RESULTS.md.
#
#   bench/ingest/run.sh CORPUS [ROUNDS]
#
# CORPUS is made by ../shared/corpus/make-corpus --out CORPUS --docs 2000 --text-only.
# Needs xapian-omega, recoll, poppler-utils and time (Debian packages).
set -eu
corpus=$(cd "$1" && pwd)
rounds=${2:-3}
top=$(cd "$(dirname "$0")/../.." && pwd)
dangan="$top/build/dangan"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
docs=$(find "$corpus/inbox" -type f | wc -l)
results="$work/results.tsv"
: > "$results"

# measure NAME CMD...: appends "NAME wall_s peak_kb" (peak of the largest process).
measure() {
  name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
  echo "$name $(cat "$work/time.txt" | tail -1)" >> "$results"
}

for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds ($docs files)" >&2
  home="$work/home"; rm -rf "$home"
  "$dangan" --home "$home" -q init > /dev/null
  cat "$corpus/dangan.toml" >> "$home/dangan.toml"
  "$dangan" --home "$home" -q clients import "$corpus/clients.csv" > /dev/null
  sync
  measure dangan "$dangan" --home "$home" -q --json ingest --keep "$corpus/inbox"

  rm -rf "$work/omega"
  sync
  measure omindex env XAPIAN_CJK_NGRAM=1 omindex --db "$work/omega" --url / "$corpus/inbox"

  rm -rf "$work/recoll"; mkdir -p "$work/recoll"
  printf 'topdirs = %s\nloglevel = 1\n' "$corpus/inbox" > "$work/recoll/recoll.conf"
  sync
  measure recollindex env RECOLL_CONFDIR="$work/recoll" recollindex -c "$work/recoll" -z
done

stored=$(grep -o '"stored": *[0-9]*' "$work/dangan.out" | grep -o '[0-9]*$' || echo "?")
omega_docs=$(xapian-delve "$work/omega" 2>/dev/null | grep -o "number of documents = [0-9]*" | grep -o "[0-9]*$" || echo "?")

python3 - "$results" "$docs" "$rounds" "$stored" "$omega_docs" "$top/bench/RESULTS.md" <<'PY'
import statistics, sys, datetime, platform, os
path, docs, rounds, stored, omega_docs, out = sys.argv[1:7]
docs = int(docs)
rows = {}
for line in open(path):
    name, wall, kb = line.split()
    rows.setdefault(name, []).append((float(wall), int(kb)))
med = {n: statistics.median(w for w, _ in v) for n, v in rows.items()}
peak = {n: max(k for _, k in v) for n, v in rows.items()}
rate = {n: docs / med[n] for n in med}
lines = [
    "## ingest: dangan vs omindex vs recollindex (%s)" % datetime.date.today().isoformat(),
    "",
    "%d text PDFs (make-corpus --text-only), %s rounds run in turn, %d cores, wall-clock medians."
    % (docs, rounds, os.cpu_count()),
    "Each tool stores/extracts/indexes everything: dangan stored %s documents (copy, SHA-256,"
    " fsync, catalog, Xapian); omindex indexed %s." % (stored, omega_docs),
    "",
    "| tool | median s | docs/s | peak RSS MiB | dangan speed-up |",
    "| --- | ---: | ---: | ---: | ---: |",
]
for n in ("dangan", "omindex", "recollindex"):
    if n in med:
        lines.append("| %s | %.1f | %.1f | %.0f | %s |" % (
            n, med[n], rate[n], peak[n] / 1024.0,
            "1.00" if n == "dangan" else "%.2f×" % (rate["dangan"] / rate[n])))
lines.append("")
block = "\n".join(lines) + "\n"
print(block)
old = open(out).read() if os.path.exists(out) else "# Benchmark results\n\n"
start = old.find("## ingest:")
if start >= 0:
    end = old.find("\n## ", start + 1)
    old = old[:start] + (old[end + 1:] if end >= 0 else "")
open(out, "w").write(old.rstrip("\n") + "\n\n" + block)
PY
