#!/bin/sh
# bench/watch: 10,000 files dropped at once into a folder `dangan watch` is
# watching (one rename of a full folder, as a scanner station's batch move
# does): time until every file is stored and the drop is empty, and the
# watcher's peak RSS; beside it, in the same run, `dangan ingest` and omindex
# (xapian-omega) on the same files. Results go to bench/RESULTS.md.
#
#   bench/watch/run.sh CORPUS [COPIES]
#
# CORPUS is made by ../shared/corpus/make-corpus --out CORPUS --docs 2000
# --text-only; its inbox is copied COPIES times (default 5), each copy's PDFs
# made distinct by a comment after %%EOF, so that nothing is a duplicate.
# Needs xapian-omega and time (Debian packages).
set -eu
corpus=$(cd "$1" && pwd)
copies=${2:-5}
top=$(cd "$(dirname "$0")/../.." && pwd)
dangan="$top/build/dangan"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "making $copies copies of $corpus/inbox" >&2
mkdir -p "$work/files"
for c in $(seq 1 "$copies"); do
  cp -r "$corpus/inbox" "$work/files/copy$c"
  find "$work/files/copy$c" -type f -name '*.pdf' -exec sh -c \
    'for f; do printf "%%dangan-bench-copy-%s\n" "$0" >> "$f"; done' "$c" {} +
done
files=$(find "$work/files" -type f | wc -l)
results="$work/results.tsv"
: > "$results"

new_home() {
  rm -rf "$work/home"
  "$dangan" --home "$work/home" -q init > /dev/null
  cat "$corpus/dangan.toml" >> "$work/home/dangan.toml"
  "$dangan" --home "$work/home" -q clients import "$corpus/clients.csv" > /dev/null
}

# watch: started on an empty drop; the files arrive with one rename; done
# when the drop holds no file and stats counts every input.
new_home
mkdir -p "$work/drop"
cp -r "$work/files" "$work/batch"
sync
/usr/bin/time -f "%M" -o "$work/watch.rss" "$dangan" --home "$work/home" watch "$work/drop" \
  2> "$work/watch.log" &
tpid=$!
sleep 2
t0=$(date +%s.%N)
mv "$work/batch" "$work/drop/batch"
while [ -n "$(find "$work/drop" -type f -print -quit)" ]; do sleep 0.5; done
t1=$(date +%s.%N)
# The last batch becomes searchable at the next index flush.
sleep 3
kill -TERM "$(pgrep -P "$tpid" -x dangan)"
wait "$tpid" || true
stats=$("$dangan" --home "$work/home" -q --json stats)
echo "watch $(echo "$t1 - $t0" | bc) $(cat "$work/watch.rss")" >> "$results"
watch_docs=$(echo "$stats" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["documents"], s["quarantined"], s["index_docs"])')
echo "watch: $(tail -1 "$results"), documents quarantined indexed: $watch_docs" >&2

new_home
sync
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$dangan" --home "$work/home" -q --json ingest --keep \
  "$work/files" > "$work/ingest.out" 2> "$work/ingest.err" || true
echo "ingest $(tail -1 "$work/time.txt")" >> "$results"
echo "ingest: $(tail -1 "$results")" >&2

sync
/usr/bin/time -f "%e %M" -o "$work/time.txt" env XAPIAN_CJK_NGRAM=1 omindex --db "$work/omega" \
  --url / "$work/files" > "$work/omindex.out" 2>&1 || true
echo "omindex $(tail -1 "$work/time.txt")" >> "$results"
echo "omindex: $(tail -1 "$results")" >&2

python3 - "$results" "$files" "$watch_docs" "$top/bench/RESULTS.md" <<'PY'
import datetime, os, sys
path, files, watch_docs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for line in open(path):
    name, wall, kb = line.split()
    rows[name] = (float(wall), int(kb))
docs, quarantined, indexed = watch_docs.split()
lines = [
    "## watch: 10,000 files dropped at once (%s)" % datetime.date.today().isoformat(),
    "",
    "`bench/watch/run.sh`: %d text PDFs (a make-corpus --text-only inbox copied, each copy's bytes"
    " made distinct), moved into the watched folder with one rename; %d cores. watch = from the"
    " rename until the drop is empty (every file stored, removed from the drop); it stored %s"
    " documents, quarantined %s, indexed %s. The same files then with `dangan ingest --keep` and"
    " omindex, in the same run. Peak RSS is the watcher's (or the tool's) own process; dangan's"
    " extraction workers are separate processes of about 30-60 MiB each."
    % (files, os.cpu_count(), docs, quarantined, indexed),
    "",
    "| run | s | files/s | peak RSS MiB | watch's rate vs this |",
    "| --- | ---: | ---: | ---: | ---: |",
]
rate = {n: files / w for n, (w, _) in rows.items()}
for n in ("watch", "ingest", "omindex"):
    if n in rows:
        lines.append("| %s | %.1f | %.1f | %.0f | %s |" % (
            n, rows[n][0], rate[n], rows[n][1] / 1024.0,
            "1.00" if n == "watch" else "%.2f×" % (rate["watch"] / rate[n])))
lines.append("")
block = "\n".join(lines) + "\n"
print(block)
old = open(out).read() if os.path.exists(out) else "# Benchmark results\n\n"
start = old.find("## watch:")
if start >= 0:
    end = old.find("\n## ", start + 1)
    old = old[:start] + (old[end + 1:] if end >= 0 else "")
open(out, "w").write(old.rstrip("\n") + "\n\n" + block)
PY
