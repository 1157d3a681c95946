#!/usr/bin/env bash
# Builds Vitrine: the server and its two browser bundles. `--release` for the optimised build
# (precompressed with brotli and gzip), used by the demo and the benchmarks.
#
# The public pages hydrate with the public bundle (`frontend`, in /pkg); the merchant area, the
# account pages and the town console with the private bundle (`frontend-private`, in
# /pkg-private), so that shoppers never download the dashboard's code (docs/PERFORMANCE.md).
# cargo-leptos builds one project at a time: the public project first (server, CSS, assets,
# public bundle), then the private bundle alone (front end only, in target/site-private), copied
# into target/site/pkg-private.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ "${1:-}" = "--release" ]; then
  cargo leptos build --project vitrine --release --precompress
  cargo leptos build --project vitrine-private --frontend-only --release --precompress
else
  cargo leptos build --project vitrine
  cargo leptos build --project vitrine-private --frontend-only
fi
# The private bundle next to the public one, served as /pkg-private (Cargo.toml explains why it
# is built in a site root of its own).
rm -rf target/site/pkg-private
cp -r target/site-private/pkg-private target/site/pkg-private
