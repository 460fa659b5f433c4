//! What every component test needs: mounting into a fresh element and reading the DOM.
//! Each test file uses only some of it.
#![allow(dead_code)]

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts `f` into a fresh container so tests do not see each other's DOM. The handle must
/// be kept alive; dropping it unmounts the view.
pub fn mount<F, N>(f: F) -> (web_sys::HtmlElement, leptos::mount::UnmountHandle<N::State>)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let document = leptos::prelude::document();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), f);
    (container, handle)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn find(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

pub fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}
