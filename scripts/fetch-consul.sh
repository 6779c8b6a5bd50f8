#!/usr/bin/env bash
# Fetches Debian bullseye's consul 1.8.7 (the only Consul binary reachable here) without touching the
# system's apt sources, and unpacks it under the given directory (default: .cache/consul in the
# repository). Prints the binary's path. Idempotent: reuses an earlier download.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$top/.cache/consul}
bin="$dest/x/usr/bin/consul"
if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
  echo "$bin"; exit 0
fi
mkdir -p "$dest/lists/partial" "$dest/cache/archives/partial"
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
fi
[ -n "$mirror" ] || { echo "fetch-consul: cannot find the system's Debian mirror" >&2; exit 1; }
echo "deb $mirror bullseye main" > "$dest/sources.list"
O=(-o "Dir::Etc::SourceList=$dest/sources.list" -o Dir::Etc::SourceParts=/dev/null
   -o "Dir::State::Lists=$dest/lists" -o "Dir::Cache=$dest/cache" -o Debug::NoLocking=1)
apt-get "${O[@]}" update -qq >&2
(cd "$dest" && apt-get "${O[@]}" download consul >&2)
rm -rf "$dest/x"
dpkg -x "$dest"/consul_*.deb "$dest/x"
"$bin" version >&2
echo "$bin"
