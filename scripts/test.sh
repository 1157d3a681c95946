#!/usr/bin/env bash
# Runs every test of Vitrine: unit, database (SQLite, and PostgreSQL when TEST_DATABASE_URL is
# set, e.g. postgres://postgres@127.0.0.1:5432/test), HTTP, and end-to-end in Debian Chromium
# (journeys, axe-core, Nu HTML Checker).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh

echo "== unit, database and HTTP tests${TEST_DATABASE_URL:+ (with PostgreSQL)}"
cargo test --workspace --exclude frontend --exclude frontend-private

# After the tests, so the end-to-end suite runs the very binary cargo-leptos built with the WASM.
echo "== build (server + WASM, debug; its site root is target/site, the release's target/site-release)"
scripts/build.sh
# The archive the end-to-end suite unpacks into an empty folder (release-archive.spec.ts): the
# debug build packed as scripts/package.sh packs the release.
scripts/package.sh --debug --no-build

echo "== end-to-end tests (Chromium)"
cd end2end
VITRINE_BIN=../target/debug/vitrine VITRINE_SITE_ROOT=../target/site VITRINE_ARCHIVE=../target/package/vitrine-debug.tar.gz \
  npx playwright test
