//! Browser tests (wasm-bindgen-test in headless Chromium, run by `cargo xtask test`).
//! Placeholder made by the xtask engineer to prove the runner works: the lead owns this file.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn runs_in_a_browser_with_a_document() {
    let document = web_sys::window().and_then(|window| window.document());
    assert!(document.is_some(), "no window.document: not in a browser?");
}
