#!/usr/bin/env bash
# Measures the offers feed for docs/PERFORMANCE.md (never run by the tests), on a generated town
# of 5,000 businesses with 20,000 live offers, release build, 32 connections:
#   1. /offres next to nginx serving the same HTML bytes as a static file;
#   2. /offres rendered every time (a second instance with VITRINE_PAGE_CACHE=off, same database);
#   3. filtered and paged /offres URLs (kind, category, ending soon, page 40), rendered and cached;
#   4. one offer page and the Atom feed of all offers.
# Usage: scripts/bench-offers.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20}"
work=$(mktemp -d /tmp/vitrine-bench-offers.XXXXXX)
port=3310
nginx_port=3311
uncached_port=3312
now="2026-11-28T10:00:00+01:00"

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
if [ ! -x target/release/vitrine ] || [ ! -f target/site-release/hash.txt ]; then
  scripts/setup.sh build
  source scripts/env.sh
  scripts/build.sh --release
fi

cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "${uncached_pid:-}" ] && kill "$uncached_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$work/bench.db" VITRINE_MEDIA_DIR="$work/media" VITRINE_SITE_ROOT=target/site-release
export VITRINE_BIND="127.0.0.1:$port" VITRINE_NOW="$now" RUST_LOG=warn
target/release/vitrine seed-demo --businesses 5000 --offers 20000
target/release/vitrine serve >"$work/server.log" 2>&1 &
server_pid=$!
VITRINE_BIND="127.0.0.1:$uncached_port" VITRINE_PAGE_CACHE=off target/release/vitrine serve >"$work/uncached.log" 2>&1 &
uncached_pid=$!
for p in $port $uncached_port; do
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$p/offres" && break; sleep 0.2; done
done

mkdir -p "$work/www"
chmod 755 "$work"   # nginx workers run as an unprivileged user
curl -fs -H 'Accept-Language: fr' "http://127.0.0.1:$port/offres" -o "$work/www/offres.html"
cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = /offres { default_type text/html; try_files /offres.html =404; }
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.5
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$nginx_port/offres")" = 200 ] || { echo "nginx does not serve the copy"; exit 1; }

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("  requests/s %.0f | p50 %.2f ms | p95 %.2f ms | p99 %.2f ms | errors %d | non-2xx %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA
# The filtered pages: a category of the demo town, and an offer id read from the feed itself.
category=boulangerie
offer=$(curl -fs "http://127.0.0.1:$port/offres" | grep -o 'href="/offres/[0-9]*"' | head -1 | grep -o '[0-9]*' || true)
cat >"$work/filters.lua" <<LUA
local paths = { "/offres?type=promotion", "/offres?type=event", "/offres?categorie=${category}", "/offres?bientot=1", "/offres?page=40" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
sed -n '1,20p' "$work/report.lua" >>"$work/filters.lua"

echo "== machine: $(nproc) cores, $(uname -r); /offres bytes: $(wc -c <"$work/www/offres.html"); category '${category}', offer ${offer}"
for path in "/offres?type=promotion" "/offres?categorie=${category}" "/offres?bientot=1" "/offres?page=40" "/offres/${offer}" "/offres.atom"; do
  printf '  %-40s %s\n' "$path" "$(curl -s -o /dev/null -w '%{http_code} %{size_download} bytes' "http://127.0.0.1:$port$path")"
done
echo "== nginx, static copy of /offres (32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$nginx_port/offres" | tail -n 1
echo "== vitrine /offres, 5,000 businesses, 20,000 live offers (32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$port/offres" | tail -n 1
echo "== vitrine /offres rendered every time (page cache off, 32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$uncached_port/offres" | tail -n 1
echo "== vitrine /offres rendered every time (page cache off, 1 connection, ${duration}s)"
wrk -t1 -c1 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$uncached_port/offres" | tail -n 1
echo "== filtered and paged /offres (5 URLs, cache on, 32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/filters.lua" "http://127.0.0.1:$port/" | tail -n 1
echo "== filtered and paged /offres rendered every time (page cache off, 1 connection, ${duration}s)"
wrk -t1 -c1 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/filters.lua" "http://127.0.0.1:$uncached_port/" | tail -n 1
echo "== one offer page (cache on, 32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$port/offres/${offer}" | tail -n 1
echo "== /offres.atom (32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -s "$work/report.lua" "http://127.0.0.1:$port/offres.atom" | tail -n 1
