#!/usr/bin/env bash
# Measures the catalogue's budgets of docs/PERFORMANCE.md (issue 13; never run by the tests), on a
# release build and a generated town of 5,000 businesses and 100,000 products
# (`vitrine seed-demo --businesses 5000 --products 100000`):
#   1. /produits?q=… rendered every time (an instance with VITRINE_PAGE_CACHE=off), 1 connection:
#      latency percentiles over ten searches (budget p95 ≤ 5 ms);
#   2. /produits?q=bonnet and a product's page from the page cache, 32 connections, a browser's
#      headers, side by side with nginx serving the same bytes precompressed (budget ≥ 60 %);
#   3. the resident memory of both instances after the runs (budget 300 MB);
#   4. importing a 5,000-row spreadsheet over HTTP as the demo merchant (upload and preview, then
#      confirm), on SQLite and on PostgreSQL (budgets: preview ≤ 2 s, confirm ≤ 3 s). PostgreSQL
#      is the machine's (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432), in a database
#      `vitrine_bench_catalogue` made and dropped here.
# Usage: scripts/bench-catalogue.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}"
work=$(mktemp -d /tmp/vitrine-bench-catalogue.XXXXXX)
port=3310
uncached_port=3311
nginx_port=3312
pg_port=3313
now="2026-11-28T10:00:00+01:00"
pg_base="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
pg_db=vitrine_bench_catalogue

for tool in wrk nginx brotli psql; do
  command -v "$tool" >/dev/null || { echo "installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool/psql/postgresql-client}" >/dev/null; }
done
brotli_module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
[ -f "$brotli_module" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-http-brotli-static >/dev/null 2>&1 || true
if [ ! -x target/release/vitrine ] || [ ! -f target/site-release/hash.txt ]; then
  scripts/setup.sh build
  source scripts/env.sh
  scripts/build.sh --release
fi

cleanup() {
  for pid in ${server_pid:-} ${uncached_pid:-} ${pg_pid:-}; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$work/bench.db" VITRINE_MEDIA_DIR="$work/media" VITRINE_SITE_ROOT=target/site-release
export VITRINE_NOW="$now" RUST_LOG=warn
echo "== seeding 5,000 businesses and 100,000 products (SQLite)"
/usr/bin/time -f "   %e s, %M KB peak" target/release/vitrine seed-demo --businesses 5000 --products 100000
VITRINE_BIND="127.0.0.1:$port" target/release/vitrine serve >"$work/server.log" 2>&1 &
server_pid=$!
VITRINE_BIND="127.0.0.1:$uncached_port" VITRINE_PAGE_CACHE=off RUST_LOG=warn,domain::catalogue::search=info target/release/vitrine serve >"$work/uncached.log" 2>&1 &
uncached_pid=$!
for p in $port $uncached_port; do
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$p/readyz" && break; sleep 0.2; done
done
echo "   $(curl -fs -H 'Accept-Language: fr' "http://127.0.0.1:$uncached_port/produits" | grep -o '>[0-9]* produits<' | tr -d '<>') visible on /produits"

browser=(-H 'Accept-Encoding: gzip, deflate, br, zstd'
  -H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
  -H 'Accept-Language: fr-BE,fr;q=0.9,en;q=0.8'
  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')

# A product page: the first of a shop in the middle of the town.
product_path=$(curl -fs -H 'Accept-Language: fr' "http://127.0.0.1:$port/produits?q=bonnet" | grep -o 'href="/commerces/[^"]*/produits/[0-9]*"' | head -1 | sed 's/href="//; s/"$//')
[ -n "$product_path" ] || { echo "no product found for 'bonnet'"; exit 1; }

mkdir -p "$work/www"
chmod 755 "$work"
curl -fs -H 'Accept-Language: fr' "http://127.0.0.1:$port/produits?q=bonnet" -o "$work/www/search.html"
curl -fs -H 'Accept-Language: fr' "http://127.0.0.1:$port$product_path" -o "$work/www/product.html"
for f in search product; do gzip -9 -k "$work/www/$f.html"; brotli -q 11 -k "$work/www/$f.html"; done
chmod 644 "$work/www/"*
if [ -f "$brotli_module" ]; then load_brotli="load_module $brotli_module;"; brotli_static="brotli_static on;"; else load_brotli=""; brotli_static=""; fi
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
    location = /produits { default_type text/html; try_files /search.html =404; }
    location = /product { default_type text/html; try_files /product.html =404; }
  }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.5

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
local queries = { "bonnet", "PAIN", "ampoule led", "chocolat noir", "velo", "tarte sucre", "fleurs", "savon", "livre", "bijou argent" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/produits?q=" .. queries[(i % #queries) + 1]:gsub(" ", "+"))
end
LUA
sed -n '1,20p' "$work/report.lua" >>"$work/search.lua"
run() {
  local name=$1 title=$2
  shift 2
  echo "== $title"
  wrk "$@" | tail -n 1 | tee "$work/$name.line"
  sed -E 's/.*requests\/s ([0-9]+).*/\1/' "$work/$name.line" >"$work/$name.rps"
}
ratio() { echo "scale=1; 100 * $(cat "$work/$1.rps") / $(cat "$work/$2.rps")" | bc; }
c32=(-t2 -c32 -d"${duration}s")
c1=(-t1 -c1 -d"${duration}s")

echo "== machine: $(nproc) cores, $(uname -r); /produits?q=bonnet $(wc -c <"$work/www/search.html") bytes (brotli $(wc -c <"$work/www/search.html.br")), $product_path $(wc -c <"$work/www/product.html") bytes"
for _ in 1 2; do
  curl -fs -o /dev/null "${browser[@]}" "http://127.0.0.1:$port/produits?q=bonnet"
  curl -fs -o /dev/null "${browser[@]}" "http://127.0.0.1:$port$product_path"
done
sleep 1
run search_rendered "vitrine /produits?q=… rendered every time (page cache off, 1 connection, ${duration}s, 10 searches)" \
  "${c1[@]}" "${browser[@]}" -s "$work/search.lua" "http://127.0.0.1:$uncached_port/"
run search_nginx "nginx, static copy of /produits?q=bonnet (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$nginx_port/produits"
run search_cached "vitrine /produits?q=bonnet from the page cache (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$port/produits?q=bonnet"
echo "== /produits?q=bonnet: cached $(ratio search_cached search_nginx) % of nginx (budget ≥ 60 %)"
run product_nginx "nginx, static copy of a product's page (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$nginx_port/product"
run product_cached "vitrine $product_path from the page cache (32 connections, ${duration}s)" \
  "${c32[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$port$product_path"
run product_rendered "vitrine $product_path rendered every time (1 connection, ${duration}s)" \
  "${c1[@]}" "${browser[@]}" -s "$work/report.lua" "http://127.0.0.1:$uncached_port$product_path"
echo "== product page: cached $(ratio product_cached product_nginx) % of nginx (budget ≥ 60 %)"
echo "== resident memory after the runs (budget 300 MB)"
for pid in $server_pid $uncached_pid; do
  printf '  pid %s: %s MB\n' "$pid" "$(($(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024))"
done

# ---- The import: 5,000 rows, as the demo merchant, over HTTP.
python3 - "$work/import.csv" <<'PY'
import sys
rows = ["Nom;Prix;Catégorie;Code-barres;Référence;Stock"]
for i in range(1, 5001):
    stock = ["en stock", "épuisé", str(i % 40)][i % 3]
    rows.append(f"Article de test n°{i} – série spéciale;{i % 90 + 1},{i % 100:02d};Épicerie;;BENCH-{i};{stock}")
open(sys.argv[1], "wb").write(("\r\n".join(rows) + "\r\n").encode("cp1252"))
PY
import_on() {
  local name=$1 base=$2
  local jar="$work/$name.cookies"
  curl -fs -o /dev/null -c "$jar" -X POST -H 'Accept: text/html' \
    --data-urlencode 'lang=Fr' --data-urlencode 'email=commercant@demo.vitrine.be' --data-urlencode 'password=demo-commercant-vitrine-soignies' \
    "$base/api/log_in" || true
  local start end location preview_ms confirm_ms
  start=$(date +%s%N)
  location=$(curl -s -o /dev/null -b "$jar" -w '%{redirect_url}' -F "fichier=@$work/import.csv;type=text/csv" \
    "$base/tableau-de-bord/1/produits/importer/envoi")
  curl -fs -o "$work/$name-preview.html" -b "$jar" "$location"
  end=$(date +%s%N)
  preview_ms=$(((end - start) / 1000000))
  grep -q '5000 produit(s) à ajouter' "$work/$name-preview.html" || { echo "  $name: the preview does not say 5000 to add"; return 1; }
  local token=${location##*/}
  start=$(date +%s%N)
  curl -fs -o /dev/null -b "$jar" -H 'Accept: text/html' --data "lang=Fr&business_id=1&token=$token" "$base/api/confirm_import"
  end=$(date +%s%N)
  confirm_ms=$(((end - start) / 1000000))
  echo "  $name: upload and preview $preview_ms ms (budget 2000), confirm $confirm_ms ms (budget 3000)"
}
echo "== the sitemap at 100,000 products"
curl -fs -o "$work/sitemap.xml" -w '  /sitemap.xml: %{size_download} bytes in %{time_total} s\n' "http://127.0.0.1:$port/sitemap.xml"
echo "  $(grep -c '<sitemap>' "$work/sitemap.xml") files in the index"
curl -fs -o "$work/sitemap-1.xml" -w '  /sitemaps/1.xml: %{size_download} bytes in %{time_total} s' "http://127.0.0.1:$port/sitemaps/1.xml"
echo ", $(grep -o '<url>' "$work/sitemap-1.xml" | wc -l) URLs (at most 50,000)"
echo "== importing a 5,000-row Windows-1252 file (upload + preview page, then confirm; release build, over HTTP)"
import_on sqlite "http://127.0.0.1:$port"
# The import was a catalogue write: the next search rebuilds the instance's catalogue index.
sleep 1.1
curl -fs -o /dev/null -w '  first /produits?q=bonnet after that write (index rebuilt, page cache off): %{time_total} s\n' "${browser[@]}" "http://127.0.0.1:$uncached_port/produits?q=bonnet"
curl -fs -o /dev/null -w '  the next one: %{time_total} s\n' "${browser[@]}" "http://127.0.0.1:$uncached_port/produits?q=bonnet"
sleep 3
echo "  the rebuild in the background: $(grep -o 'elapsed_ms=[0-9]*' "$work/uncached.log" | tail -1)"
psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null
psql "$pg_base/postgres" -qc "CREATE DATABASE $pg_db" >/dev/null
DATABASE_URL="$pg_base/$pg_db" target/release/vitrine seed-demo >/dev/null
DATABASE_URL="$pg_base/$pg_db" VITRINE_BIND="127.0.0.1:$pg_port" target/release/vitrine serve >"$work/pg.log" 2>&1 &
pg_pid=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$pg_port/readyz" && break; sleep 0.2; done
import_on postgresql "http://127.0.0.1:$pg_port"
