//! The browser's `sessionStorage` and `localStorage` as a [`Store`]: the one place that
//! touches them. Every call is guarded: reading the `sessionStorage`/`localStorage`
//! property throws where storage is blocked, and each method may throw (disabled, or
//! `QuotaExceededError` when full). A failure is a [`StorageError`], never a panic.
//!
//! The staff details (`components::staff_details`) read and write their one key through
//! gloo-storage after the same availability check; here `web_sys::Storage` is called
//! directly, because gloo-storage's `delete`, `length` and key listing panic rather than
//! return an error when the browser throws.

use wasm_bindgen::{JsCast, JsValue};

use super::{StorageError, Store};

/// Which of the browser's two storages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebStore {
    /// `sessionStorage`: this tab only, gone when it closes.
    Session,
    /// `localStorage`: this browser, until removed.
    Local,
}

impl WebStore {
    fn storage(self) -> Result<web_sys::Storage, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        let storage = match self {
            WebStore::Session => window.session_storage(),
            WebStore::Local => window.local_storage(),
        };
        storage.ok().flatten().ok_or(StorageError::Unavailable)
    }
}

/// A thrown `QuotaExceededError` (a `DOMException`) is "full"; anything else "unavailable".
fn error_of(thrown: JsValue) -> StorageError {
    let name = js_sys::Reflect::get(&thrown, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string());
    let quota = name.as_deref() == Some("QuotaExceededError")
        || name.as_deref() == Some("NS_ERROR_DOM_QUOTA_REACHED")
        || thrown
            .dyn_ref::<js_sys::Object>()
            .and_then(|o| js_sys::Reflect::get(o, &JsValue::from_str("code")).ok())
            .and_then(|code| code.as_f64())
            == Some(22.0);
    if quota {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}

impl Store for WebStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage()?.get_item(key).map_err(error_of)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage()?.set_item(key, value).map_err(error_of)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage()?.remove_item(key).map_err(error_of)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let storage = self.storage()?;
        let length = storage.length().map_err(error_of)?;
        let mut keys = Vec::new();
        for index in 0..length {
            if let Some(key) = storage.key(index).map_err(error_of)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
