#!/usr/bin/env bash
# Builds Vitrine: the server and its two browser bundles.
#   scripts/build.sh            debug build: target/debug/vitrine, site root target/site (the tests')
#   scripts/build.sh --release  optimised build, precompressed with brotli and gzip:
#                               target/release/vitrine, site root target/site-release (the demo's,
#                               the benchmarks' and the release archive's: scripts/package.sh)
# The two site roots are apart so that the test command's debug build never replaces the assets
# of a release demo left running (its pages would link files that no longer exist).
#
# The public pages hydrate with the public bundle (`frontend`, in /pkg); the merchant area, the
# account pages and the town console with the private bundle (`frontend-private`, in
# /pkg-private), so that shoppers never download the dashboard's code (docs/PERFORMANCE.md).
# cargo-leptos builds one project at a time: the public project first (server, CSS, assets,
# public bundle), then the private bundle alone (front end only, in <site root>-private), copied
# into the site root's pkg-private. cargo-leptos's `site-root` setting is overridden per build
# with LEPTOS_SITE_ROOT.
#
# cargo-leptos writes the content hashes of the asset names (hash.txt, hash-private.txt) beside
# the binary, where Leptos would read them; they are copied into the site root, where the server
# reads them (server/src/assets.rs), so a site root and a binary copied anywhere stay whole.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [ "${1:-}" = "--release" ]; then
  profile=release
  site=target/site-release
  flags=(--release --precompress)
else
  profile=debug
  site=target/site
  flags=()
fi
LEPTOS_SITE_ROOT="$site" cargo leptos build --project vitrine "${flags[@]}"
LEPTOS_SITE_ROOT="$site-private" cargo leptos build --project vitrine-private --frontend-only "${flags[@]}"
rm -rf "$site/pkg-private"
cp -r "$site-private/pkg-private" "$site/pkg-private"
cp "target/$profile/hash.txt" "target/$profile/hash-private.txt" "$site/"
echo "built: target/$profile/vitrine with its site root $site"
