#!/bin/sh
# bench/web: GET /api/v1/search through `dangan serve` (issue 9) with 1, 8
# and 32 concurrent clients on bench/search's 20,000-document home: requests
# per second, latency p50/p95/p99 (wrk, bench/web/search.lua) and the
# server's peak RSS (VmHWM); beside it, in the same run, the in-process
# search of bench/search (search_latency, the same home, queries and
# clearance) so the HTTP figures read as a ratio. Results go to
# bench/RESULTS.md.
#
#   bench/web/run.sh SEARCH_WORK [SECONDS]
#
# SEARCH_WORK is the work folder of bench/search/run.sh (BENCH_WORK=DIR
# bench/search/run.sh CORPUS): its home/ (20,000 documents, clients spread
# over the four levels) and queries.txt (200 queries round-robin over the
# corpus's kinds: phrase, words, t2s, s2t, english, field, number). It is
# not changed: the home is copied (the originals hard-linked when they can
# be). The bench logs in as a staff user cleared for internal, so the
# clearance filter runs as for bench/search's "internal" row. SECONDS per
# concurrency (default 30), after a 5 s warm-up at 1 client that is not
# counted. Needs wrk and curl (Debian packages); build/ with dangan and
# bench/search_latency (DANGAN_BUILD=DIR for another build folder).
set -eu
src=$(cd "$1" && pwd)
secs=${2:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${DANGAN_BUILD:-$top/build}
dangan="$build/dangan"
latency="$build/bench/search_latency"
lua="$top/bench/web/search.lua"
[ -e "$src/home/index" ] && [ -s "$src/queries.txt" ] ||
  { echo "bench/web: $src has no home/index or queries.txt (run bench/search first)" >&2; exit 2; }
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "copying $src/home" >&2
mkdir "$work/home"
for f in "$src/home"/* "$src/home"/.[!.]*; do
  [ -e "$f" ] || continue
  case "$(basename "$f")" in
    store) cp -al "$f" "$work/home/" 2> /dev/null || cp -a "$f" "$work/home/" ;;
    dangan.lock) ;;
    *) cp -a "$f" "$work/home/" ;;
  esac
done
H="$work/home"
docs=$("$dangan" --home "$H" -q --json stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
"$dangan" --home "$H" -q user add webbench --role staff --clearance internal > /dev/null
echo "$pw" | "$dangan" --home "$H" -q user passwd webbench > /dev/null
printf '{"user": "webbench", "password": "%s"}' "$pw" > "$work/login.json"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
"$dangan" --home "$H" serve --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
i=0
until curl -sf "$url/api/v1/health" > /dev/null; do
  i=$((i + 1))
  [ $i -le 300 ] && kill -0 "$server" 2> /dev/null ||
    { echo "bench/web: the server did not come up" >&2; cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }

export BENCH_URL="$url" BENCH_LOGIN="$work/login.json" BENCH_QUERIES="$src/queries.txt"
results="$work/results.jsonl"
: > "$results"
echo "warm-up, 5 s" >&2
wrk -t1 -c1 -d5s --timeout 10s -s "$lua" "$url" > /dev/null
for c in 1 8 32; do
  t=$([ "$c" -eq 1 ] && echo 1 || echo 2)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  ticks0=$(cpu_ticks)
  echo "wrk: $c clients, $secs s (load $load)" >&2
  wrk -t"$t" -c"$c" -d"${secs}s" --timeout 10s -s "$lua" "$url" > "$work/wrk-$c.txt"
  ticks1=$(cpu_ticks)
  line=$(sed -n 's/^BENCH //p' "$work/wrk-$c.txt")
  [ -n "$line" ] || { cat "$work/wrk-$c.txt" >&2; exit 1; }
  echo "$line" | python3 -c '
import json, os, sys
j = json.load(sys.stdin)
c, load, ticks = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
j.update(clients=c, load=load,
         server_cpu_ms_per_request=ticks * 1000 / os.sysconf("SC_CLK_TCK") / max(1, j["requests"]))
print(json.dumps(j))' "$c" "$load" "$((ticks1 - ticks0))" >> "$results"
done
rss_hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$server/status")
rss_now=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status")
threads=$(awk '/^Threads/ {print $2}' "/proc/$server/status")
kill -TERM "$server"
rc=0
wait "$server" || rc=$?
server=
echo "{\"server\": true, \"vmhwm_kb\": $rss_hwm, \"vmrss_kb\": $rss_now, \"threads\": $threads, \"sigterm_exit\": $rc}" >> "$results"

# The same queries in process, after the server stopped, as bench/search
# times them (6 rounds, the first not counted), cleared for internal.
echo "in process (search_latency)" >&2
"$latency" "$H" "$src/queries.txt" --level internal --rounds 6 |
  python3 -c 'import json,sys; j=json.load(sys.stdin); j["in_process"]=True; print(json.dumps(j))' >> "$results"

python3 - "$results" "$docs" "$(grep -c . "$src/queries.txt")" "$secs" "$top/bench/RESULTS.md" <<'PY'
import datetime, json, os, sys
path, docs, nq, secs, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
runs, server, inproc = [], {}, {}
for line in open(path):
    j = json.loads(line)
    if j.get("server"):
        server = j
    elif j.get("in_process"):
        inproc = j
    else:
        runs.append(j)
lines = [
    "## web: GET /api/v1/search on %d documents (%s)" % (docs, datetime.date.today().isoformat()),
    "",
    "`bench/web/run.sh`: `dangan serve` on a copy of bench/search's home (%d documents, clients"
    " spread over the four levels), logged in as a staff user cleared for internal; wrk sends"
    " GET /api/v1/search?q=…&limit=10 over bench/search's %d queries round-robin (phrase,"
    " words, t2s, s2t, english, field, number), %s s per row after a 5 s warm-up, one request"
    " at a time per client. wrk runs on the same %d cores as the server (1 thread for 1 client,"
    " 2 otherwise). Load = /proc/loadavg when the row started; CPU/request = the server's"
    " user+system time over the row divided by its requests." % (docs, nq, secs, os.cpu_count()),
    "",
    "| clients | requests/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/request | not 200 | load (1/5/15 min) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
]
for j in runs:
    lines.append("| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %s |" % (
        j["clients"], j["rps"], j["p50_ms"], j["p95_ms"], j["p99_ms"], j["max_ms"],
        j["server_cpu_ms_per_request"], j["not_200"] + j["socket_errors"], j["load"]))
lines.append("")
if server:
    lines.append("Server peak RSS (VmHWM) %.0f MiB, %.0f MiB at the end, %d threads; SIGTERM"
                 " exit status %d." % (server["vmhwm_kb"] / 1024, server["vmrss_kb"] / 1024,
                                       server["threads"], server["sigterm_exit"]))
one = next((j for j in runs if j["clients"] == 1), None)
eight = next((j for j in runs if j["clients"] == 8), None)
if inproc and one:
    lines.append("In process, same home, queries and clearance, same run (search_latency, 6"
                 " rounds, the first not counted): median %.1f ms, p95 %.1f ms. HTTP at 1 client"
                 " vs in process: %.2f× at the median, %.2f× at p95." % (
                     inproc["median_ms"], inproc["p95_ms"], one["p50_ms"] / inproc["median_ms"],
                     one["p95_ms"] / inproc["p95_ms"]))
if eight:
    lines.append("Target p95 ≤ 100 ms at 8 clients on 2 cores: %.1f ms (%s)." % (
        eight["p95_ms"], "met" if eight["p95_ms"] <= 100 else "missed"))
lines.append("")
block = "\n".join(lines) + "\n"
print(block)
old = open(out).read() if os.path.exists(out) else "# Benchmark results\n\n"
start = old.find("## web:")
if start >= 0:
    end = old.find("\n## ", start + 1)
    old = old[:start] + (old[end + 1:] if end >= 0 else "")
open(out, "w").write(old.rstrip("\n") + "\n\n" + block)
PY
