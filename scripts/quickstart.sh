#!/bin/sh
# The README's first command: install what is missing, build, and run the
# main job on samples/: a fresh home, the clients, an ingest of a copy of the
# inbox, then stats, a Chinese search and a locate.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-packages.sh"
"$top/scripts/build.sh"
dangan="$top/build/dangan"
home="$top/dangan-home"
drop=$(mktemp -d)
trap 'rm -rf "$drop"' EXIT
rm -rf "$home"
set -x
"$dangan" --home "$home" init
cat "$top/samples/dangan.toml" >> "$home/dangan.toml"
"$dangan" --home "$home" clients import "$top/samples/clients.csv"
cp -r "$top/samples/inbox" "$drop/inbox"
"$dangan" --home "$home" ingest "$drop/inbox" || [ $? -eq 65 ]   # 65: some inputs quarantined
"$dangan" --home "$home" stats
"$dangan" --home "$home" search 采购合同
"$dangan" --home "$home" locate KH-2016-0004
"$dangan" --home "$home" quarantine
set +x
echo "dangan: to use the web interface, set a password and start the server:"
echo "  echo 'a long password' | $dangan --home $home user passwd admin"
echo "  $dangan --home $home serve      # then open http://127.0.0.1:8080/"
