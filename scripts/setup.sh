#!/usr/bin/env bash
# Installs what building and testing Vitrine needs, idempotently: each step checks first and
# installs only what is missing. Usage: scripts/setup.sh [build|test]
#   build: Rust WASM target, cargo-leptos, wasm-bindgen CLI (the Cargo.lock version), wasm-opt
#   test:  build + Debian Chromium, Java (Nu HTML Checker), xmllint, nginx and openssl, the
#          end-to-end npm packages
# See ../shared/docs/TOOLCHAIN.md for why each tool is installed this way (no GitHub downloads).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"
say() { printf '\033[1;36m[setup]\033[0m %s\n' "$*"; }

have() { command -v "$1" >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "apt-get install $*"
  as_root apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

# Rust target for the browser bundle.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos 0.3.10 builds on stable Rust with --locked (0.3.11 needs a newer rustc). ~20 min once.
if ! cargo leptos --version >/dev/null 2>&1; then
  say "installing cargo-leptos 0.3.10 (takes a while, once)"
  cargo install cargo-leptos --version 0.3.10 --locked
fi

# wasm-bindgen CLI must match the wasm-bindgen crate of Cargo.lock exactly.
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg_version" ]; then
  say "installing wasm-bindgen-cli $wbg_version"
  cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

# wasm-opt shrinks the release bundle; binaryen's npm package carries it.
if ! have wasm-opt; then
  say "installing wasm-opt (npm binaryen@132.0.0)"
  as_root npm install -g binaryen@132.0.0
fi

if [ "$what" = test ]; then
  if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
  if ! have java; then apt_install default-jre-headless; fi
  # xmllint validates the sitemap against its XML schema.
  if ! have xmllint; then apt_install libxml2-utils; fi
  # nginx and openssl: the end-to-end test behind a TLS reverse proxy (behind-nginx.spec.ts).
  if [ ! -x /usr/sbin/nginx ]; then apt_install nginx; fi
  if ! have openssl; then apt_install openssl; fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing the end-to-end test packages"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
fi
say "tools ready"
