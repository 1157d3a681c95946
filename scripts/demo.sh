#!/usr/bin/env bash
# Builds Vitrine (release) and runs it on SQLite with the demo town at http://127.0.0.1:3000.
# Data lives in ./data (delete it to start over). Any VITRINE_* / DATABASE_URL variable
# overrides the defaults (see README, "Configuration"). It serves the release site root
# (target/site-release), which the test command's debug build (target/site) leaves alone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
source scripts/env.sh
scripts/build.sh --release
mkdir -p data
export DATABASE_URL="${DATABASE_URL:-sqlite://data/vitrine.db}"
export VITRINE_MEDIA_DIR="${VITRINE_MEDIA_DIR:-data/media}"
export VITRINE_SITE_ROOT="${VITRINE_SITE_ROOT:-target/site-release}"
export VITRINE_BIND="${VITRINE_BIND:-127.0.0.1:3000}"
echo "Vitrine: http://${VITRINE_BIND}"
exec target/release/vitrine serve --seed-demo
