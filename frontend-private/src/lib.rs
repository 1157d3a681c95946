//! The browser entry point of the private pages: the same `App` as `frontend`, built with the
//! `private` feature, so it holds the merchant dashboard, the account pages and the town console.
//! The server loads this bundle on those pages only (`app::HydrationLoader`); shoppers never
//! download it.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
