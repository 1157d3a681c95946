#!/usr/bin/env bash
# Measures click & collect (issue 14) for docs/PERFORMANCE.md (never run by the tests), on a
# release build of the demo town, two instances of one database, on SQLite and on PostgreSQL:
#   1. checkouts per second: 32 clients posting the checkout form (as a browser without
#      JavaScript, each a new shopper and client address, through the trusted-proxy header),
#      alternating between the instances, at a product with 500 units counted, 800 attempts;
#      then the oversell count from the database: orders placed minus units taken, and the
#      stock left (must be 0 oversold, never below zero);
#   2. the inbox's delay: a checkout on instance A, seen on the merchant's event stream opened
#      on instance B (p95 budget 1 s), 20 times;
#   3. 1,000 inbox streams open on one instance: its resident memory, and one checkout's event
#      reaching all of them.
# PostgreSQL is the machine's (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432), in a
# database `vitrine_bench_orders` made and dropped here.
# Usage: scripts/bench-orders.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/vitrine-bench-orders.XXXXXX)
now="2026-11-28T10:00:00+01:00"
pg_base="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
pg_db=vitrine_bench_orders
if [ ! -x target/release/vitrine ] || [ ! -f target/site-release/hash.txt ]; then
  scripts/setup.sh build
  source scripts/env.sh
  scripts/build.sh --release
fi
command -v psql >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 8192 2>/dev/null || true
export VITRINE_SITE_ROOT=target/site-release VITRINE_NOW="$now" RUST_LOG=warn VITRINE_TRUSTED_PROXIES=127.0.0.1

# The product measured: the demo's rice tart (Pâtisserie Lemaire, business 1), 500 counted now.
units=500
prepare() {
  local sql="UPDATE products SET stock = 'quantity', quantity = $units, reservable = TRUE, visible = TRUE, stock_confirmed_at = '2026-11-28 09:00:00+00' WHERE id = (SELECT id FROM products WHERE business_id = 1 AND name_fr = 'Tarte au riz (8 parts)')"
  case "$1" in
    sqlite) python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2].replace('TRUE','1').replace(\"'2026-11-28 09:00:00+00'\",\"'2026-11-28T09:00:00+00:00'\")); c.commit()" "$work/bench.db" "$sql" ;;
    postgresql) psql "$pg_base/$pg_db" -qc "$sql" >/dev/null ;;
  esac
}
query() {
  case "$1" in
    sqlite) python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$work/bench.db" "$2" ;;
    postgresql) psql "$pg_base/$pg_db" -qtAc "$2" ;;
  esac
}

run_on() {
  local name=$1 url=$2 port_a=$3 port_b=$4
  echo "== $name"
  DATABASE_URL="$url" VITRINE_MEDIA_DIR="$work/media-$name" target/release/vitrine seed-demo >/dev/null
  prepare "$name"
  DATABASE_URL="$url" VITRINE_MEDIA_DIR="$work/media-$name" VITRINE_BIND="127.0.0.1:$port_a" target/release/vitrine serve >"$work/$name-a.log" 2>&1 &
  local pid_a=$!
  pids+=("$pid_a")
  DATABASE_URL="$url" VITRINE_MEDIA_DIR="$work/media-$name" VITRINE_BIND="127.0.0.1:$port_b" target/release/vitrine serve >"$work/$name-b.log" 2>&1 &
  pids+=("$!")
  for p in $port_a $port_b; do
    for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$p/readyz" && break; sleep 0.2; done
  done
  local a="http://127.0.0.1:$port_a" b="http://127.0.0.1:$port_b"
  local product price
  product=$(query "$name" "SELECT id FROM products WHERE business_id = 1 AND name_fr = 'Tarte au riz (8 parts)'")
  price=$(query "$name" "SELECT price_cents FROM products WHERE id = $product")
  python3 scripts/bench-orders.py checkouts "$a" "$b" "$product" "$price" 32 800 | tee "$work/$name-checkouts.txt" | grep -v '^PLACED='
  local placed left lines
  placed=$(grep -o 'PLACED=[0-9]*' "$work/$name-checkouts.txt" | cut -d= -f2)
  left=$(query "$name" "SELECT quantity FROM products WHERE id = $product")
  lines=$(query "$name" "SELECT COALESCE(SUM(quantity), 0) FROM order_lines WHERE product_id = $product")
  echo "  stock left $left of $units; units in orders $lines; oversold: $((lines - (units - left))) (must be 0), orders beyond the stock: $((placed > units ? placed - units : 0))"
  # The inbox: the demo merchant's session, on instance B.
  local jar="$work/$name.cookies"
  curl -fs -o /dev/null -c "$jar" -X POST -H 'Accept: text/html' -H 'X-Forwarded-For: 10.99.0.1' \
    --data-urlencode 'lang=Fr' --data-urlencode 'email=commercant@demo.vitrine.be' --data-urlencode 'password=demo-commercant-vitrine-soignies' \
    "$a/api/log_in" || true
  local cookie
  cookie="vitrine_session=$(awk '$6 == "vitrine_session" { print $7 }' "$jar")"
  prepare "$name"
  python3 scripts/bench-orders.py delay "$a" "$b" "$product" "$price" "$cookie" 20
  BENCH_PID=$pid_a python3 scripts/bench-orders.py streams "$a" "$product" "$price" "$cookie" 1000 "$b"
  echo "  instance A's log: $(grep -c ' ERROR ' "$work/$name-a.log" || true) errors"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  pids=()
  sleep 1
}

run_on sqlite "sqlite://$work/bench.db" 3320 3321
psql "$pg_base/postgres" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null
psql "$pg_base/postgres" -qc "CREATE DATABASE $pg_db" >/dev/null
run_on postgresql "$pg_base/$pg_db" 3322 3323
