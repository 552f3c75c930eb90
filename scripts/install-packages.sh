#!/bin/sh
# Installs the Debian packages of scripts/debian-packages.txt that are missing.
# Uses sudo when not run as root.
set -eu
here=$(dirname "$0")
missing=""
for p in $(grep -v '^#' "$here/debian-packages.txt"); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# node and npm build the web interface (web/). They may come from elsewhere
# than Debian (NodeSource's nodejs bundles npm and conflicts with Debian's npm
# package), so ask Debian for them only when there is no npm at all.
if ! command -v npm >/dev/null 2>&1; then
  missing="$missing nodejs npm"
fi
if [ -z "$missing" ]; then
  echo "dangan: all Debian packages are installed"
  exit 0
fi
echo "dangan: installing$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
