#!/usr/bin/env bash
# Makes the release archive: one tar.gz that runs on any Linux machine of the same architecture
# with nothing else installed (the binary embeds SQLite, TLS and the migrations).
#
#   vitrine-<version>/vitrine      the server (see ./vitrine --help)
#   vitrine-<version>/site/        its site root: CSS, JS and WASM under hashed names, with the
#                                  hash files that name them (the server checks them at start)
#   vitrine-<version>/demo/        the demo town's data files (serve --seed-demo --demo-dir demo)
#   vitrine-<version>/README.txt   how to run it; DEPLOY.md, how to deploy it
#
# Usage: scripts/package.sh [--debug] [--no-build]
#   (default)   builds the release (scripts/build.sh --release) and writes
#               target/package/vitrine-<version>-linux-<arch>.tar.gz
#   --debug     the debug build instead (what the end-to-end test of the archive unpacks):
#               target/package/vitrine-debug.tar.gz
#   --no-build  packs what is already built
set -euo pipefail
cd "$(dirname "$0")/.."
profile=release
build=1
for arg in "$@"; do
  case "$arg" in
    --debug) profile=debug ;;
    --no-build) build=0 ;;
    *) echo "usage: scripts/package.sh [--debug] [--no-build]" >&2; exit 2 ;;
  esac
done
if [ "$profile" = release ]; then site=target/site-release; else site=target/site; fi
if [ "$build" = 1 ]; then
  scripts/setup.sh build
  source scripts/env.sh
  if [ "$profile" = release ]; then scripts/build.sh --release; else scripts/build.sh; fi
fi
for needed in "target/$profile/vitrine" "$site/hash.txt" "$site/hash-private.txt"; do
  [ -e "$needed" ] || { echo "package: $needed is missing; build first (scripts/build.sh, --release for the release)" >&2; exit 1; }
done

version=$(awk -F'"' '/^\[workspace.package\]/ { section = 1 } section && /^version/ { print $2; exit }' Cargo.toml)
if [ "$profile" = release ]; then
  name="vitrine-$version"
  archive="target/package/$name-linux-$(uname -m).tar.gz"
else
  name="vitrine-$version-debug"
  archive="target/package/vitrine-debug.tar.gz"
fi
stage=$(mktemp -d /tmp/vitrine-package.XXXXXX)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" target/package
cp "target/$profile/vitrine" "$stage/$name/vitrine"
cp -r "$site" "$stage/$name/site"
cp -r seed/demo "$stage/$name/demo"
cp docs/DEPLOY.md "$stage/$name/DEPLOY.md"
cat >"$stage/$name/README.txt" <<TEXT
Vitrine $version ($profile build, $(git rev-parse --short HEAD 2>/dev/null || echo unknown), built $(date -u +%Y-%m-%d))

The online shop window of a town's independent shops. This folder is the whole release:
  vitrine      the server (./vitrine --help lists every setting)
  site/        the CSS, JS and WASM its pages link; point VITRINE_SITE_ROOT at it. It must be
               this archive's own site folder: the server refuses to start if a file its pages
               link is missing.
  demo/        the demo town's data files
  DEPLOY.md    how to deploy it for real: systemd, HTTPS proxy, backups, PostgreSQL

Try it with the demo town (SQLite file and photos in ./data):
  VITRINE_SITE_ROOT=site DATABASE_URL=sqlite://data/vitrine.db VITRINE_MEDIA_DIR=data/media \\
    ./vitrine serve --seed-demo --demo-dir demo
  then open http://127.0.0.1:3000 (the demo's logins are printed at start).

Run it for real (see DEPLOY.md):
  VITRINE_SITE_ROOT=/opt/vitrine/site DATABASE_URL=sqlite:///var/lib/vitrine/vitrine.db \\
    VITRINE_MEDIA_DIR=/var/lib/vitrine/media VITRINE_PUBLIC_URL=https://vitrine.example.be \\
    /opt/vitrine/vitrine serve
  echo "\$PASSWORD" | /opt/vitrine/vitrine create-admin --email you@example.be --password-stdin
  /opt/vitrine/vitrine backup /var/backups/vitrine/\$(date +%F)
TEXT
tar -C "$stage" -czf "$archive" "$name"
echo "$archive ($(du -h "$archive" | cut -f1))"
