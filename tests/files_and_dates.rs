//! Date fields that cannot be read, case files read as bytes, export with or without names,
//! and shared links, in a browser. Run with
//! `cargo test --target wasm32-unknown-unknown -p insyn --test files_and_dates`.
//!
//! A test cannot make a date input's `validity.badInput` true (a script that sets an
//! impossible value gets an empty field), so the impossible days typed by keyboard are
//! tested end to end (e2e/dates.test.mjs); here, the years outside 1900–2100 a half-typed
//! year gives.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use insyn::address::{base64url_encode, case_fragment, follow, CASE_PREFIX};
use insyn::components::access_matrix::AccessMatrix;
use insyn::components::case_editor::{
    open_shared_case, CaseEditor, ErrorSummary, Status, TrainingCasePicker,
};
use insyn::components::date_chooser::DateChooser;
use insyn::state::View;
use insyn::training_cases::{example_case, training_case};
use insyn_engine::Case;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, settle, sleep, Page};

/// The case panel, the error summary, the date chooser and the matrix, on 2026-06-01 with
/// the example case (child born 2015-05-10, guardians vh1 and vh2, VGR).
impl Page {
    async fn open() -> Page {
        Page::open_with(move || {
            let state = insyn::provide_app_state(date(2026, 6, 1), example_case());
            (
                state,
                view! {
                    <ErrorSummary/>
                    <TrainingCasePicker/>
                    <CaseEditor/>
                    <DateChooser/>
                    <AccessMatrix/>
                },
            )
        })
        .await
    }

    /// Put `value` in the field at `path` and fire `event`, as the browser does.
    async fn set(&self, path: &str, value: &str, event: &str) {
        let field = self.field(path);
        field.set_value(value);
        fire(&field, event);
        settle().await;
    }

    fn error_next_to(&self, path: &str) -> String {
        let id = self
            .field(path)
            .get_attribute("aria-describedby")
            .expect("the field names its error line");
        let first = id.split_whitespace().next().unwrap().to_string();
        self.text(&format!("[id=\"{first}\"]"))
    }

    fn summary(&self) -> Option<String> {
        self.find("[data-testid=error-summary]")
            .map(|s| s.text_content().unwrap_or_default())
    }

    fn incomplete(&self) -> Option<String> {
        self.find("[data-testid=answer-incomplete]")
            .map(|s| s.text_content().unwrap_or_default())
    }

    fn status(&self) -> String {
        self.text("[data-testid=case-file-status]")
    }

    /// Choose a file of `bytes` in "Öppna fil…", as a user would, and wait for it to be read.
    async fn open_file(&self, name: &str, bytes: &[u8]) {
        let input = self.get("[data-testid=open-case-file]");
        let global = js_sys::global();
        let construct = |name: &str, args: &js_sys::Array| {
            let constructor: js_sys::Function = js_sys::Reflect::get(&global, &name.into())
                .unwrap()
                .unchecked_into();
            js_sys::Reflect::construct(&constructor, args).unwrap()
        };
        let data = js_sys::Uint8Array::from(bytes);
        let file = construct(
            "File",
            &js_sys::Array::of2(&js_sys::Array::of1(&data), &name.into()),
        );
        let transfer = construct("DataTransfer", &js_sys::Array::new());
        let items = js_sys::Reflect::get(&transfer, &"items".into()).unwrap();
        let add: js_sys::Function = js_sys::Reflect::get(&items, &"add".into())
            .unwrap()
            .unchecked_into();
        add.call1(&items, &file).unwrap();
        let files = js_sys::Reflect::get(&transfer, &"files".into()).unwrap();
        js_sys::Reflect::set(&input, &"files".into(), &files).unwrap();
        let before = self.status();
        fire(&input, "change");
        for _ in 0..40 {
            sleep(25).await;
            leptos::task::tick().await;
            if self.status() != before {
                break;
            }
        }
        settle().await;
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.container.remove();
    }
}

// ---- Dates ----

#[wasm_bindgen_test]
async fn a_year_typed_digit_by_digit_is_never_stored_and_the_field_names_the_year() {
    let page = Page::open().await;
    // The browser's value after each digit of "2014" typed over the year of 2015-05-10.
    for (value, year) in [
        ("0002-05-10", "2"),
        ("0020-05-10", "20"),
        ("0201-05-10", "201"),
    ] {
        page.set("child.birth_date", value, "input").await;
        let message = page.error_next_to("child.birth_date");
        assert!(
            message.contains(&format!("Året {year} går inte att använda")),
            "{message}"
        );
        assert!(page.summary().unwrap().contains("Barnet, födelsedatum"));
        assert!(
            page.incomplete().is_some(),
            "the matrix says it may be incomplete"
        );
        page.state.case.with_untracked(|case| {
            assert_eq!(case.child.birth_date, Some(date(2015, 5, 10)), "{value}");
        });
        assert!(page.find("[data-testid=access-matrix]").is_some());
    }
    page.set("child.birth_date", "2014-05-10", "input").await;
    page.state.case.with_untracked(|case| {
        assert_eq!(case.child.birth_date, Some(date(2014, 5, 10)));
    });
    assert_eq!(page.error_next_to("child.birth_date"), "");
    assert!(page.summary().is_none());
    assert!(page.incomplete().is_none());
}

#[wasm_bindgen_test]
async fn an_unreadable_optional_date_is_reported_on_change_and_the_case_is_kept() {
    let page = Page::open().await;
    page.set("guardians[1].registered.to", "0202-04-30", "change")
        .await;
    assert!(page
        .error_next_to("guardians[1].registered.to")
        .contains("mellan 1900 och 2100"));
    assert_eq!(
        page.field("guardians[1].registered.to")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    let incomplete = page.incomplete().expect("the matrix says so");
    assert!(
        incomplete.contains("Vårdnadshavare 2 (Johan Exempel), vårdnadshavare, t.o.m."),
        "{incomplete}"
    );
    page.state
        .case
        .with_untracked(|case| assert_eq!(case.guardians[1].registered.to, None));

    // Emptied, an optional date is simply open-ended.
    page.set("guardians[1].registered.to", "", "change").await;
    assert_eq!(page.error_next_to("guardians[1].registered.to"), "");
    assert!(page.incomplete().is_none());
    assert!(page.summary().is_none());
}

#[wasm_bindgen_test]
async fn the_asked_date_keeps_its_last_whole_date_while_a_year_is_typed() {
    let page = Page::open().await;
    page.set("date", "0002-06-01", "input").await;
    assert_eq!(page.state.date.get_untracked(), date(2026, 6, 1));
    assert!(page.text("#asked-date-error").contains("Året 2"));
    assert!(page.incomplete().unwrap().contains("Visa läget den"));
    page.set("date", "2027-06-01", "input").await;
    assert_eq!(page.state.date.get_untracked(), date(2027, 6, 1));
    assert_eq!(page.text("#asked-date-error"), "");
    assert!(page.incomplete().is_none());
}

#[wasm_bindgen_test]
async fn a_key_press_that_changes_nothing_writes_nothing() {
    let page = Page::open().await;
    let writes = Rc::new(std::cell::Cell::new(0));
    let counted = writes.clone();
    let state = page.state;
    Effect::new(move |_| {
        state.case.track();
        state.input_errors.track();
        counted.set(counted.get() + 1);
    });
    settle().await;
    let before = writes.get();
    let field = page.field("child.birth_date");
    for event in ["keyup", "blur", "keyup"] {
        fire(&field, event);
        settle().await;
    }
    assert_eq!(
        writes.get(),
        before,
        "reading an unchanged field writes nothing"
    );
}

// ---- Files ----

fn example_json() -> String {
    training_case("one-guardian-risk-blocking")
        .unwrap()
        .case()
        .to_json_pretty()
}

#[wasm_bindgen_test]
async fn a_case_file_with_a_byte_order_mark_opens() {
    let page = Page::open().await;
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(example_json().as_bytes());
    page.open_file("med-bom.json", &bytes).await;
    assert!(
        page.status().contains("Fallet i med-bom.json är öppnat"),
        "{}",
        page.status()
    );
    page.state.case.with_untracked(|case| {
        assert_eq!(case.child.name.as_deref(), Some("Elsa Test"));
    });
}

#[wasm_bindgen_test]
async fn a_latin1_file_is_refused_as_not_utf8_and_the_case_is_kept() {
    let page = Page::open().await;
    let before = page.state.case.get_untracked();
    // "Vårdcentral" with å as the one Latin-1 byte 0xE5.
    let text = example_json();
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect();
    assert!(bytes.contains(&0xE5));
    page.open_file("latin1.json", &bytes).await;
    let status = page.status();
    assert!(
        status.contains("Filen latin1.json kunde inte öppnas"),
        "{status}"
    );
    assert!(status.contains("inte sparad som UTF-8"), "{status}");
    assert!(status.contains("oförändrat"), "{status}");
    assert_eq!(page.state.case.get_untracked(), before);
}

#[wasm_bindgen_test]
async fn every_problem_of_an_invalid_file_is_listed_with_its_field_and_the_case_is_kept() {
    let page = Page::open().await;
    let before = page.state.case.get_untracked();
    let mut case = training_case("one-guardian-risk-blocking").unwrap().case();
    case.guardians[1].registered.to = Some(date(2016, 1, 1));
    if let insyn_engine::case::MeasureKind::Blocking { guardians } = &mut case.measures[0].kind {
        guardians[0] = "vh9".into();
    }
    let mut twin = case.care_units[0].clone();
    twin.name = "BVC Norr igen".into();
    case.care_units.push(twin);
    page.open_file("fel.json", case.to_json_pretty().as_bytes())
        .await;
    let status = page.status();
    assert!(
        status.contains("Filen fel.json kunde inte öppnas"),
        "{status}"
    );
    let problems: Vec<String> = {
        let list = page
            .container
            .query_selector_all("[data-testid=case-file-problems] li")
            .unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
            .collect()
    };
    assert!(problems.len() >= 3, "{problems:?}");
    for (field, what) in [
        ("(guardians[1].registered.to)", "ligger före"),
        ("(care_units[2].id)", "används två gånger"),
        ("(measures[0].guardians[0])", "vh9"),
    ] {
        assert!(
            problems
                .iter()
                .any(|p| p.contains(field) && p.contains(what)),
            "{field}: {problems:?}"
        );
    }
    assert_eq!(page.state.case.get_untracked(), before);
}

#[wasm_bindgen_test]
async fn a_file_over_the_limits_is_refused_naming_the_limit() {
    let page = Page::open().await;
    let before = page.state.case.get_untracked();
    let mut case = training_case("one-guardian-risk-blocking").unwrap().case();
    let blocking = case.measures[0].clone();
    case.measures = (0..201)
        .map(|i| {
            let mut measure = blocking.clone();
            measure.id = format!("b{i}");
            measure
        })
        .collect();
    page.open_file("stor.json", case.to_json_pretty().as_bytes())
        .await;
    let status = page.status();
    assert!(status.contains("Åtgärder (measures)"), "{status}");
    assert!(status.contains("201 poster; högst 200"), "{status}");
    assert_eq!(page.state.case.get_untracked(), before);
}

#[wasm_bindgen_test]
async fn export_asks_about_names_and_names_the_file_after_the_title_and_the_date() {
    let page = Page::open().await;
    assert!(page.find("[data-testid=export-question]").is_none());
    page.click("[data-testid=export-case]").await;
    let without: web_sys::HtmlInputElement = page
        .get("[data-testid=export-without-personal-data]")
        .unchecked_into();
    assert!(without.checked(), "without names is the default");
    page.click("[data-testid=export-save]").await;
    let status = page.status();
    assert!(
        status.contains("insyn-vanlig-familj-utan-skyddsatgarder-2026-06-01.json"),
        "{status}"
    );
    assert!(status.contains("utan namn och personnummer"), "{status}");
    assert!(page.find("[data-testid=export-question]").is_none());

    page.click("[data-testid=export-case]").await;
    page.click("[data-testid=export-with-personal-data]").await;
    page.click("[data-testid=export-save]").await;
    assert!(page.status().contains(", med namn och personnummer"));
}

// ---- Shared links ----

fn shared(case: &Case) -> String {
    case_fragment(case)
        .strip_prefix(CASE_PREFIX)
        .unwrap()
        .to_string()
}

fn nameless(case: &Case) -> Case {
    insyn::personal_data::without_personal_data(case, date(2026, 6, 1))
}

#[wasm_bindgen_test]
async fn a_shared_link_opens_its_case_after_the_same_checks_as_a_file() {
    let page = Page::open().await;
    let status = RwSignal::new(None);
    let case = nameless(&training_case("one-guardian-risk-blocking").unwrap().case());
    open_shared_case(page.state, status, &shared(&case));
    settle().await;
    assert!(matches!(status.get_untracked(), Some(Status::Done(_))));
    assert_eq!(page.state.case.get_untracked(), case);
}

#[wasm_bindgen_test]
async fn a_shared_link_with_a_name_or_personnummer_is_refused_and_the_case_is_kept() {
    let page = Page::open().await;
    let before = page.state.case.get_untracked();
    let status = RwSignal::new(None);
    let mut case = nameless(&training_case("one-guardian-risk-blocking").unwrap().case());
    case.guardians[0].identity_number = Some("19121212-1212".into());
    open_shared_case(page.state, status, &shared(&case));
    let Some(Status::Failed { message, problems }) = status.get_untracked() else {
        panic!("refused")
    };
    assert!(message.contains("namn eller personnummer"), "{message}");
    assert_eq!(problems, ["Vårdnadshavare 1, personnummer"]);
    assert_eq!(page.state.case.get_untracked(), before);
}

#[wasm_bindgen_test]
async fn a_broken_shared_link_lists_every_problem_and_the_case_is_kept() {
    let page = Page::open().await;
    let before = page.state.case.get_untracked();
    let status = RwSignal::new(None);
    // Cut short, as a mail program may break a long line.
    let whole = shared(&nameless(&example_case().case()));
    open_shared_case(page.state, status, &whole[..whole.len() / 2]);
    let Some(Status::Failed { message, .. }) = status.get_untracked() else {
        panic!("refused")
    };
    assert!(
        message.contains("Den delade länken kunde inte öppnas"),
        "{message}"
    );
    // Whole, but with two mistakes in the case.
    let mut case = nameless(&example_case().case());
    case.guardians[0].registered.to = Some(date(2010, 1, 1));
    case.guardians[1].id = case.guardians[0].id.clone();
    open_shared_case(page.state, status, &shared(&case));
    let Some(Status::Failed { problems, .. }) = status.get_untracked() else {
        panic!("refused")
    };
    assert!(problems.len() >= 2, "{problems:?}");
    assert!(problems
        .iter()
        .any(|p| p.contains("(guardians[0].registered.to)")));
    assert!(problems.iter().any(|p| p.contains("(guardians[1].id)")));
    // Not JSON at all.
    open_shared_case(page.state, status, &base64url_encode(b"hej"));
    assert!(matches!(
        status.get_untracked(),
        Some(Status::Failed { .. })
    ));
    assert_eq!(page.state.case.get_untracked(), before);
}

#[wasm_bindgen_test]
async fn a_link_is_made_only_for_a_case_without_names_and_personnummer() {
    let page = Page::open().await;
    page.click("[data-testid=share-case]").await;
    let status = page.status();
    assert!(status.contains("Länken skapas inte"), "{status}");
    assert!(status.contains("Barnet, namn"), "{status}");
    assert!(page.find("[data-testid=share-link]").is_none());

    page.state.case.update(|case| *case = nameless(case));
    settle().await;
    page.click("[data-testid=share-case]").await;
    sleep(50).await;
    settle().await;
    let link: web_sys::HtmlInputElement = page.get("[data-testid=share-link]").unchecked_into();
    let url = link.value();
    assert!(url.contains("#/fall/"), "{url}");
    assert!(!url.contains("Exempel"), "{url}");
    // An edit makes the link stale: it goes.
    page.set("title", "Ändrat", "input").await;
    assert!(page.find("[data-testid=share-link]").is_none());
}

// ---- Large cases ----

#[wasm_bindgen_test]
async fn a_large_case_opens_with_every_measure_folded_and_a_problem_unfolds_its_measure() {
    let page = Page::open().await;
    let mut case = training_case("one-guardian-risk-blocking").unwrap().case();
    let blocking = case.measures[0].clone();
    case.measures = (0..60)
        .map(|i| {
            let mut measure = blocking.clone();
            measure.id = format!("b{i}");
            measure
        })
        .collect();
    page.open_file("stor.json", case.to_json_pretty().as_bytes())
        .await;
    // Drawn a few per task: all sixty are there soon after.
    for _ in 0..50 {
        if page.find("[data-testid=measure-b59]").is_some() {
            break;
        }
        sleep(20).await;
        settle().await;
    }
    assert!(page.find("[data-testid=measure-b59]").is_some());
    assert!(page
        .find("[data-path=\"measures[0].period.from\"]")
        .is_none());
    let toggle = page.get("[data-testid=fold-measure-b3]");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(page
        .text("[data-testid=measure-b3]")
        .contains("fr.o.m. 2026-06-15"));

    page.click("[data-testid=fold-measure-b3]").await;
    assert!(page
        .find("[data-path=\"measures[3].period.from\"]")
        .is_some());
    assert!(page
        .find("[data-path=\"measures[4].period.from\"]")
        .is_none());

    // A problem in a folded measure opens it, so the summary can take the keyboard there.
    page.state.case.update(|case| {
        case.measures[7].period.to = Some(date(2020, 1, 1));
    });
    settle().await;
    assert!(page.find("[data-path=\"measures[7].period.to\"]").is_some());
    assert!(page.summary().unwrap().contains("Åtgärd 8"));
}

// ---- A view's address ----

/// The page's fragment, without the `#` and undecoded.
fn fragment() -> String {
    let hash = web_sys::window().unwrap().location().hash().unwrap();
    hash.trim_start_matches('#').to_string()
}

/// Set the fragment as a back press does before its `hashchange` is dispatched: the
/// address has changed, and the app has not yet heard of it.
fn traverse_silently_to(fragment: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        )
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_back_press_before_the_address_follows_a_chosen_view_is_not_undone() {
    traverse_silently_to("");
    let page = Page::open_with(|| {
        let state = insyn::provide_app_state(date(2026, 6, 1), example_case());
        follow(state, |_| {});
        (state, view! { <AccessMatrix/> })
    })
    .await;
    sleep(50).await;
    assert_eq!(fragment(), "", "the first view needs no fragment");

    // A view is chosen; its address is written after its first frame. Before that, the
    // user presses back, to "Jämför".
    page.state.view.set(View::Timeline);
    leptos::task::tick().await;
    traverse_silently_to("/j%C3%A4mf%C3%B6r");
    sleep(100).await;
    assert_eq!(
        fragment(),
        "/j%C3%A4mf%C3%B6r",
        "the back press stands; the chosen view's address is not written over it"
    );

    // Without a back press, the address follows the view.
    page.state.view.set(View::Documents);
    sleep(100).await;
    assert_eq!(fragment(), "/dokument");
    traverse_silently_to("");
}
