#!/usr/bin/env bash
# Measures what docs/PERFORMANCE.md reports (never run by the tests):
#   1. /commerces (24 results) on a generated town of 5,000 businesses, release build, 32
#      connections, side by side with nginx serving the same HTML bytes as a static file,
#      precompressed (gzip_static, and brotli_static when Debian's module is there), from the page
#      cache and rendered every time (a second instance with VITRINE_PAGE_CACHE=off on the same
#      database). Requests carry a browser's headers (Accept-Encoding: gzip, deflate, br, zstd;
#      Accept; Accept-Language; User-Agent), as every visitor's do; the same runs without
#      Accept-Encoding follow for reference (the page as it is, a path no browser takes);
#   2. search (/commerces?q=…) latency percentiles at 1 connection (≈ server time on loopback),
#      from the cache and rendered;
#   3. cache busting: 32 connections that each ask a URL nobody asked before, on the cached
#      instance (an unknown parameter, answered by a redirect; a new search text, rendered);
#   4. the brotli size of the JS + WASM a public page loads.
# With --basket, every request of the runs is a shopper's who has a basket: the script fills one
# with curl (a cookie jar, whose path matching is a browser's, RFC 6265), then sends each run the
# Cookie header that jar sends to /commerces, and measures, for contrast, the same page with the
# basket's cookie sent anyway (what an unscoped cookie would cost).
# Usage: scripts/bench.sh [seconds per run, default 20] [--basket]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20}"
basket="${2:-}"
work=$(mktemp -d /tmp/vitrine-bench.XXXXXX)
port=3300
nginx_port=3301
uncached_port=3302
now="2026-11-28T10:00:00+01:00"

for tool in wrk nginx brotli; do
  command -v "$tool" >/dev/null || { echo "installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
# nginx's precompressed brotli (Debian's libnginx-mod-http-brotli-static); gzip_static alone without it.
brotli_module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
[ -f "$brotli_module" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-http-brotli-static >/dev/null 2>&1 || true
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

# A browser's request headers (Chrome 131 on Linux, French first).
browser=(-H 'Accept-Encoding: gzip, deflate, br, zstd'
  -H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
  -H 'Accept-Language: fr-BE,fr;q=0.9,en;q=0.8'
  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')
# Without Accept-Encoding, for reference.
plain=(-H 'Accept-Language: fr')

if [ "$basket" = --basket ]; then
  echo "== a shopper's basket"
  jar="$work/cookies.txt"
  # Through a file: `curl | head` would end curl early, which pipefail reports as a failure.
  curl -fs "http://127.0.0.1:$port/produits?q=tarte+au+riz+8+parts" -o "$work/search.html"
  # The first product found that takes reservations (its page has the basket's form).
  product=""
  for candidate in $(grep -oE '/commerces/[a-z0-9-]+/produits/[0-9]+' "$work/search.html" | sort -u); do
    curl -fs "http://127.0.0.1:$port$candidate" -o "$work/product.html"
    if grep -q 'action="/panier/ajouter"' "$work/product.html"; then product=$candidate; break; fi
  done
  [ -n "$product" ] || { echo "no reservable demo product found"; exit 1; }
  curl -fs -o /dev/null -c "$jar" -b "$jar" -H "Origin: http://127.0.0.1:$port" -H 'Sec-Fetch-Site: same-origin' \
    --data "produit=${product##*/}&quantite=1" "http://127.0.0.1:$port/panier/ajouter"
  # The Cookie header the jar sends to a path ("" when none), as a browser holding it would.
  cookie_for() { curl -s -o /dev/null -v -b "$jar" "http://127.0.0.1:$port$1" 2>&1 | sed -n 's/^> [Cc]ookie: //p' | tr -d '\r'; }
  basket_cookie=$(cookie_for /panier)
  [ -n "$basket_cookie" ] || { echo "the basket was not kept"; exit 1; }
  public_cookie=$(cookie_for /commerces)
  echo "  sent to /panier:    Cookie: ${basket_cookie%%=*}=…"
  echo "  sent to /commerces: ${public_cookie:-no Cookie header}"
  product_cookie=$(cookie_for "$product")
  echo "  sent to ${product}: ${product_cookie:-no Cookie header}"
  if [ -n "$public_cookie" ]; then browser+=(-H "Cookie: $public_cookie"); fi
fi

# The same bytes for nginx, precompressed as the page cache keeps them (brotli 11, gzip 9).
mkdir -p "$work/www"
chmod 755 "$work"   # nginx workers run as an unprivileged user
curl -fs -H 'Accept-Language: fr' "http://127.0.0.1:$port/commerces" -o "$work/www/commerces.html"
gzip -9 -k "$work/www/commerces.html"
brotli -q 11 -k "$work/www/commerces.html"
chmod 644 "$work/www/"*
if [ -f "$brotli_module" ]; then
  load_brotli="load_module $brotli_module;"
  brotli_static="brotli_static on;"
  nginx_serves="gzip_static and brotli_static"
else
  load_brotli=""
  brotli_static=""
  nginx_serves="gzip_static only (no brotli_static module)"
fi
cat >"$work/nginx.conf" <<NGINX
$load_brotli
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  gzip_static on;
  gzip_vary on;
  $brotli_static
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

# One run: its report line, and its requests/s kept in $work/<name>.rps for the ratios.
run() {
  local name=$1 title=$2
  shift 2
  echo "== $title"
  wrk "$@" | tail -n 1 | tee "$work/$name.line"
  sed -E 's/.*requests\/s ([0-9]+).*/\1/' "$work/$name.line" >"$work/$name.rps"
}
ratio() { echo "scale=1; 100 * $(cat "$work/$1.rps") / $(cat "$work/$2.rps")" | bc; }
# What each server sends a browser: coding, bytes, and the page cache's verdict.
sent() {
  curl -s -o /dev/null -D "$work/headers" -w '%{size_download}' "${browser[@]}" "$1" >"$work/size"
  printf '  %-28s %s, %s bytes%s\n' "$2" \
    "$(grep -i '^content-encoding:' "$work/headers" | tr -d '\r' | sed 's/^[^:]*: */Content-Encoding: /' || echo 'no Content-Encoding')" \
    "$(cat "$work/size")" "$(grep -i '^cache-status:' "$work/headers" | tr -d '\r' | sed 's/^[^:]*: */, /' || true)"
}
c32=(-t2 -c32 -d"${duration}s")
c1=(-t1 -c1 -d"${duration}s")

echo "== machine: $(nproc) cores, $(uname -r); page bytes: $(wc -c <"$work/www/commerces.html") (gzip $(wc -c <"$work/www/commerces.html.gz"), brotli $(wc -c <"$work/www/commerces.html.br")); nginx: $nginx_serves"
echo "== what a browser is sent"
# Stored, then read once from the cache, which upgrades its brotli to quality 11 in the background.
for _ in 1 2; do curl -fs -o /dev/null "${browser[@]}" "http://127.0.0.1:$port/commerces"; done
sleep 1
sent "http://127.0.0.1:$nginx_port/commerces" "nginx"
sent "http://127.0.0.1:$port/commerces" "vitrine, page cache"
sent "http://127.0.0.1:$uncached_port/commerces" "vitrine, rendered every time"

run nginx "nginx, static copy of /commerces, browser headers (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$nginx_port/commerces"
run cached "vitrine /commerces from the page cache, browser headers (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$port/commerces"
run uncached "vitrine /commerces rendered every time (VITRINE_PAGE_CACHE=off), browser headers (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$uncached_port/commerces"
echo "== with a browser's headers: cached $(ratio cached nginx) % of nginx (budget ≥ 60 %), rendered every time $(ratio uncached nginx) % (budget ≥ 3 %)"
if [ "$basket" = --basket ]; then
  run unscoped "contrast: vitrine /commerces with the basket's cookie sent anyway (as an unscoped cookie would be; 32 connections, ${duration}s)" \
    "${c32[@]}" "${browser[@]}" -H "Cookie: $basket_cookie" -s "$work/report.lua" "http://127.0.0.1:$port/commerces"
  echo "== an unscoped basket cookie would bring /commerces to $(ratio unscoped nginx) % of nginx"
fi

run nginx_plain "nginx, static copy of /commerces, without Accept-Encoding (32 connections, ${duration}s)" \
  "${c32[@]}" "${plain[@]}" -s "$work/report.lua" "http://127.0.0.1:$nginx_port/commerces"
run cached_plain "vitrine /commerces from the page cache, without Accept-Encoding (32 connections, ${duration}s)" \
  "${c32[@]}" "${plain[@]}" -s "$work/report.lua" "http://127.0.0.1:$port/commerces"
run uncached_plain "vitrine /commerces rendered every time, without Accept-Encoding (32 connections, ${duration}s)" \
  "${c32[@]}" "${plain[@]}" -s "$work/report.lua" "http://127.0.0.1:$uncached_port/commerces"
echo "== without Accept-Encoding (reference): cached $(ratio cached_plain nginx_plain) % of nginx, rendered every time $(ratio uncached_plain nginx_plain) %"

run search1 "vitrine /commerces?q=… (1 connection, ${duration}s; 10 queries, served from the page cache after their first hit)" \
  "${c1[@]}" "${browser[@]}" -s "$work/search.lua" "http://127.0.0.1:$port/"
run search32 "vitrine /commerces?q=… (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/search.lua" "http://127.0.0.1:$port/"
run search1_uncached "vitrine /commerces?q=… rendered every time (page cache off, 1 connection, ${duration}s)" \
  "${c1[@]}" "${browser[@]}" -s "$work/search.lua" "http://127.0.0.1:$uncached_port/"
run search32_uncached "vitrine /commerces?q=… rendered every time (page cache off, 32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/search.lua" "http://127.0.0.1:$uncached_port/"
run busting "cache busting, unknown parameter on every request (cache on, 32 connections, ${duration}s; answered 301)" \
  "${c32[@]}" "${browser[@]}" -s "$work/search-busting.lua" "http://127.0.0.1:$port/"
run busting_new "cache busting, a new search text on every request (cache on, 32 connections, ${duration}s; each rendered and stored compressed)" \
  "${c32[@]}" "${browser[@]}" -s "$work/search-new.lua" "http://127.0.0.1:$port/"
run after "after the busting, the cached instance still serves /commerces from its cache (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$port/commerces"
echo "== JS + WASM of a public page (brotli, as served)"
total=0
for f in target/site-release/pkg/*.js target/site-release/pkg/*.wasm; do
  size=$(brotli -c -q 11 "$f" | wc -c)
  total=$((total + size))
  printf '  %-50s %8d bytes raw %8d bytes brotli\n' "$(basename "$f")" "$(wc -c <"$f")" "$size"
done
printf '  total brotli: %d bytes (%.1f KB)\n' "$total" "$(echo "$total / 1024" | bc -l)"
