# Sourced by the scripts: pins the tool versions cargo-leptos would otherwise look up on GitHub
# (this machine has no access to it) and makes it use the tools installed by setup.sh.
export LEPTOS_WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
export LEPTOS_WASM_OPT_VERSION=version_132
export LEPTOS_SASS_VERSION=1.86.0
export LEPTOS_TAILWIND_VERSION=v4.2.1
