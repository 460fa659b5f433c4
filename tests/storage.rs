//! The work in the browser, as components: this tab's copy of the open case (without names
//! unless ticked), saving and opening a case, a value from an earlier version or a damaged
//! one on start, the question before a case with unsaved changes is replaced, and "Rensa
//! allt". Run with `cargo test --target wasm32-unknown-unknown -p insyn --test storage`.
//!
//! The rules themselves are tested natively (`src/storage/tests.rs`).

#![cfg(target_arch = "wasm32")]

use insyn::components::case_editor::{CaseEditor, TrainingCasePicker};
use insyn::components::saved_cases::{
    provide_browser_storage, ClearAllButton, ReplaceCaseDialog, SavedCasesPanel,
};
use insyn::personal_data::without_personal_data;
use insyn::storage::SESSION_KEY;
use insyn::training_cases::{example_case, training_case};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, settle, Page};

fn session_storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn keys(storage: &web_sys::Storage) -> Vec<String> {
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .collect()
}

/// Every Insyn key out of both storages, so each test starts as a fresh tab would.
fn clear_insyn_keys() {
    for storage in [session_storage(), local_storage()] {
        for key in keys(&storage) {
            if key.starts_with("insyn.") {
                storage.remove_item(&key).unwrap();
            }
        }
    }
}

/// The case panel with the storage section, the header's "Rensa allt" and the question,
/// as on the page, on 2026-11-23 with the example case (Alva Exempel; Sara and Johan).
impl Page {
    /// Opens the page on whatever the storages hold now.
    async fn open() -> Page {
        Page::open_with(move || {
            let state = insyn::provide_app_state(date(2026, 11, 23), example_case());
            provide_browser_storage(state);
            (
                state,
                view! {
                    <ClearAllButton/>
                    <TrainingCasePicker/>
                    <SavedCasesPanel/>
                    <CaseEditor/>
                    <ReplaceCaseDialog/>
                },
            )
        })
        .await
    }

    async fn type_into(&self, selector: &str, value: &str) {
        let element = self.get(selector);
        js_sys::Reflect::set(&element, &"value".into(), &value.into()).unwrap();
        fire(&element, "input");
        settle().await;
    }

    fn child_name(&self) -> Option<String> {
        self.state.case.with_untracked(|c| c.child.name.clone())
    }

    /// The question before replacing the case, if it is open.
    fn question(&self) -> Option<String> {
        self.find("[data-testid=replace-dialog][open]")
            .map(|d| d.text_content().unwrap_or_default())
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// The tab's copy once `ready` holds for it: it is written once the edit's frame is drawn.
async fn session_copy(ready: impl Fn(&str) -> bool) -> String {
    for _ in 0..100 {
        if let Some(copy) = session_storage().get_item(SESSION_KEY).unwrap() {
            if ready(&copy) {
                return copy;
            }
        }
        support::sleep(20).await;
    }
    panic!(
        "the tab's copy is not as expected: {:?}",
        session_storage().get_item(SESSION_KEY).unwrap()
    )
}

#[wasm_bindgen_test]
async fn the_tab_keeps_its_copy_of_an_edited_case_without_names_unless_ticked() {
    clear_insyn_keys();
    let page = Page::open().await;
    assert_eq!(
        session_storage().get_item(SESSION_KEY).unwrap(),
        None,
        "the page as it starts stores nothing"
    );

    page.type_into("[data-testid=child-name]", "Testbarn Testsson")
        .await;
    let copy = session_copy(|_| true).await;
    assert!(copy.contains("\"schema_version\":1"), "{copy}");
    for name in ["Testbarn", "Sara Exempel", "Johan Exempel"] {
        assert!(!copy.contains(name), "{name} in {copy}");
    }

    page.tick("[data-testid=keep-names]", true).await;
    let copy = session_copy(|copy| copy.contains("\"keep_names\":true")).await;
    assert!(copy.contains("Testbarn Testsson"), "{copy}");
    assert!(copy.contains("\"keep_names\":true"), "{copy}");

    page.tick("[data-testid=keep-names]", false).await;
    let copy = session_copy(|copy| copy.contains("\"keep_names\":false")).await;
    assert!(!copy.contains("Testbarn"), "{copy}");
    assert!(local_storage().get_item(SESSION_KEY).unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_reload_brings_back_the_case_and_says_names_were_not_kept() {
    clear_insyn_keys();
    {
        let first = Page::open().await;
        first
            .state
            .case
            .update(|c| c.title = Some("Före omladdning".into()));
        // Left once the copy is written: whether unmounting a test's page runs the app's
        // end (and its last write) depends on what else holds the page's owner.
        session_copy(|copy| copy.contains("Före omladdning")).await;
    }
    let page = Page::open().await;
    page.state.case.with_untracked(|case| {
        assert_eq!(case.title.as_deref(), Some("Före omladdning"));
        assert_eq!(case.child.name, None);
        assert_eq!(
            *case,
            without_personal_data(
                &{
                    let mut c = example_case().case();
                    c.title = Some("Före omladdning".into());
                    c
                },
                date(2026, 11, 23)
            )
        );
    });
    assert!(page
        .text("[data-testid=storage-status]")
        .contains("utan namn och personnummer"));
    // The edit is still unsaved after the reload.
    assert!(page.state.has_unsaved_changes());
    assert!(page.find("[data-testid=unsaved-badge]").is_some());
}

#[wasm_bindgen_test]
async fn the_open_case_of_an_earlier_version_is_migrated_on_start() {
    clear_insyn_keys();
    // Version 0: the bare case, as a first prototype kept it.
    let bare = training_case("one-guardian-risk-blocking")
        .unwrap()
        .case()
        .to_json_pretty();
    session_storage().set_item(SESSION_KEY, &bare).unwrap();
    let page = Page::open().await;
    page.state.case.with_untracked(|case| {
        assert_eq!(
            case.title,
            training_case("one-guardian-risk-blocking")
                .unwrap()
                .case()
                .title
        );
        assert_eq!(
            case.child.name, None,
            "names out: nothing said they could be kept"
        );
        assert_eq!(case.child.identity_number, None);
        assert_eq!(case.child.birth_date, Some(date(2017, 1, 1)));
    });
    let rewritten = session_copy(|copy| copy.contains("\"schema_version\":1")).await;
    assert!(rewritten.contains("\"schema_version\":1"), "{rewritten}");
    assert!(!rewritten.contains("Elsa"), "{rewritten}");
}

#[wasm_bindgen_test]
async fn a_damaged_open_case_is_kept_aside_and_offered_for_download_or_deletion() {
    clear_insyn_keys();
    session_storage().set_item(SESSION_KEY, "{ trasig").unwrap();
    let page = Page::open().await;
    assert_eq!(page.child_name().as_deref(), Some("Alva Exempel"));
    let warning = page.text("[data-testid=kept-aside]");
    assert!(warning.contains("kunde inte läsas"), "{warning}");
    assert!(warning.contains("skadade"), "{warning}");
    assert_eq!(
        session_storage()
            .get_item("insyn.kept-aside.current-case")
            .unwrap()
            .as_deref(),
        Some("{ trasig")
    );
    page.click("[data-testid=kept-aside-delete]").await;
    assert!(page.find("[data-testid=kept-aside]").is_none());
    assert_eq!(
        session_storage()
            .get_item("insyn.kept-aside.current-case")
            .unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn a_case_with_unsaved_changes_asks_before_it_is_replaced() {
    clear_insyn_keys();
    let page = Page::open().await;
    // Unchanged: replaced at once.
    page.click("[data-testid=new-case]").await;
    assert!(page.question().is_none());
    assert_eq!(page.child_name(), None);

    page.type_into("[data-testid=child-name]", "Eget barn")
        .await;
    page.click("[data-testid=open-training-case]").await;
    let question = page.question().expect("asked in the page");
    assert!(question.contains("inte är sparade"), "{question}");
    assert!(
        question.contains("övningsfallet ”Vanlig familj utan skyddsåtgärder”"),
        "{question}"
    );
    assert_eq!(
        page.child_name().as_deref(),
        Some("Eget barn"),
        "nothing replaced yet"
    );

    page.click("[data-testid=replace-dialog-cancel]").await;
    assert!(page.question().is_none());
    assert_eq!(page.child_name().as_deref(), Some("Eget barn"));

    page.click("[data-testid=open-training-case]").await;
    page.click("[data-testid=replace-dialog-confirm]").await;
    assert!(page.question().is_none());
    assert_eq!(page.child_name().as_deref(), Some("Alva Exempel"));
    assert!(!page.state.has_unsaved_changes());
}

#[wasm_bindgen_test]
async fn a_saved_case_is_listed_without_names_and_opens_again() {
    clear_insyn_keys();
    let page = Page::open().await;
    page.type_into("[data-testid=saved-label]", "Mitt sparade fall")
        .await;
    page.click("[data-testid=save-case]").await;
    let status = page.text("[data-testid=storage-status]");
    assert!(
        status.contains("”Mitt sparade fall”, utan namn och personnummer"),
        "{status}"
    );
    assert!(!page.state.has_unsaved_changes());
    let saved: Vec<String> = keys(&local_storage())
        .into_iter()
        .filter(|k| k.starts_with("insyn.saved-case."))
        .collect();
    assert_eq!(saved.len(), 1);
    let value = local_storage().get_item(&saved[0]).unwrap().unwrap();
    assert!(
        !value.contains("Alva") && !value.contains("Sara"),
        "{value}"
    );
    let listed = page.text("[data-testid=saved-list]");
    assert!(listed.contains("Mitt sparade fall"), "{listed}");
    assert!(listed.contains("utan namn och personnummer"), "{listed}");

    // Saved, so another case replaces it without a question; then it opens again.
    page.click("[data-testid=new-case]").await;
    assert!(page.question().is_none());
    let id = saved[0].trim_start_matches("insyn.saved-case.");
    page.click(&format!("[data-testid=open-saved-{id}]")).await;
    assert!(page.question().is_none());
    page.state.case.with_untracked(|case| {
        assert_eq!(
            *case,
            without_personal_data(&example_case().case(), date(2026, 11, 23))
        );
    });
    assert!(page
        .text("[data-testid=save-case]")
        .contains("Spara ändringarna"));
}

#[wasm_bindgen_test]
async fn rensa_allt_asks_and_then_removes_every_insyn_key_and_starts_over() {
    clear_insyn_keys();
    local_storage()
        .set_item("insyn.staff-details", r#"{"name":"Anna"}"#)
        .unwrap();
    local_storage().set_item("någon-annans", "kvar").unwrap();
    let page = Page::open().await;
    page.type_into("[data-testid=child-name]", "Ska bort").await;
    page.click("[data-testid=save-case]").await;
    assert!(keys(&local_storage()).len() >= 3);

    page.click("[data-testid=clear-all]").await;
    assert!(page.find("[data-testid=clear-all-dialog][open]").is_some());
    page.click("[data-testid=clear-all-dialog-confirm]").await;
    assert!(page.find("[data-testid=clear-all-dialog][open]").is_none());

    let left: Vec<String> = keys(&local_storage())
        .into_iter()
        .chain(keys(&session_storage()))
        .filter(|k| k.starts_with("insyn."))
        .collect();
    assert_eq!(left, Vec::<String>::new());
    assert_eq!(
        local_storage().get_item("någon-annans").unwrap().as_deref(),
        Some("kvar")
    );
    local_storage().remove_item("någon-annans").unwrap();
    assert_eq!(page.child_name().as_deref(), Some("Alva Exempel"));
    assert!(page
        .text("[data-testid=storage-status]")
        .contains("är raderat"));
    assert!(page.find("[data-testid=saved-empty]").is_some());
}

#[wasm_bindgen_test]
async fn removing_a_saved_case_asks_and_leaves_the_open_case_alone() {
    clear_insyn_keys();
    let page = Page::open().await;
    page.click("[data-testid=save-case]").await;
    let key = keys(&local_storage())
        .into_iter()
        .find(|k| k.starts_with("insyn.saved-case."))
        .expect("saved");
    let id = key.trim_start_matches("insyn.saved-case.").to_string();
    assert!(!page.state.has_unsaved_changes());

    page.click(&format!("[data-testid=remove-saved-{id}]"))
        .await;
    let question = page
        .find("[data-testid=remove-saved-dialog][open]")
        .expect("asked first")
        .text_content()
        .unwrap_or_default();
    assert!(
        question.contains("Det öppna fallet på sidan ändras inte"),
        "{question}"
    );
    page.click("[data-testid=remove-saved-dialog-cancel]").await;
    assert!(local_storage().get_item(&key).unwrap().is_some());

    page.click(&format!("[data-testid=remove-saved-{id}]"))
        .await;
    page.click("[data-testid=remove-saved-dialog-confirm]")
        .await;
    assert_eq!(local_storage().get_item(&key).unwrap(), None);
    assert!(page.find("[data-testid=saved-empty]").is_some());
    assert_eq!(page.child_name().as_deref(), Some("Alva Exempel"));
    // Saved nowhere now: the case counts as unsaved again.
    assert!(page.state.has_unsaved_changes());
}
