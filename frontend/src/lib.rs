//! The browser entry point: hydrates the server-rendered page with the `App` of the `app` crate.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Readable panic messages in the console for development builds; release bundles leave the
    // hook out to stay small (a panic there still stops the app, without the message).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
