#!/usr/bin/env bash
# The costs of accounts (issue 7), on a release build with the demo town (and its demo logins):
#
# 1. login p95: wrk POSTs the demo merchant's login to /api/log_in (argon2id each time);
# 2. a dashboard save p95, round trip: "everything is correct" (the business row and its history
#    line in one transaction) as the logged-in merchant, and an hours save with the version read
#    back each time (sequential, curl);
# 3. /commerces p99 (cached and uncached) alone, then while 20 logins run at once without pause:
#    hashing runs on the blocking pool with at most cores-1 hashes at a time, so public pages keep
#    a core.
#
# Usage: scripts/bench-accounts.sh [seconds per wrk run, default 15]
# Results go to standard output; docs/PERFORMANCE.md records them with the commit measured.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}"
work=$(mktemp -d /tmp/vitrine-bench-accounts.XXXXXX)
port=3310
uncached_port=3311
now="2026-11-28T10:00:00+01:00"
base="http://127.0.0.1:$port"
email="commercant@demo.vitrine.be"
password="demo-commercant-vitrine-soignies"

for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "installing $tool"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
if [ ! -x target/release/vitrine ] || [ ! -f target/site-release/hash.txt ]; then
  scripts/setup.sh build
  source scripts/env.sh
  scripts/build.sh --release
fi

cleanup() {
  jobs -p | xargs -r kill 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$work/bench.db" VITRINE_MEDIA_DIR="$work/media" VITRINE_SITE_ROOT=target/site-release
export VITRINE_NOW="$now" RUST_LOG=warn
VITRINE_BIND="127.0.0.1:$port" target/release/vitrine serve --seed-demo >"$work/server.log" 2>&1 &
VITRINE_BIND="127.0.0.1:$uncached_port" VITRINE_PAGE_CACHE=off target/release/vitrine serve >"$work/uncached.log" 2>&1 &
for p in $port $uncached_port; do
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$p/commerces" && break; sleep 0.2; done
done

# wrk scripts: a form POST with our own Origin (the CSRF guard), optionally with a cookie.
cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "$base"
wrk.body = "lang=Fr&email=$email&password=$password"
LUA

login_cookie() {
  curl -s -o /dev/null -D - -H "Origin: $base" \
    --data-urlencode lang=Fr --data-urlencode "email=$email" --data-urlencode "password=$password" \
    "$base/api/log_in" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(vitrine_session=[^;]*\).*/\1/p' | head -1
}
cookie=$(login_cookie)
[ -n "$cookie" ] || { echo "login failed"; cat "$work/server.log"; exit 1; }

cat >"$work/confirm.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "$base"
wrk.headers["Cookie"] = "$cookie"
wrk.body = "lang=Fr&business_id=1"
LUA

echo "== login p95 (wrk, 2 connections, ${duration}s: argon2id m=19MiB t=2 p=1 per request)"
wrk -t1 -c2 -d"${duration}s" --latency -s "$work/login.lua" "$base/api/log_in" | sed -n '/Latency Distribution/,/Requests\/sec/p'

echo "== dashboard save p95: confirm the listing (wrk, 1 connection, ${duration}s)"
wrk -t1 -c1 -d"${duration}s" --latency -s "$work/confirm.lua" "$base/api/confirm_listing" | sed -n '/Latency Distribution/,/Requests\/sec/p'

echo "== dashboard save p95: save the week's hours, version read back each time (200 sequential saves)"
: >"$work/hours_times"
for i in $(seq 200); do
  version=$(curl -s -H "Cookie: $cookie" "$base/api/listing?lang=Fr&business_id=1" | sed -n 's/.*"version":\([0-9]*\).*/\1/p')
  minute=$(printf '%02d' $((i % 60)))
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $cookie" -H "Origin: $base" \
    --data "lang=Fr&business_id=1&version=$version&day0=&day1=7:00-18:30&day2=7:00-18:30&day3=7:00-18:30&day4=7:00-18:30&day5=7:$minute-18:00&day6=7:00-13:00" \
    "$base/api/save_hours" >>"$work/hours_times"
done
awk '{ if ($1 != 200) bad++; print $2 }' "$work/hours_times" | sort -n | awk '
  { t[NR] = $1 } END { printf "  saves: %d, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", NR, t[int(NR*0.5)]*1000, t[int(NR*0.95)]*1000, t[int(NR*0.99)]*1000, t[NR]*1000 }'
echo "  non-200 answers: $(awk '$1 != 200' "$work/hours_times" | wc -l)"

run_commerces() {
  echo "  cached /commerces (wrk, 32 connections, ${duration}s):"
  wrk -t2 -c32 -d"${duration}s" --latency -H 'Accept-Language: fr' "$base/commerces" | grep -E '99%|Requests/sec'
  echo "  uncached /commerces (wrk, 8 connections, ${duration}s):"
  wrk -t2 -c8 -d"${duration}s" --latency -H 'Accept-Language: fr' "http://127.0.0.1:$uncached_port/commerces" | grep -E '99%|Requests/sec'
}

echo "== /commerces alone"
run_commerces

echo "== /commerces while 20 logins run at once, without pause"
wrk -t4 -c20 -d"$((duration * 2 + 5))s" --latency -s "$work/login.lua" "$base/api/log_in" >"$work/logins_during" &
logins=$!
sleep 2
run_commerces
wait "$logins" || true
echo "  the 20 concurrent logins meanwhile:"
sed -n '/Latency Distribution/,/Requests\/sec/p' "$work/logins_during"
