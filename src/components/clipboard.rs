//! Copying text for pasting into the journal or an e-mail, on every host staff use. The
//! Clipboard API only exists in a secure context (https or localhost); on a plain-http
//! intranet host, or when the browser refuses, the text the user sees is selected instead
//! and `document.execCommand('copy')` tried, and the user is told whether to press Ctrl+C.
//! The one home of this code: "Dokument" and "Vad ser vårdnadshavaren?" both use it.

use wasm_bindgen::{JsCast, JsValue};

/// How a copy went, for the `role=status` line next to the button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyResult {
    /// The text is on the clipboard.
    Copied,
    /// The text is selected on the page; Ctrl+C copies it.
    Selected,
    /// Neither worked: the user has to select the text themselves.
    Failed,
}

impl CopyResult {
    pub fn message_sv(self) -> &'static str {
        match self {
            CopyResult::Copied => "Texten är kopierad.",
            CopyResult::Selected => "Texten är markerad – tryck Ctrl+C.",
            CopyResult::Failed => "Texten kunde inte kopieras. Markera den och tryck Ctrl+C.",
        }
    }
}

/// Copy `text` to the clipboard. `shown` is the element on the page holding the same text
/// (a read-only `<textarea>`, or any element): it is what gets selected when the Clipboard
/// API is missing or refuses. `done` hears how it went, once.
pub fn copy_text(
    text: &str,
    shown: Option<web_sys::Element>,
    done: impl Fn(CopyResult) + Clone + 'static,
) {
    let fallback = {
        let done = done.clone();
        move || done(select_and_copy(shown.as_ref()))
    };
    let Some(promise) = write_clipboard(text) else {
        return fallback();
    };
    let then = js_sys::Reflect::get(&promise, &JsValue::from_str("then"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(then) = then else {
        return fallback();
    };
    let ok =
        wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| done(CopyResult::Copied));
    let failed = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| fallback());
    let _ = then.call2(&promise, &ok, &failed);
}

/// Select what `element` shows and try the old copy command; a closed `<details>` around
/// it is opened first so the user sees the selection.
fn select_and_copy(element: Option<&web_sys::Element>) -> CopyResult {
    let Some(element) = element else {
        return CopyResult::Failed;
    };
    if let Ok(Some(details)) = element.closest("details") {
        let _ = details.set_attribute("open", "");
    }
    if select(element).is_err() {
        return CopyResult::Failed;
    }
    if exec_copy() {
        CopyResult::Copied
    } else {
        CopyResult::Selected
    }
}

fn get(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
}

fn method(target: &JsValue, name: &str) -> Option<js_sys::Function> {
    get(target, name).ok()?.dyn_into::<js_sys::Function>().ok()
}

/// `navigator.clipboard.writeText(text)`, if the browser offers it.
fn write_clipboard(text: &str) -> Option<JsValue> {
    let navigator = get(&leptos::prelude::window(), "navigator").ok()?;
    let clipboard = get(&navigator, "clipboard").ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    method(&clipboard, "writeText")?
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()
}

/// A text field's own `select()` (after focusing it, so Ctrl+C applies to it), or
/// `getSelection().selectAllChildren(element)` for any other element.
fn select(element: &web_sys::Element) -> Result<(), JsValue> {
    if let Some(select) = method(element, "select") {
        if let Some(focus) = method(element, "focus") {
            focus.call0(element)?;
        }
        select.call0(element)?;
        return Ok(());
    }
    let window = leptos::prelude::window();
    let selection = method(&window, "getSelection")
        .ok_or(JsValue::NULL)?
        .call0(&window)?;
    method(&selection, "selectAllChildren")
        .ok_or(JsValue::NULL)?
        .call1(&selection, element)?;
    Ok(())
}

/// `document.execCommand('copy')`: deprecated, but the only way to copy without the
/// Clipboard API. False where the browser refuses or lacks it.
fn exec_copy() -> bool {
    let document = leptos::prelude::document();
    method(&document, "execCommand")
        .and_then(|exec| exec.call1(&document, &JsValue::from_str("copy")).ok())
        .and_then(|result| result.as_bool())
        .unwrap_or(false)
}
