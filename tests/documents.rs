//! "Dokument" in a browser: the document for a measure of the case, what it lacks, "Dina
//! uppgifter" (and remembering them), and copying where the Clipboard API is missing. Run with
//! `cargo test --target wasm32-unknown-unknown -p insyn --test documents`.
//!
//! The only personnummer is Skatteverket's test number 20170101-2393 (in the training case);
//! a wrong one is made from it at run time.

#![cfg(target_arch = "wasm32")]

use insyn::components::documents::DocumentsView;
use insyn::components::staff_details::{self, STORAGE_KEY};
use insyn::training_cases::training_case;
use insyn_engine::guidance::{reminders_for, request_route};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, settle, Page};

/// "Dokument" for the training case where one guardian (Peter Test, vh2) is blocked, in
/// VGR, on 2026-11-23. The case gives the child's personnummer but not Peter's.
impl Page {
    async fn open() -> Page {
        Page::open_with(move || {
            let case = training_case("one-guardian-risk-blocking").expect("built-in case");
            let state = insyn::provide_app_state(date(2026, 11, 23), case);
            state.date.set(date(2026, 11, 23));
            (state, view! { <DocumentsView/> })
        })
        .await
    }

    fn document(&self) -> String {
        self.text("[data-testid=document]")
    }

    async fn type_into(&self, selector: &str, value: &str) {
        let input = self.get(selector);
        js_sys::Reflect::set(&input, &"value".into(), &value.into()).unwrap();
        fire(&input, "input");
        settle().await;
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.container.remove();
    }
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn the_request_for_the_example_blocking_names_the_child_the_guardian_and_the_form() {
    let page = Page::open().await;
    let rule_set = page.state.rule_set.get_untracked().unwrap();
    let kind = page
        .state
        .case
        .with_untracked(|case| case.measure("blockering-vh2").unwrap().kind.clone());
    let form = request_route(rule_set, &kind)
        .and_then(|route| route.form)
        .expect("VGR names a form for a blocking");

    assert_eq!(
        page.get("[data-testid=doc-measure]")
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value(),
        "blockering-vh2",
        "the only measure is chosen"
    );
    assert_eq!(page.text("[data-testid=doc-title]"), form);
    let document = page.document();
    assert!(document.contains("Barnets namnElsa Test"), "{document}");
    assert!(
        document.contains("Barnets personnummer20170101-2393"),
        "{document}"
    );
    assert!(document.contains("Blockering av Peter Test"), "{document}");
    assert!(
        document.contains("Vårdnadshavarens namnPeter Test"),
        "{document}"
    );
    let footer = page.text("[data-testid=doc-footer]");
    assert!(
        footer.starts_with("En vårdnadshavare utgör risk: blockering · 2026-11-23 · "),
        "{footer}"
    );
    assert!(
        footer.contains(&format!("(version {})", rule_set.version)),
        "{footer}"
    );
    assert!(
        !page.all_text("[data-testid=doc-sources] code").is_empty(),
        "the sources are shown"
    );
    // The reminders for a blocking are part of the request.
    assert!(document.contains("Att tänka på"), "{document}");
    for reminder in reminders_for(rule_set, &kind) {
        assert!(document.contains(&reminder.text_sv), "{}", reminder.text_sv);
    }
}

#[wasm_bindgen_test]
async fn a_missing_personnummer_is_marked_in_the_document_and_listed_above_it() {
    let page = Page::open().await;
    let marked = page.all_text("[data-testid=document] [data-testid=missing-value]");
    assert!(
        marked.contains(&"[saknas: personnummer för Peter Test]".to_string()),
        "{marked:?}"
    );
    let listed = page.all_text("[data-testid=doc-missing] li");
    assert!(
        listed.contains(&"personnummer för Peter Test".to_string()),
        "{listed:?}"
    );
    let list = page.get("[data-testid=doc-missing]");
    let document = page.get("[data-testid=document]");
    assert!(
        list.compare_document_position(&document) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0,
        "the list of what is missing comes before the document"
    );
}

#[wasm_bindgen_test]
async fn ostergotlands_request_has_no_personnummer_but_says_they_are_given_by_phone() {
    let page = Page::open().await;
    page.state
        .case
        .update(|case| case.region = "ostergotland".into());
    settle().await;

    let document = page.document();
    assert!(!document.contains("20170101-2393"), "{document}");
    assert!(
        !document.contains("personnummer för Peter Test"),
        "{document}"
    );
    assert!(document.contains("per telefon"), "{document}");
    assert!(
        !page
            .all_text("[data-testid=doc-missing] li")
            .iter()
            .any(|m| m.contains("personnummer")),
        "a personnummer the request must not carry is not missing"
    );
}

#[wasm_bindgen_test]
async fn staff_details_typed_appear_in_the_document() {
    let page = Page::open().await;
    assert!(page.document().contains("[saknas: ditt namn]"));

    page.type_into("[data-testid=staff-name]", "Anna Andersson")
        .await;
    page.type_into("[data-testid=staff-email]", "anna@example.org")
        .await;

    let document = page.document();
    assert!(document.contains("NamnAnna Andersson"), "{document}");
    assert!(document.contains("E-postanna@example.org"), "{document}");
    assert!(!document.contains("[saknas: ditt namn]"), "{document}");
    assert!(!page
        .all_text("[data-testid=doc-missing] li")
        .contains(&"ditt namn".to_string()));
    page.state.staff.with_untracked(|staff| {
        assert_eq!(staff.name.as_deref(), Some("Anna Andersson"));
    });
}

#[wasm_bindgen_test]
async fn remembered_details_are_only_the_staff_members_and_forgetting_clears_storage() {
    local_storage().remove_item(STORAGE_KEY).unwrap();
    let page = Page::open().await;
    page.type_into("[data-testid=staff-name]", "Anna Andersson")
        .await;
    assert_eq!(
        local_storage().get_item(STORAGE_KEY).unwrap(),
        None,
        "nothing is stored before the user asks"
    );

    page.click("[data-testid=staff-remember]").await;
    let stored = local_storage()
        .get_item(STORAGE_KEY)
        .unwrap()
        .expect("stored");
    assert!(stored.contains("Anna Andersson"), "{stored}");
    assert!(
        !stored.contains("Elsa") && !stored.contains("Peter"),
        "{stored}"
    );
    // Later edits are remembered too, and read back at the next start.
    page.type_into("[data-testid=staff-role]", "Kurator").await;
    let back = staff_details::remembered().expect("read back");
    assert_eq!(back.role.as_deref(), Some("Kurator"));

    page.click("[data-testid=staff-forget]").await;
    assert_eq!(local_storage().get_item(STORAGE_KEY).unwrap(), None);
    assert_eq!(staff_details::remembered(), None);
    let checkbox: web_sys::HtmlInputElement =
        page.get("[data-testid=staff-remember]").unchecked_into();
    assert!(!checkbox.checked());
    let name: web_sys::HtmlInputElement = page.get("[data-testid=staff-name]").unchecked_into();
    assert_eq!(name.value(), "");
    assert!(page.document().contains("[saknas: ditt namn]"));
    assert!(page
        .text("[data-testid=staff-status]")
        .contains("borttagna"));
}

#[wasm_bindgen_test]
async fn copying_falls_back_to_selecting_the_text_when_the_clipboard_api_is_missing() {
    let page = Page::open().await;
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).unwrap();
    // As on a plain-http intranet host: no navigator.clipboard.
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"value".into(), &JsValue::UNDEFINED).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    let object: &js_sys::Object = navigator.unchecked_ref();
    js_sys::Object::define_property(object, &"clipboard".into(), &descriptor);

    page.click("[data-testid=doc-copy]").await;

    let status = page.text("[data-testid=doc-copy-status]");
    let plain: web_sys::HtmlTextAreaElement =
        page.get("[data-testid=doc-plain-text]").unchecked_into();
    // Restore the browser's own clipboard before asserting.
    js_sys::Reflect::delete_property(object, &"clipboard".into()).unwrap();

    assert!(
        status == "Texten är markerad – tryck Ctrl+C." || status == "Texten är kopierad.",
        "{status}"
    );
    let text = plain.value();
    assert!(text.contains("Blockering av Peter Test"), "{text}");
    assert!(
        text.contains("[saknas: personnummer för Peter Test]"),
        "{text}"
    );
    let active = leptos::prelude::document().active_element().unwrap();
    assert_eq!(active.id(), "doc-plain-text", "the text is focused");
    assert_eq!(plain.selection_start().unwrap(), Some(0));
    assert_eq!(
        plain.selection_end().unwrap(),
        Some(text.encode_utf16().count() as u32),
        "all of it is selected"
    );
    assert!(
        page.get(".doc-plain").has_attribute("open"),
        "the selected text is shown"
    );
}

#[wasm_bindgen_test]
async fn a_case_without_measures_asks_for_one_first() {
    let page = Page::open().await;
    page.state.case.update(|case| case.measures.clear());
    settle().await;
    assert!(page.find("[data-testid=document]").is_none());
    assert!(page
        .text("[data-testid=documents-empty]")
        .contains("Lägg till en åtgärd först – eller använd Vilken åtgärd?"));
}

#[wasm_bindgen_test]
async fn an_invalid_case_shows_no_document_and_says_why() {
    let page = Page::open().await;
    let number = "20170101-2393";
    let last = number.chars().last().unwrap().to_digit(10).unwrap();
    let wrong = format!("{}{}", &number[..number.len() - 1], (last + 1) % 10);
    page.state
        .case
        .update(|case| case.child.identity_number = Some(wrong));
    settle().await;
    assert!(page.find("[data-testid=document]").is_none());
    let message = page.text("[data-testid=documents-invalid]");
    assert!(
        message.starts_with("Dokumentet kan inte tas fram"),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn each_kind_of_document_is_one_click_away() {
    let page = Page::open().await;
    page.click("[data-testid=doc-kind-note]").await;
    assert_eq!(
        page.get("[data-testid=doc-kind-note]")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert!(page
        .document()
        .contains("Vilken åtgärdBlockering av Peter Test"));
    page.click("[data-testid=doc-kind-phone]").await;
    assert!(page
        .text("[data-testid=doc-title]")
        .starts_with("Telefonlista"));
    page.click("[data-testid=doc-kind-answer]").await;
    assert!(page.document().contains("blockerad"));
    assert!(
        !page.all_text("[data-testid=doc-caution]").is_empty(),
        "the changed wording is a caution"
    );
}
