#!/usr/bin/env bash
# Resident memory while three large photos are processed at once (issue 12's budget: 200 MB):
# three 48-megapixel JPEGs, then three 7000 x 7000 PNGs, each set in a fresh process of the
# release build (domain/examples/photo_memory.rs). Numbers go in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${TMPDIR:-/tmp}/vitrine-photo-memory"
cargo build --release -p domain --example photo_memory
bin=target/release/examples/photo_memory
[ -f "$dir/photo2.jpg" ] && [ -f "$dir/screenshot2.png" ] || "$bin" generate "$dir"
"$bin" measure "$dir" jpg
"$bin" measure "$dir" png
