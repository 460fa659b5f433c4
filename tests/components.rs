//! Component tests, run in headless Chromium by wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown -p insyn` (see scripts/test.sh).

// These tests need a DOM; on a native target there is none, so the file
// compiles to nothing there instead of failing `cargo test --workspace`.
#![cfg(target_arch = "wasm32")]

use insyn::App;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::mount;

#[wasm_bindgen_test]
async fn app_mounts_with_header_and_main() {
    let (container, _handle) = mount(App);
    leptos::task::tick().await;

    let h1 = container
        .query_selector("header h1")
        .unwrap()
        .expect("App renders an <h1> inside <header>");
    assert_eq!(h1.text_content().as_deref(), Some("Insyn"));

    let mains = container.query_selector_all("main").unwrap();
    assert_eq!(mains.length(), 1, "exactly one <main> landmark");

    container.remove();
}
