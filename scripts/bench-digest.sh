#!/usr/bin/env bash
# The weekly offers digest at scale (issue 8): 10,000 confirmed followers of the demo town
# (70 % every shop, 30 % three shops; French, Dutch and English) and a week of 300 offers; times
# building and queueing the digest (one claim, every e-mail rendered and inserted in one
# transaction), then sending the whole outbox through a real SMTP conversation with the test
# sink (server/tests/support/smtp_sink.rs) on a loopback port, with the mailer's own rounds.
# See server/examples/bench_digest.rs.
#
# Usage: scripts/bench-digest.sh [followers, default 10000] [offers, default 300]
# SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a fresh database is made and
# dropped). Results go to standard output; docs/PERFORMANCE.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
followers="${1:-10000}"
offers="${2:-300}"
cargo build --release -p vitrine --example bench_digest
echo "== SQLite"
env -u DATABASE_URL target/release/examples/bench_digest "$followers" "$offers"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  name="vitrine_bench_digest_$$"
  admin="$TEST_DATABASE_URL"
  psql "$admin" -q -c "CREATE DATABASE $name"
  trap 'psql "$admin" -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)"' EXIT
  echo "== PostgreSQL"
  DATABASE_URL="${admin%/*}/$name" target/release/examples/bench_digest "$followers" "$offers"
fi
