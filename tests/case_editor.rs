//! The case editor ("Fallet") in a browser: typing, live validation, the error summary, and
//! the access matrix following every edit. Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p insyn --test case_editor`.
//!
//! The only personnummer used is Skatteverket's test number 20170101-2393; invalid numbers
//! are made from it at run time.

#![cfg(target_arch = "wasm32")]

use insyn::components::access_matrix::AccessMatrix;
use insyn::components::case_editor::{CaseEditor, ErrorSummary, TrainingCasePicker};
use insyn::components::preview::MeasurePreview;
use insyn::components::saved_cases::ReplaceCaseDialog;
use insyn::training_cases::{example_case, training_case};
use insyn_engine::case::MeasureType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, settle, sleep, Page};

const TEST_NUMBER: &str = "20170101-2393";

/// The editor, the summary and the matrix together, as on the page, on 2026-06-01 with the
/// example case (two guardians vh1 and vh2, child born 2015-05-10, VGR).
impl Page {
    async fn open() -> Page {
        Page::open_with(move || {
            let state = insyn::provide_app_state(date(2026, 6, 1), example_case());
            // A measure added by hand opens in the preview first, as on the page.
            let previewing = Memo::new(move |_| state.draft.with(Option::is_some));
            (
                state,
                view! {
                    <ErrorSummary/>
                    <TrainingCasePicker/>
                    <CaseEditor/>
                    <AccessMatrix/>
                    {move || previewing.get().then(|| view! { <MeasurePreview/> })}
                    <ReplaceCaseDialog/>
                },
            )
        })
        .await
    }

    /// Type into an input (or choose in a select) and fire the event the browser would.
    async fn set(&self, element: &web_sys::HtmlElement, value: &str, event: &str) {
        js_sys::Reflect::set(element, &"value".into(), &value.into()).unwrap();
        fire(element, event);
        settle().await;
    }

    async fn type_into(&self, path: &str, value: &str) {
        self.set(&self.field(path).unchecked_into(), value, "input")
            .await;
    }

    async fn change(&self, path: &str, value: &str) {
        self.set(&self.field(path).unchecked_into(), value, "change")
            .await;
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

    /// The outcome texts of one actor's matrix cells.
    fn cells_of(&self, actor: &str) -> Vec<String> {
        let cells = self.all_text(&format!("[data-testid^=\"cell-{actor}-\"]"));
        assert!(!cells.is_empty(), "the matrix shows cells for {actor}");
        cells
    }

    /// Every matrix cell of `actor` reads "Ingen åtkomst".
    fn assert_all_denied(&self, actor: &str) {
        let cells = self.cells_of(actor);
        assert!(
            cells.iter().all(|c| c.contains("Ingen åtkomst")),
            "{actor}: {cells:?}"
        );
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.container.remove();
    }
}

/// Choose a file in an `<input type="file">`, as a user would.
async fn choose_file(input: &web_sys::HtmlElement, name: &str, text: &str) {
    let global = js_sys::global();
    let file_constructor: js_sys::Function = js_sys::Reflect::get(&global, &"File".into())
        .unwrap()
        .unchecked_into();
    let file = js_sys::Reflect::construct(
        &file_constructor,
        &js_sys::Array::of2(&js_sys::Array::of1(&text.into()), &name.into()),
    )
    .unwrap();
    let transfer_constructor: js_sys::Function =
        js_sys::Reflect::get(&global, &"DataTransfer".into())
            .unwrap()
            .unchecked_into();
    let transfer =
        js_sys::Reflect::construct(&transfer_constructor, &js_sys::Array::new()).unwrap();
    let items = js_sys::Reflect::get(&transfer, &"items".into()).unwrap();
    let add: js_sys::Function = js_sys::Reflect::get(&items, &"add".into())
        .unwrap()
        .unchecked_into();
    add.call1(&items, &file).unwrap();
    let files = js_sys::Reflect::get(&transfer, &"files".into()).unwrap();
    js_sys::Reflect::set(input, &"files".into(), &files).unwrap();
    fire(input, "change");
    for _ in 0..20 {
        sleep(25).await;
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn an_invalid_personnummer_is_explained_in_swedish_next_to_the_field_and_in_the_summary_and_nothing_else_is_lost(
) {
    let page = Page::open().await;
    page.type_into("child.name", "Testbarn").await;

    // Half typed: the format is wrong.
    page.type_into("child.identity_number", &TEST_NUMBER[..12])
        .await;
    assert!(page
        .error_next_to("child.identity_number")
        .contains("Numret har fel form"));

    // A check digit off by one (made from the test number, never written out).
    let last = TEST_NUMBER.chars().last().unwrap().to_digit(10).unwrap();
    let wrong = format!(
        "{}{}",
        &TEST_NUMBER[..TEST_NUMBER.len() - 1],
        (last + 1) % 10
    );
    page.type_into("child.identity_number", &wrong).await;

    let message = page.error_next_to("child.identity_number");
    assert!(
        message.contains("Kontrollsiffran stämmer inte"),
        "{message}"
    );
    let field = page.field("child.identity_number");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(field.value(), wrong, "what was typed stays in the field");
    let summary = page.summary().expect("the summary lists the problem");
    assert!(summary.contains("Rätta följande i fallet"));
    assert!(
        summary.contains("Kontrollsiffran stämmer inte"),
        "{summary}"
    );

    assert_eq!(page.field("child.name").value(), "Testbarn");
    assert_eq!(page.field("guardians[0].name").value(), "Sara Exempel");
    assert_eq!(page.field("child.birth_date").value(), "2015-05-10");
    page.state.case.with_untracked(|case| {
        assert_eq!(case.child.identity_number.as_deref(), Some(wrong.as_str()));
        assert_eq!(case.child.name.as_deref(), Some("Testbarn"));
    });
}

#[wasm_bindgen_test]
async fn the_valid_test_personnummer_sets_the_date_of_birth() {
    let page = Page::open().await;
    page.type_into("child.identity_number", TEST_NUMBER).await;

    assert_eq!(page.field("child.birth_date").value(), "2017-01-01");
    assert_eq!(page.error_next_to("child.identity_number"), "");
    assert_eq!(
        page.field("child.identity_number")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false")
    );
    page.state.case.with_untracked(|case| {
        assert_eq!(case.child.birth_date, Some(date(2017, 1, 1)));
    });
}

/// The Luhn check digit over the ten-digit form's first nine digits.
fn luhn(nine: &str) -> u32 {
    let sum: u32 = nine
        .chars()
        .map(|c| c.to_digit(10).unwrap())
        .enumerate()
        .map(|(i, d)| {
            let d = if i % 2 == 0 { d * 2 } else { d };
            d / 10 + d % 10
        })
        .sum();
    (10 - sum % 10) % 10
}

#[wasm_bindgen_test]
async fn a_samordningsnummer_or_reservnummer_is_explained_under_the_field() {
    let page = Page::open().await;
    // The test number's samordningsnummer: day + 60, check digit recomputed.
    let digits: String = TEST_NUMBER.chars().filter(char::is_ascii_digit).collect();
    let day: u32 = digits[6..8].parse().unwrap();
    let coordination = format!("{}{}{}", &digits[..6], day + 60, &digits[8..11]);
    let check = luhn(&coordination[2..]);
    page.type_into("child.identity_number", &format!("{coordination}{check}"))
        .await;
    assert!(page
        .text("[data-testid=identity-note]")
        .contains("Samordningsnummer ger ingen inloggning"));
    assert_eq!(page.field("child.birth_date").value(), "2017-01-01");
    assert_eq!(page.error_next_to("child.identity_number"), "");

    // A reservnummer: a letter among the last four.
    let reserve = format!("{}-R{}", &digits[..8], &digits[9..]);
    page.type_into("child.identity_number", &reserve).await;
    assert!(page
        .text("[data-testid=identity-note]")
        .contains("Reservnummer är inget personnummer"));
    assert_eq!(page.error_next_to("child.identity_number"), "");

    page.type_into("child.identity_number", TEST_NUMBER).await;
    assert_eq!(page.text("[data-testid=identity-note]"), "");
}

#[wasm_bindgen_test]
async fn clicking_a_problem_in_the_summary_takes_the_keyboard_to_its_field() {
    let page = Page::open().await;
    page.type_into("child.identity_number", &TEST_NUMBER[..8])
        .await;
    page.click("[data-testid=error-summary] [data-error-path=\"child.identity_number\"]")
        .await;

    let active = leptos::prelude::document().active_element().unwrap();
    assert_eq!(
        active.get_attribute("data-path").as_deref(),
        Some("child.identity_number")
    );
}

#[wasm_bindgen_test]
async fn blocking_a_guardian_shows_ingen_atkomst_in_that_guardians_cells_only() {
    let page = Page::open().await;
    let before = page.cells_of("vh1");
    assert!(
        before.iter().any(|c| c.contains("Har åtkomst")),
        "{before:?}"
    );
    let other_before = page.cells_of("vh2");

    let kind = page.get("[data-testid=add-measure-kind]");
    page.set(&kind, "blocking", "change").await;
    page.click("[data-testid=add-measure]").await;
    // The preview asks whom to block: no one is chosen for staff.
    let vh1: web_sys::HtmlInputElement = page
        .get("[data-path=\"measures[0].guardians\"][value=vh1]")
        .unchecked_into();
    assert!(!vh1.checked(), "no guardian is chosen in advance");
    page.change_checkbox("[data-path=\"measures[0].guardians\"][value=vh1]", true)
        .await;
    page.click("[data-testid=preview-add]").await;

    assert!(page.find("[data-testid=measure-m1]").is_some());
    assert_eq!(page.field("measures[0].period.from").value(), "2026-06-01");
    let checked: web_sys::HtmlInputElement = page
        .get("[data-path=\"measures[0].guardians\"][value=vh1]")
        .unchecked_into();
    assert!(checked.checked(), "the chosen guardian is blocked");
    assert!(page.summary().is_none(), "{:?}", page.summary());

    page.assert_all_denied("vh1");
    assert!(page
        .text("[data-testid=\"cell-vh1-journal:vc-lunden\"]")
        .contains("Ingen åtkomst"));
    assert_eq!(
        page.cells_of("vh2"),
        other_before,
        "the other guardian is untouched"
    );

    // Block the other guardian as well.
    page.change_checkbox("[data-path=\"measures[0].guardians\"][value=vh2]", true)
        .await;
    page.assert_all_denied("vh2");
}

impl Page {
    async fn change_checkbox(&self, selector: &str, on: bool) {
        let input: web_sys::HtmlInputElement = self.get(selector).unchecked_into();
        input.set_checked(on);
        fire(&input, "change");
        settle().await;
    }

    /// Add a measure by hand: it opens in the preview, where a blocking gets the first
    /// guardian, and is added from there.
    async fn add_measure(&self, kind: &str) {
        let select = self.get("[data-testid=add-measure-kind]");
        self.set(&select, kind, "change").await;
        self.click("[data-testid=add-measure]").await;
        if kind == "blocking" {
            let index = self.state.case.with_untracked(|case| case.measures.len());
            self.change_checkbox(
                &format!("[data-path=\"measures[{index}].guardians\"][value=vh1]"),
                true,
            )
            .await;
        }
        self.click("[data-testid=preview-add]").await;
        assert!(
            self.state.draft.with_untracked(Option::is_none),
            "the {kind} was added"
        );
    }
}

#[wasm_bindgen_test]
async fn moving_a_measures_start_date_updates_the_matrix() {
    let page = Page::open().await;
    let unblocked = page.cells_of("vh1");
    page.add_measure("blocking").await;
    page.assert_all_denied("vh1");

    page.change("measures[0].period.from", "2026-07-01").await;
    assert_eq!(page.cells_of("vh1"), unblocked);
    page.state.case.with_untracked(|case| {
        assert_eq!(case.measures[0].period.from, date(2026, 7, 1));
    });

    // An end date before the asked date ends the blocking too.
    page.change("measures[0].period.from", "2026-01-01").await;
    page.change("measures[0].period.to", "2026-05-31").await;
    assert_eq!(page.cells_of("vh1"), unblocked);
    // Emptied, "t.o.m." means "tills vidare" again.
    page.change("measures[0].period.to", "").await;
    page.assert_all_denied("vh1");
    assert_eq!(page.error_next_to("measures[0].period.to"), "");
}

#[wasm_bindgen_test]
async fn removing_a_measure_restores_access() {
    let page = Page::open().await;
    let unblocked = page.cells_of("vh1");
    page.add_measure("blocking").await;
    page.assert_all_denied("vh1");

    page.click("[data-testid=remove-measure-m1]").await;
    assert!(page.find("[data-testid=measure-m1]").is_none());
    assert_eq!(page.cells_of("vh1"), unblocked);
    assert!(page.summary().is_none());
}

#[wasm_bindgen_test]
async fn an_emptied_date_says_ange_ett_datum_and_the_case_stays_evaluable() {
    let page = Page::open().await;
    page.change("guardians[0].registered.from", "").await;

    assert!(page
        .error_next_to("guardians[0].registered.from")
        .contains("Ange ett datum."));
    assert!(page.summary().unwrap().contains("Ange ett datum."));
    page.state.case.with_untracked(|case| {
        assert_eq!(
            case.guardians[0].registered.from,
            date(2015, 5, 10),
            "the last valid date is kept"
        );
    });
    assert!(
        page.find("[data-testid=access-matrix]").is_some(),
        "the matrix is still shown"
    );
    assert!(page.find("[data-testid=matrix-unavailable]").is_none());

    page.change("guardians[0].registered.from", "2015-05-10")
        .await;
    assert_eq!(page.error_next_to("guardians[0].registered.from"), "");
    assert!(page.summary().is_none());
}

#[wasm_bindgen_test]
async fn reopening_a_training_case_shows_its_dates_again_in_emptied_fields() {
    let page = Page::open().await;
    page.change("guardians[0].registered.from", "").await;
    assert_eq!(page.field("guardians[0].registered.from").value(), "");

    page.click("[data-testid=open-training-case]").await;
    // The case was edited: asked first (see tests/storage.rs).
    page.click("[data-testid=replace-dialog-confirm]").await;
    assert_eq!(
        page.field("guardians[0].registered.from").value(),
        "2015-05-10"
    );
    assert!(page.summary().is_none());
}

#[wasm_bindgen_test]
async fn an_engine_error_names_its_field_and_clears_when_fixed() {
    let page = Page::open().await;
    page.change("guardians[1].registered.to", "2014-01-01")
        .await;
    let message = page.error_next_to("guardians[1].registered.to");
    assert!(message.contains("ligger före"), "{message}");
    assert!(page.summary().unwrap().contains("Vårdnadshavare 2"));

    page.change("guardians[1].registered.to", "").await;
    assert!(page.summary().is_none());
}

#[wasm_bindgen_test]
async fn loading_a_training_case_replaces_the_case() {
    let page = Page::open().await;
    page.type_into("child.name", "Ska försvinna").await;
    let picker = page.get("[data-testid=training-case]");
    page.set(&picker, "one-guardian-risk-blocking", "change")
        .await;
    page.click("[data-testid=open-training-case]").await;
    page.click("[data-testid=replace-dialog-confirm]").await;

    assert_eq!(page.field("child.name").value(), "Elsa Test");
    assert_eq!(page.field("child.identity_number").value(), TEST_NUMBER);
    assert_eq!(page.field("child.birth_date").value(), "2017-01-01");
    assert!(page.find("[data-testid=measure-blockering-vh2]").is_some());
    let expected = training_case("one-guardian-risk-blocking").unwrap().case();
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, expected));
}

#[wasm_bindgen_test]
async fn every_kind_of_measure_can_be_added_and_the_case_stays_valid() {
    let page = Page::open().await;
    for kind in MeasureType::ALL {
        page.add_measure(kind.tag()).await;
    }
    assert_eq!(
        page.container
            .query_selector_all("fieldset.measure")
            .unwrap()
            .length(),
        10
    );
    assert!(page.summary().is_none(), "{:?}", page.summary());
    assert!(page.find("[data-testid=access-matrix]").is_some());

    // Sealing one unit's journal asks which unit.
    page.change("measures[3].scope", "unit").await;
    assert_eq!(page.field("measures[3].sealed_unit").value(), "vc-lunden");
    page.change("measures[3].scope", "entry_period").await;
    assert!(page
        .find("[data-path=\"measures[3].entries.from\"]")
        .is_some());
    assert!(page.summary().is_none(), "{:?}", page.summary());

    let legends = page.all_text("fieldset.measure > legend");
    assert!(legends[0].contains("Blockering"));
    assert!(legends[9].contains("Undantag från direktåtkomst"));
}

#[wasm_bindgen_test]
async fn a_guardian_or_unit_used_by_a_measure_is_not_removed() {
    let page = Page::open().await;
    page.add_measure("blocking").await;
    page.click("[data-testid=remove-guardian-vh1]").await;
    assert!(page.find("[data-testid=guardian-vh1]").is_some());
    let refusal = page.text("[data-testid=guardian-vh1] .refusal");
    assert!(
        refusal.contains("Blockering av Sara Exempel, från "),
        "{refusal}"
    );
    assert!(!refusal.contains("(m1)"), "{refusal}");

    // An unused guardian goes; the others keep their data.
    page.click("[data-testid=remove-guardian-vh2]").await;
    assert!(page.find("[data-testid=guardian-vh2]").is_none());
    assert_eq!(page.field("guardians[0].name").value(), "Sara Exempel");

    // A unit named by the measure stays too.
    page.click("[data-testid=remove-unit-vc-lunden]").await;
    assert!(page.find("[data-testid=unit-vc-lunden]").is_some());
    let refusal = page.text("[data-testid=unit-vc-lunden] .refusal");
    assert!(
        refusal.contains("Blockering av Sara Exempel, från "),
        "{refusal}"
    );

    // A new guardian gets an id no other guardian has.
    page.click("[data-testid=add-guardian]").await;
    page.state.case.with_untracked(|case| {
        assert_eq!(case.guardians.len(), 2);
        assert_ne!(case.guardians[1].id, case.guardians[0].id);
    });
}

#[wasm_bindgen_test]
async fn a_third_concurrent_guardian_is_refused_by_the_engine_with_a_message() {
    let page = Page::open().await;
    page.click("[data-testid=add-guardian]").await;
    let summary = page.summary().expect("a third guardian is reported");
    assert!(summary.contains("högst två vårdnadshavare"), "{summary}");
    // Ending the first guardian's custody before the third begins fixes it.
    page.change("guardians[2].registered.from", "2020-01-01")
        .await;
    page.change("guardians[0].registered.to", "2019-12-31")
        .await;
    assert!(page.summary().is_none(), "{:?}", page.summary());
}

#[wasm_bindgen_test]
async fn protected_identity_periods_can_be_added_and_removed() {
    let page = Page::open().await;
    page.click("[data-path-add=\"child.protected_identity\"]")
        .await;
    assert_eq!(
        page.field("child.protected_identity[0].from").value(),
        "2026-06-01"
    );
    page.state
        .case
        .with_untracked(|case| assert_eq!(case.child.protected_identity.len(), 1));
    page.click(".periods .remove").await;
    page.state
        .case
        .with_untracked(|case| assert!(case.child.protected_identity.is_empty()));
}

#[wasm_bindgen_test]
async fn a_bad_case_file_is_refused_in_swedish_and_the_case_is_kept() {
    let page = Page::open().await;
    let before = page.state.case.get_untracked();
    let input = page.get("[data-testid=open-case-file]");
    choose_file(
        &input,
        "trasig.json",
        "{ \"format_version\": 1, \"region\": ",
    )
    .await;

    let status = page.text("[data-testid=case-file-status]");
    assert!(
        status.contains("Filen trasig.json kunde inte öppnas"),
        "{status}"
    );
    assert!(status.contains("oförändrat"), "{status}");
    assert_eq!(page.state.case.get_untracked(), before);
}

#[wasm_bindgen_test]
async fn an_exported_case_file_opens_again() {
    let page = Page::open().await;
    page.click("[data-testid=export-case]").await;
    page.click("[data-testid=export-save]").await;
    assert!(page
        .text("[data-testid=case-file-status]")
        .contains("insyn-vanlig-familj-utan-skyddsatgarder-2026-06-01.json"));

    let other = training_case("leap-day-child").unwrap().case();
    let input = page.get("[data-testid=open-case-file]");
    choose_file(&input, "fall.json", &other.to_json_pretty()).await;

    assert!(page
        .text("[data-testid=case-file-status]")
        .contains("är öppnat"));
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, other));
    assert_eq!(
        page.field("child.name").value(),
        other.child.name.clone().unwrap_or_default()
    );
}

#[wasm_bindgen_test]
async fn a_guardians_personnummer_is_checked_and_explained_next_to_its_field() {
    let page = Page::open().await;
    page.type_into("guardians[1].identity_number", &TEST_NUMBER[..12])
        .await;
    let message = page.error_next_to("guardians[1].identity_number");
    assert!(!message.trim().is_empty(), "a message next to the field");
    assert_eq!(
        page.field("guardians[1].identity_number")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(page.summary().is_some());

    page.type_into("guardians[1].identity_number", "19121212-1212")
        .await;
    assert_eq!(page.error_next_to("guardians[1].identity_number"), "");
    page.state.case.with_untracked(|case| {
        assert_eq!(
            case.guardians[1].identity_number.as_deref(),
            Some("19121212-1212")
        );
    });
}

#[wasm_bindgen_test]
async fn a_measures_motivation_and_renewal_date_are_edited_in_the_case() {
    let page = Page::open().await;
    page.add_measure("sealing").await;
    page.set(
        &page.field("measures[0].motivation").unchecked_into(),
        "Barnet berättar om hot.",
        "input",
    )
    .await;
    page.change("measures[0].renewal_on", "2027-06-01").await;
    page.state.case.with_untracked(|case| {
        assert_eq!(
            case.measures[0].motivation.as_deref(),
            Some("Barnet berättar om hot.")
        );
        assert_eq!(case.measures[0].renewal_on, Some(date(2027, 6, 1)));
    });
    page.change("measures[0].renewal_on", "").await;
    page.state
        .case
        .with_untracked(|case| assert_eq!(case.measures[0].renewal_on, None));
}

#[wasm_bindgen_test]
async fn nytt_fall_starts_an_empty_case_in_the_same_region() {
    let page = Page::open().await;
    page.change("region", "rjl").await;
    page.click("[data-testid=new-case]").await;
    page.click("[data-testid=replace-dialog-confirm]").await;
    page.state.case.with_untracked(|case| {
        assert_eq!(case.region, "rjl");
        assert_eq!(case.title.as_deref(), Some("Nytt fall"));
        assert!(case.child.name.is_none() && case.child.identity_number.is_none());
        assert!(case.child.birth_date.is_none());
        assert!(case.guardians.is_empty() && case.care_units.is_empty());
        assert!(case.measures.is_empty() && case.legal_representatives.is_empty());
    });
    assert_eq!(page.state.date.get_untracked(), date(2026, 6, 1));
    assert!(page.find("[data-testid=guardian-vh1]").is_none());
    assert_eq!(page.field("title").value(), "Nytt fall");
    assert!(page
        .text("[data-testid=case-file-status]")
        .contains("nytt, tomt fall"));
}

#[wasm_bindgen_test]
async fn renaming_a_care_unit_renames_its_column_in_the_matrix_at_once() {
    let page = Page::open().await;
    let header = || page.text("[data-testid=access-matrix] thead");
    assert!(header().contains("Vårdcentralen Lunden"), "{}", header());
    let field = page.field("care_units[0].name");
    page.set(&field, "Vårdcentralen Norr", "input").await;
    assert!(
        header().contains("Journal: Vårdcentralen Norr"),
        "{}",
        header()
    );
    assert!(!header().contains("Lunden"), "{}", header());
}

/// The id of the element with the keyboard once it is `expected`, or after about a second
/// (the app moves it in an animation frame, which a busy machine may draw late).
async fn focused_id(expected: &str) -> String {
    let mut id = String::new();
    for _ in 0..40 {
        sleep(25).await;
        leptos::task::tick().await;
        id = leptos::prelude::document()
            .active_element()
            .map(|e| e.id())
            .unwrap_or_default();
        if id == expected {
            break;
        }
    }
    id
}

#[wasm_bindgen_test]
async fn the_summary_takes_the_keyboard_when_a_case_opens_with_problems_but_never_while_typing() {
    let page = Page::open().await;
    // Typing a number that is wrong: the summary lists it, the keyboard stays in the field.
    let field = page.field("child.identity_number");
    field.focus().unwrap();
    page.type_into("child.identity_number", &TEST_NUMBER[..8])
        .await;
    assert!(page.summary().is_some(), "the summary lists the problem");
    // Given the time the summary would take it in, the keyboard is still in the field.
    sleep(100).await;
    assert_eq!(
        focused_id(&field.id()).await,
        field.id(),
        "typing keeps the keyboard in the field"
    );

    // A case opened with a problem the user did not make: the summary has the keyboard.
    let mut case = example_case().case();
    case.child.birth_date = None;
    page.state.replace_case(case, date(2026, 6, 1));
    settle().await;
    assert!(page.summary().is_some_and(|s| s.contains("födelsedatum")));
    assert_eq!(focused_id("error-summary").await, "error-summary");

    // Each problem is a link to its field, which takes the keyboard there.
    let link = page.get("[data-testid=error-summary] a[data-error-path=\"child.birth_date\"]");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#f-child-birth_date")
    );
    link.click();
    settle().await;
    assert_eq!(focused_id("f-child-birth_date").await, "f-child-birth_date");

    // A case opened without problems leaves the keyboard where it is.
    page.state
        .replace_case(example_case().case(), date(2026, 6, 1));
    settle().await;
    assert!(page.summary().is_none());
    sleep(100).await;
    assert_eq!(focused_id("f-child-birth_date").await, "f-child-birth_date");
}
