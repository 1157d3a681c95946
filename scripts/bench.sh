#!/usr/bin/env bash
# Measures what docs/PERFORMANCE.md reports (never run by the tests):
#   1. /commerces (24 results) on a generated town of 5,000 businesses, release build, 32
#      connections, side by side with nginx serving the same HTML bytes as a static file, from
#      the page cache and rendered every time (a second instance with VITRINE_PAGE_CACHE=off on
#      the same database);
#   2. search (/commerces?q=…) latency percentiles at 1 connection (≈ server time on loopback),
#      from the cache and rendered;
#   3. cache busting: 32 connections that each ask a URL nobody asked before, on the cached
#      instance (an unknown parameter, answered by a redirect; a new search text, rendered);
#   4. the brotli size of the JS + WASM a public page loads.
# Usage: scripts/bench.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20}"
work=$(mktemp -d /tmp/vitrine-bench.XXXXXX)
port=3300
nginx_port=3301
uncached_port=3302
now="2026-11-28T10:00:00+01:00"

for tool in wrk nginx brotli; do
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
target/release/vitrine seed-demo --businesses 5000
target/release/vitrine serve >"$work/server.log" 2>&1 &
server_pid=$!
VITRINE_BIND="127.0.0.1:$uncached_port" VITRINE_PAGE_CACHE=off target/release/vitrine serve >"$work/uncached.log" 2>&1 &
uncached_pid=$!
for p in $port $uncached_port; do
  for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$p/commerces" && break; sleep 0.2; done
done

# The same bytes for nginx.
mkdir -p "$work/www"
chmod 755 "$work"   # nginx workers run as an unprivileged user
curl -fs -H 'Accept-Language: fr' "http://127.0.0.1:$port/commerces" -o "$work/www/commerces.html"
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
    location = /commerces { default_type text/html; try_files /commerces.html =404; }
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.5
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$nginx_port/commerces")" = 200 ] || { echo "nginx does not serve the copy"; exit 1; }

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("  requests/s %.0f | p50 %.2f ms | p95 %.2f ms | p99 %.2f ms | errors %d | non-2xx %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
LUA
cat >"$work/search.lua" <<'LUA'
local queries = { "patisserie", "BOUCHERIE", "fleurs", "rue de mons", "cafe", "lunettes", "pain", "velo", "soignies", "bijoux" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/commerces?q=" .. queries[(i % #queries) + 1]:gsub(" ", "+"))
end
LUA
sed -n '1,20p' "$work/report.lua" >>"$work/search.lua"
# Cache busting: the same searches with a parameter no page reads (answered with a redirect to
# the canonical URL), and searches whose text is new every time (rendered, offered to the cache).
sed -e 's|"/commerces?q=" .. |"/commerces?nocache=" .. i .. "\&q=" .. |' "$work/search.lua" >"$work/search-busting.lua"
sed -e 's|queries\[(i % #queries) + 1\]:gsub(" ", "+")|(queries[(i % #queries) + 1] .. " " .. i):gsub(" ", "+")|' "$work/search.lua" >"$work/search-new.lua"

echo "== machine: $(nproc) cores, $(uname -r); page bytes: $(wc -c <"$work/www/commerces.html")"
echo "== nginx, static copy of /commerces (32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$nginx_port/commerces" | tail -n 1
echo "== vitrine /commerces, 5,000 businesses (32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$port/commerces" | tail -n 1
echo "== vitrine /commerces?q=… (1 connection, ${duration}s; 10 queries, served from the page cache after their first hit)"
wrk -t1 -c1 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/search.lua" "http://127.0.0.1:$port/" | tail -n 1
echo "== vitrine /commerces?q=… (32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/search.lua" "http://127.0.0.1:$port/" | tail -n 1

echo "== vitrine /commerces rendered every time (VITRINE_PAGE_CACHE=off, 32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$uncached_port/commerces" | tail -n 1
echo "== vitrine /commerces?q=… rendered every time (page cache off, 1 connection, ${duration}s)"
wrk -t1 -c1 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/search.lua" "http://127.0.0.1:$uncached_port/" | tail -n 1
echo "== vitrine /commerces?q=… rendered every time (page cache off, 32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/search.lua" "http://127.0.0.1:$uncached_port/" | tail -n 1
echo "== cache busting, unknown parameter on every request (cache on, 32 connections, ${duration}s; answered 301)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/search-busting.lua" "http://127.0.0.1:$port/" | tail -n 1
echo "== cache busting, a new search text on every request (cache on, 32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/search-new.lua" "http://127.0.0.1:$port/" | tail -n 1
echo "== after the busting, the cached instance still serves /commerces from its cache (32 connections, ${duration}s)"
wrk -t2 -c32 -d"${duration}s" -H 'Accept-Language: fr' -s "$work/report.lua" "http://127.0.0.1:$port/commerces" | tail -n 1
echo "== JS + WASM of a public page (brotli, as served)"
total=0
for f in target/site-release/pkg/*.js target/site-release/pkg/*.wasm; do
  size=$(brotli -c -q 11 "$f" | wc -c)
  total=$((total + size))
  printf '  %-50s %8d bytes raw %8d bytes brotli\n' "$(basename "$f")" "$(wc -c <"$f")" "$size"
done
printf '  total brotli: %d bytes (%.1f KB)\n' "$total" "$(echo "$total / 1024" | bc -l)"
