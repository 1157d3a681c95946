# Sourced by the scripts. cargo-leptos may look up newer versions of its tools on GitHub, which
# these machines cannot reach; pinning the versions keeps it from trying. It then takes the tools
# that setup.sh put on PATH (and says "not used" of the pins it did not need).
export LEPTOS_WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
export LEPTOS_WASM_OPT_VERSION=version_132
export LEPTOS_SASS_VERSION=1.86.0
export LEPTOS_TAILWIND_VERSION=v4.2.1
