//! The page's address: each view has its own fragment (`#/läget`, `#/tidslinje`, …), so the
//! browser's back and forward buttons move between views and a trainer can link to one, and
//! a training case can be shared as a link whose case sits in the fragment
//! (`#/fall/<base64url of the case's JSON>`).
//!
//! A fragment never leaves the browser (it is not sent to the server), but an address is
//! kept in the history and pasted into chats and e-mail: so a view's address carries nothing
//! of the case, and a case is only put in a link when it has no names or personnummer
//! (`personal_data`). Opening such a link reads it with the same reader and checks as a
//! file (`case_editor::files`), lists every problem, and replaces the address with the
//! view's, so the case does not stay in the address bar.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::{AppState, View};

/// The fragment of a shared case, before its data.
pub const CASE_PREFIX: &str = "/fall/";

/// The longest case link Insyn makes: the fragment's characters. Links this long still pass
/// through e-mail, chat and intranet pages unbroken; a case that needs more is shared as a
/// file. The training cases need between 1 000 and 3 000.
pub const MAX_LINK_FRAGMENT_CHARS: usize = 8_000;

/// A view's fragment, without the `#`: `/läget`, `/vilken-åtgärd`, …
pub fn view_fragment(view: View) -> &'static str {
    match view {
        View::Situation => "/läget",
        View::Decide => "/vilken-åtgärd",
        View::Documents => "/dokument",
        View::Timeline => "/tidslinje",
        View::Compare => "/jämför",
        View::GuardianView => "/vad-ser-vårdnadshavaren",
        View::Support => "/supporten",
        View::RuleSets => "/regelverk",
        View::Training => "/utbildning",
    }
}

/// What a fragment (decoded, without the `#`) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// No fragment: the first view.
    Start,
    View(View),
    /// A shared case; the text after `CASE_PREFIX`.
    Case(String),
    /// Something else (e.g. `#main`, the skip link's target): the view stays.
    Other,
}

impl Address {
    pub fn parse(fragment: &str) -> Address {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if fragment.is_empty() || fragment == "/" {
            return Address::Start;
        }
        if let Some(data) = fragment.strip_prefix(CASE_PREFIX) {
            return Address::Case(data.to_string());
        }
        let fragment = fragment.trim_end_matches('/');
        View::ALL
            .into_iter()
            .find(|view| view_fragment(*view) == fragment)
            .map_or(Address::Other, Address::View)
    }

    /// The view the address shows, if it names one.
    fn view(&self) -> Option<View> {
        match self {
            Address::Start => Some(View::Situation),
            Address::View(view) => Some(*view),
            _ => None,
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a fragment as it is.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// The bytes of base64url text (padding allowed, never required); `None` if it is not.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=').as_bytes();
    if text.len() % 4 == 1 {
        return None;
    }
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

/// The fragment of a link to `case` (`/fall/…`, without the `#`): its JSON, without
/// indentation, as base64url. The caller checks first that it holds no personal data.
pub fn case_fragment(case: &insyn_engine::Case) -> String {
    // A case always serialises (see `Case::to_json_pretty`).
    let json = serde_json::to_vec(case).unwrap_or_default();
    format!("{CASE_PREFIX}{}", base64url_encode(&json))
}

/// The current fragment, decoded (`#/l%C3%A4get` reads `#/läget`), without the `#`.
fn current_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    js_sys::decode_uri_component(hash)
        .ok()
        .and_then(|decoded| decoded.as_string())
        .unwrap_or_else(|| hash.to_string())
}

/// The page's address without its fragment: where a shared link points.
pub fn page_address() -> String {
    let href = window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_string(),
        None => href,
    }
}

/// Replace the address's fragment without a new history entry (and without `hashchange`).
fn replace_fragment(fragment: &str) {
    let history = window().history();
    if let Ok(history) = history {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Add a history entry whose address has `fragment` (without the `#`); the page does not
/// scroll, and no `hashchange` is fired.
fn push_fragment(fragment: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Keep the view and the address in step, for the page's lifetime: the address's view is
/// shown on load and on back/forward; choosing a view adds a history entry; a shared case in
/// the address is opened with `open_case` (which reports on its own), and the address then
/// shows the view instead.
pub fn follow(state: AppState, open_case: impl Fn(&str) + Clone + 'static) {
    let arrive = move || {
        let address = Address::parse(&current_fragment());
        if let Address::Case(data) = &address {
            open_case(data);
            replace_fragment(view_fragment(state.view.get_untracked()));
        } else if let Some(view) = address.view() {
            if state.view.get_untracked() != view {
                state.view.set(view);
            }
        }
    };
    arrive();
    // Back and forward between the entries `follow` adds fire `popstate` (and `hashchange`,
    // as the fragments differ); a fragment typed or linked fires `hashchange`. Hearing both
    // is harmless: `arrive` does nothing when the view already matches, and a case link is
    // replaced by the view's address the first time.
    let on_change = arrive.clone();
    let changed = window_event_listener(leptos::ev::hashchange, move |_| on_change());
    let traversed = window_event_listener(leptos::ev::popstate, move |_| arrive());
    on_cleanup(move || {
        changed.remove();
        traversed.remove();
    });
    // A view chosen in the page: a new history entry, unless the address already shows it.
    // Added with `pushState`, not by setting `location.hash`: a new hash is a navigation
    // the browser handles on the spot (looking for the fragment's element and laying the
    // page out to scroll to it), measured at 8 ms of main-thread work after every switch
    // to "Tidslinje" on a 40-measure case. And it is added once the view's first frame is
    // drawn: the address bar need not change in the same frame.
    // The write is skipped if the address changed meanwhile: a back or forward press in
    // that gap is the user's newer choice (its event sets the view), and writing the
    // older view's fragment over it would add an entry and undo the press.
    Effect::new(move |_| {
        let view = state.view.get();
        let fragment_then = current_fragment();
        crate::components::after_next_frame(move || {
            let fragment_now = current_fragment();
            if fragment_now == fragment_then
                && state.view.try_get_untracked() == Some(view)
                && Address::parse(&fragment_now).view() != Some(view)
            {
                push_fragment(view_fragment(view));
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_its_own_address_and_reads_back_as_itself() {
        let mut seen = Vec::new();
        for view in View::ALL {
            let fragment = view_fragment(view);
            assert!(!seen.contains(&fragment), "{fragment} twice");
            seen.push(fragment);
            assert_eq!(Address::parse(fragment), Address::View(view));
            assert_eq!(Address::parse(&format!("#{fragment}")), Address::View(view));
        }
        assert_eq!(Address::parse(""), Address::Start);
        assert_eq!(Address::parse("#"), Address::Start);
        assert_eq!(Address::parse("#main"), Address::Other);
        assert_eq!(Address::parse("#/fall/eyJ9"), Address::Case("eyJ9".into()));
    }

    #[test]
    fn base64url_reads_back_every_length_and_refuses_other_text() {
        for length in 0..40 {
            let bytes: Vec<u8> = (0..length).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url_encode(&bytes);
            assert!(text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(base64url_decode(&text), Some(bytes));
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url_decode("TWE="), Some(b"Ma".to_vec()));
        assert_eq!(base64url_decode("a"), None);
        assert_eq!(base64url_decode("ab+/"), None);
        assert_eq!(base64url_decode("å"), None);
    }

    #[test]
    fn every_training_case_without_names_fits_in_a_link_and_reads_back() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for training_case in crate::training_cases::TRAINING_CASES {
            let case = crate::personal_data::without_personal_data(&training_case.case(), today);
            let fragment = case_fragment(&case);
            assert!(
                fragment.chars().count() <= MAX_LINK_FRAGMENT_CHARS,
                "{}: {} characters",
                training_case.id,
                fragment.len()
            );
            let Address::Case(data) = Address::parse(&fragment) else {
                panic!("{fragment}")
            };
            let bytes = base64url_decode(&data).unwrap();
            assert_eq!(insyn_engine::Case::from_bytes(&bytes), Ok(case));
        }
    }
}
