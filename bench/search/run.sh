#!/bin/sh
# bench/search: search latency on a 20,000-document text corpus (issue 8),
# with and without the clearance filter (RECORDS §2), side by side with
# Xapian's own `quest` on an omindex database of the same files.
#
#   bench/search/run.sh CORPUS [QUERIES]
#
# CORPUS is made by ../shared/corpus/make-corpus --out CORPUS --docs 20000
# --text-only. The clients get levels spread over public/internal/
# confidential/secret (by a hash of the archive number) so the filter has
# work to do. QUERIES (default 200) are taken round-robin over the corpus's
# query kinds. Needs build/ (dangan, bench/search_latency), xapian-omega.
# Results go to bench/RESULTS.md.
set -eu
corpus=$(cd "$1" && pwd)
nq=${2:-200}
top=$(cd "$(dirname "$0")/../.." && pwd)
dangan="$top/build/dangan"
latency="$top/build/bench/search_latency"
work=${BENCH_WORK:-$(mktemp -d)}
mkdir -p "$work"

python3 - "$corpus" "$work" "$nq" <<'PY'
import csv, hashlib, json, sys
corpus, work, nq = sys.argv[1], sys.argv[2], int(sys.argv[3])
levels = ["public", "internal", "internal", "confidential", "secret"]
with open(corpus + "/clients.csv", newline="") as f, \
     open(work + "/clients.csv", "w", newline="") as out:
    r = csv.DictReader(f)
    w = csv.DictWriter(out, fieldnames=r.fieldnames + ["level"])
    w.writeheader()
    for row in r:
        h = hashlib.sha256(row["archive_no"].encode()).digest()[0]
        row["level"] = levels[h % len(levels)]
        w.writerow(row)
by_kind = {}
for line in open(corpus + "/queries.jsonl"):
    q = json.loads(line)
    by_kind.setdefault(q["kind"], []).append(q["q"])
picked, i = [], 0
while len(picked) < nq and any(i < len(v) for v in by_kind.values()):
    for kind in sorted(by_kind):
        if i < len(by_kind[kind]) and len(picked) < nq:
            picked.append(by_kind[kind][i])
    i += 1
open(work + "/queries.txt", "w").write("\n".join(picked) + "\n")
print("bench/search: %d queries over kinds %s" % (len(picked), ", ".join(sorted(by_kind))),
      file=sys.stderr)
PY

if [ ! -e "$work/home/index" ]; then
  echo "indexing $corpus/inbox with dangan" >&2
  rm -rf "$work/home"
  "$dangan" --home "$work/home" -q init > /dev/null
  cat "$corpus/dangan.toml" >> "$work/home/dangan.toml"
  "$dangan" --home "$work/home" -q clients import "$work/clients.csv" > /dev/null
  "$dangan" --home "$work/home" -q ingest --keep "$corpus/inbox" > /dev/null || true
fi
if [ ! -e "$work/omega" ]; then
  echo "indexing $corpus/inbox with omindex" >&2
  XAPIAN_CJK_NGRAM=1 omindex --db "$work/omega" --url / "$corpus/inbox" > "$work/omindex.log" 2>&1
fi
for u in staff:internal officer:secret; do
  "$dangan" --home "$work/home" -q user add "${u%%:*}" --role staff --clearance "${u#*:}" \
    > /dev/null 2>&1 || true
done

echo "timing" >&2
results="$work/results.jsonl"
: > "$results"
# In process, as a server does: the index and catalog opened once.
for level in none internal secret; do
  "$latency" "$work/home" "$work/queries.txt" --level "$level" --rounds 6 >> "$results"
done
# One process per query, as a user at a terminal runs them: dangan search
# (start-up, OpenCC, the access-log row) and quest (XAPIAN_CJK_NGRAM=1).
python3 - "$work" "$dangan" >> "$results" <<'PY'
import json, os, subprocess, sys, time
work, dangan = sys.argv[1], sys.argv[2]
queries = [q for q in open(work + "/queries.txt").read().split("\n") if q]
env = dict(os.environ, XAPIAN_CJK_NGRAM="1")
def run(name, argv_of):
    ms = []
    for q in queries:
        t0 = time.perf_counter()
        subprocess.run(argv_of(q), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        ms.append((time.perf_counter() - t0) * 1000)
    s = sorted(ms)
    print(json.dumps({"level": name, "count": len(s), "median_ms": s[len(s) // 2],
                      "p95_ms": s[int(0.95 * (len(s) - 1) + 0.5)], "mean_ms": sum(s) / len(s),
                      "max_ms": s[-1], "hits": None}))
run("cli-staff", lambda q: [dangan, "--home", work + "/home", "--user", "staff", "-q", "--json",
                            "search", q])
run("quest", lambda q: ["quest", "-d", work + "/omega", "-m", "10", q])
PY

docs=$("$dangan" --home "$work/home" -q --json stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
python3 - "$results" "$docs" "$(wc -l < "$work/queries.txt")" "$top/bench/RESULTS.md" <<'PY'
import datetime, json, os, sys
path, docs, nq, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
r = {}
for line in open(path):
    j = json.loads(line)
    r[j["level"]] = j
names = {
    "none": "dangan, in process, no clearance filter",
    "internal": "dangan, in process, cleared for internal (filter)",
    "secret": "dangan, in process, cleared for secret (filter)",
    "cli-staff": "`dangan search` CLI, one process per query (staff, internal)",
    "quest": "`quest` on omindex's database, one process per query",
}
lines = [
    "## search: %d queries on %d documents (%s)" % (nq, docs, datetime.date.today().isoformat()),
    "",
    "`bench/search/run.sh`: a make-corpus --text-only corpus of %d documents, its clients spread"
    " over the four levels; %d queries taken round-robin over the corpus's kinds (phrase, words,"
    " t2s, s2t, english, field, number). In process = search::Searcher opened once, as a server"
    " holds it, top 10 with facets and snippets; 6 rounds, the first (cache warm-up) not counted."
    " One process per query = what a terminal user waits for, start-up included. %d cores,"
    " machine shared." % (docs, nq, os.cpu_count()),
    "",
    "| setup | median ms | p95 ms | mean ms | max ms |",
    "| --- | ---: | ---: | ---: | ---: |",
]
for k in ("none", "internal", "secret", "cli-staff", "quest"):
    if k in r:
        j = r[k]
        lines.append("| %s | %.1f | %.1f | %.1f | %.1f |" % (
            names[k], j["median_ms"], j["p95_ms"], j["mean_ms"], j["max_ms"]))
lines.append("")
if "none" in r and "internal" in r:
    cost = r["internal"]["p95_ms"] / r["none"]["p95_ms"] - 1
    lines.append("Clearance filter cost at p95 (internal vs none): %+.1f%%; target p95 ≤ 50 ms,"
                 " filter ≤ 20 %%." % (100 * cost))
if "cli-staff" in r and "quest" in r:
    lines.append("CLI vs quest, median: %.2f× quest's time." %
                 (r["cli-staff"]["median_ms"] / r["quest"]["median_ms"]))
lines.append("")
block = "\n".join(lines) + "\n"
print(block)
old = open(out).read() if os.path.exists(out) else "# Benchmark results\n\n"
start = old.find("## search:")
if start >= 0:
    end = old.find("\n## ", start + 1)
    old = old[:start] + (old[end + 1:] if end >= 0 else "")
open(out, "w").write(old.rstrip("\n") + "\n\n" + block)
PY
