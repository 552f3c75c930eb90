#!/bin/sh
# bench/ocr: pages per second and character error rate (CER) of dangan's OCR
# against the tesseract command line and ocrmypdf, side by side on the same
# 100 scanned pages with known text; the table goes to bench/RESULTS.md.
#
#   bench/ocr/run.sh [PAGES]
#   SLOW_EVERY=5 bench/ocr/run.sh [PAGES]   (the slow setups on every 5th page)
#
# PAGES is a folder made by bench/ocr/make_pages.py (NNN.pdf one-page scans,
# NNN.jpg the very JPEG inside each, NNN.ref.txt its text); without it the
# pages are made from ../shared/corpus/make-corpus --docs 60 --text-only
# --seed 5 (reference = pdftotext, scan = pdftoppm -r 300 then skew, blur,
# noise, specks, JPEG).
#
# Setups, one after another on the same machine (same languages, 300 dpi):
#   tesseract-seq  `tesseract NNN.jpg` page after page, default OpenMP threads
#   tesseract-x2   two tesseract processes at a time, OMP_THREAD_LIMIT=1
#                  (the best a user gets from the command line on 2 cores)
#   ocrmypdf       `ocrmypdf --force-ocr --sidecar` page after page
#                  (--output-type pdf --optimize 0: no PDF/A or optimisation work)
#   ocrmypdf-omp1  the same with OMP_THREAD_LIMIT=1
#   dangan         `dangan ingest` of the 100 PDFs (render + deskew + OCR +
#                  fields + store + index), text read back with `show --text`
# The tesseract setups read the JPEGs (no rendering); ocrmypdf and dangan the
# PDFs. tesseract-seq and ocrmypdf with default OpenMP threads take 10-70 s a
# page on 2 busy cores: SLOW_EVERY=N runs them on every Nth page only, and
# dangan's CER on those same pages is reported beside theirs.
# Needs tesseract-ocr(-chi-sim,-chi-tra,-eng,-osd), ocrmypdf, opencc,
# poppler-utils, python3-pil, python3-img2pdf and time (Debian packages).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dangan="$top/build/dangan"
langs=chi_sim+chi_tra+eng
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  pages=$(cd "$1" && pwd)
else
  echo "making 100 scanned pages" >&2
  "$top/../shared/corpus/make-corpus" --out "$work/src" --docs 60 --text-only --seed 5 >&2
  /usr/bin/python3 "$top/bench/ocr/make_pages.py" "$work/src/inbox" "$work/pages" 100
  pages="$work/pages"
fi
every=${SLOW_EVERY:-1}
slow="$work/slow-pages"
mkdir -p "$slow"
i=0
for f in "$pages"/*.pdf; do
  i=$((i + 1))
  b=$(basename "$f" .pdf)
  [ $(( (i - 1) % every )) -eq 0 ] && ln -s "$pages/$b.pdf" "$pages/$b.jpg" "$pages/$b.ref.txt" "$slow/"
done
results="$work/results.tsv"
: > "$results"

# measure NAME PAGES CMD...: runs CMD on PAGES (its output files go to
# $work/NAME/), appends "NAME wall_s cpu_s peak_kb pages chars errors cer
# missing" (cpu = user + sys of it and its children).
measure() {
  name=$1; set_pages=$2; shift 2
  echo "$name: $(ls "$set_pages"/*.pdf | wc -l) pages" >&2
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/$name.log" 2>&1 ||
    echo "$name: failed, see $work/$name.log" >&2
  set -- $(tail -1 "$work/time.txt")
  if [ "$name" = dangan ]; then dangan_text; fi
  cer=$(/usr/bin/python3 "$top/bench/ocr/cer.py" "$set_pages" "$work/$name")
  echo "$name $1 $(echo "$2 + $3" | bc) $4 $cer" >> "$results"
  echo "$name: $1 s, cer: $cer" >&2
}

# dangan_text: writes each document's OCR text to $work/dangan/NNN.txt.
dangan_text() {
  "$dangan" --home "$work/home" -q --json list | /usr/bin/python3 -c '
import json, subprocess, sys
dangan, home, out = sys.argv[1:4]
for line in sys.stdin:
    doc = json.loads(line)
    shown = json.loads(subprocess.run([dangan, "--home", home, "-q", "--json", "show", str(doc["id"]),
                                       "--text"], capture_output=True, text=True).stdout)
    text = "\n".join(p.get("text") or "" for p in shown.get("pages", []))
    open("%s/%s.txt" % (out, doc["original_name"].rsplit(".", 1)[0]), "w").write(text)
' "$dangan" "$work/home" "$work/dangan"
}

mkdir -p "$work/tesseract-x2" "$work/dangan" "$work/ocrmypdf" "$work/ocrmypdf-omp1" \
  "$work/tesseract-seq" "$work/inbox"
export pages slow work langs

measure tesseract-x2 "$pages" sh -c 'ls "$pages"/*.jpg | OMP_THREAD_LIMIT=1 xargs -P2 -I{} sh -c \
  "tesseract {} \"$work/tesseract-x2/\$(basename {} .jpg)\" -l $langs --dpi 300 2>/dev/null"'

"$dangan" --home "$work/home" -q init > /dev/null
cp "$pages"/*.pdf "$work/inbox/"
measure dangan "$pages" "$dangan" --home "$work/home" -q --json ingest --keep "$work/inbox"
grep '^dangan ' "$results" | (read -r _ wall cpu kb _; echo "dangan-slow $wall $cpu $kb \
  $(/usr/bin/python3 "$top/bench/ocr/cer.py" "$slow" "$work/dangan")") >> "$results"

measure ocrmypdf-omp1 "$pages" env OMP_THREAD_LIMIT=1 sh -c 'for f in "$pages"/*.pdf; do \
  b=$(basename "$f" .pdf); ocrmypdf -q -l "$langs" --force-ocr --output-type pdf --optimize 0 \
    --sidecar "$work/ocrmypdf-omp1/$b.txt" "$f" "$work/ocrmypdf-omp1/$b.pdf" || exit 1; done'

measure ocrmypdf "$slow" env -u OMP_THREAD_LIMIT sh -c 'for f in "$slow"/*.pdf; do \
  b=$(basename "$f" .pdf); ocrmypdf -q -l "$langs" --force-ocr --output-type pdf --optimize 0 \
    --sidecar "$work/ocrmypdf/$b.txt" "$f" "$work/ocrmypdf/$b.pdf" || exit 1; done'

measure tesseract-seq "$slow" env -u OMP_THREAD_LIMIT sh -c 'for f in "$slow"/*.jpg; do \
  tesseract "$f" "$work/tesseract-seq/$(basename "$f" .jpg)" -l "$langs" --dpi 300 2>/dev/null; done'

/usr/bin/python3 - "$results" "$top/bench/RESULTS.md" "$every" <<'PY'
import datetime, os, sys
path, out, every = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = {}
for line in open(path):
    name, wall, cpu, kb, pages, chars, errors, cer, missing = line.split()
    rows[name] = dict(wall=float(wall), cpu=float(cpu), kb=int(kb), pages=int(pages),
                      chars=int(chars), cer=float(cer), missing=int(missing))
d = rows["dangan"]
rate = {k: v["pages"] / v["wall"] for k, v in rows.items()}
lines = [
    "## ocr: dangan vs tesseract CLI vs ocrmypdf (%s)" % datetime.date.today().isoformat(),
    "",
    "`bench/ocr/run.sh`%s: %d scanned pages (bench/ocr/make_pages.py from make-corpus --docs 60"
    " --text-only --seed 5: 300 dpi, skew up to 2 degrees, blur, noise, specks, JPEG),"
    " chi_sim+chi_tra+eng, %d cores, each setup run once, in turn. CER = Levenshtein distance /"
    " reference characters, white space removed and both sides folded with `opencc -c t2s`."
    " dangan = the whole `dangan ingest` (render, deskew, OCR, fields, store, index);"
    " the tesseract setups read the JPEGs directly." % (
        " with SLOW_EVERY=%d" % every if every > 1 else "", d["pages"], os.cpu_count()),
    "",
    "| setup | pages | wall s | pages/s | CPU s/page | CER | dangan's CER, same pages |"
    " peak RSS MiB | dangan speed-up |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]
for k in ("dangan", "tesseract-x2", "ocrmypdf-omp1", "ocrmypdf", "tesseract-seq"):
    if k not in rows:
        continue
    r = rows[k]
    same = rows["dangan-slow"] if r["pages"] != d["pages"] else d
    lines.append("| %s | %d | %.1f | %.3f | %.2f | %.2f%% | %.2f%% | %.0f | %s |" % (
        k, r["pages"], r["wall"], rate[k], r["cpu"] / r["pages"], 100 * r["cer"],
        100 * same["cer"], r["kb"] / 1024.0,
        "1.00" if k == "dangan" else "%.2f×" % (rate["dangan"] / rate[k])))
    if r["missing"]:
        lines.append("|  | %d pages without output | | | | | | | |" % r["missing"])
lines.append("")
block = "\n".join(lines) + "\n"
print(block)
old = open(out).read() if os.path.exists(out) else "# Benchmark results\n\n"
start = old.find("## ocr:")
if start >= 0:
    end = old.find("\n## ", start + 1)
    old = old[:start] + (old[end + 1:] if end >= 0 else "")
open(out, "w").write(old.rstrip("\n") + "\n\n" + block)
PY
