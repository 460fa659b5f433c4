//! The trainers' mode (utbildningsläge) in a browser: the story, then each step's question
//! and, on demand, its answer; stepping with the buttons and the keys (never from a form
//! field); leaving with Escape or the button, the keyboard never lost; any case, built-in or
//! not. Run with `cargo test --target wasm32-unknown-unknown -p insyn --test trainer`.
//!
//! The case is one-guardian-risk-blocking (VGR): Elsa, born 2017-01-01; Maria (vh1) and
//! Peter (vh2); Peter blocked from 2026-06-15, until Elsa's 13th birthday. Its steps:
//! 2019-09-02, 2019-11-01, 2026-03-26, 2026-06-15, 2030-01-01, 2033-01-01.

#![cfg(target_arch = "wasm32")]

use insyn::components::header::AppHeader;
use insyn::components::saved_cases::ReplaceCaseDialog;
use insyn::components::trainer::TrainerMode;
use insyn::state::View;
use insyn::trainer::Stage;
use insyn::training_cases::training_case;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, settle, sleep, Page};

/// The page as the app has it: the header (with "Utbildningsläge") hidden while the mode is
/// open, the mode, and the question asked before a case with changes is replaced.
async fn open(case: &str, view: View) -> Page {
    let training = training_case(case).unwrap();
    let page = Page::open_with(move || {
        let state = insyn::provide_app_state(date(2026, 11, 23), training);
        state.view.set(view);
        let open = Memo::new(move |_| state.view.get() == View::Training);
        (
            state,
            view! {
                <div hidden=move || open.get()><AppHeader/></div>
                {move || open.get().then(|| view! { <TrainerMode/> })}
                <ReplaceCaseDialog/>
            },
        )
    })
    .await;
    // Focus moves a frame after the mode opens.
    sleep(50).await;
    settle().await;
    page
}

/// A key pressed where the keyboard is (`target`), bubbling to the window as in a browser.
fn press(target: &web_sys::Element, key: &str) -> bool {
    let function = js_sys::Function::new_with_args(
        "element, key",
        "return element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))",
    );
    function
        .call2(&wasm_bindgen::JsValue::NULL, target, &key.into())
        .unwrap()
        .as_bool()
        .unwrap()
}

fn active_id() -> String {
    document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

fn active_testid() -> String {
    document()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"))
        .unwrap_or_default()
}

impl Page {
    fn stage(&self) -> Stage {
        self.state.training.get_untracked().stage
    }

    async fn key(&self, key: &str) {
        press(&document().body().unwrap(), key);
        settle().await;
    }

    async fn key_on(&self, selector: &str, key: &str) {
        press(&self.get(selector), key);
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn the_story_comes_first_then_each_step_asks_the_room_before_it_shows_the_answer() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    assert!(page
        .text("[data-testid=trainer-story]")
        .contains("Elsa är 9 år"));
    assert!(page.text("[data-testid=trainer-story]").contains("6 steg"));
    assert_eq!(
        page.text("[data-testid=trainer-forward]"),
        "Första steget ▶"
    );
    assert_eq!(page.text("[data-testid=trainer-progress]"), "Fallet");

    page.click("[data-testid=trainer-forward]").await;
    assert_eq!(page.stage(), Stage::Ask(0));
    assert!(page.find("[data-testid=trainer-story]").is_none());
    assert!(page
        .text("[data-testid=trainer-step-heading]")
        .contains("Steg 1 av 6: 2 september 2019"));
    assert!(page
        .text("[data-testid=trainer-questions]")
        .contains("Vem ser vad nu?"));
    assert!(
        page.find("[data-testid=trainer-matrix]").is_none(),
        "answer shown too early"
    );
    assert_eq!(page.text("[data-testid=trainer-forward]"), "Visa svaret ▶");

    page.click("[data-testid=trainer-forward]").await;
    assert_eq!(page.stage(), Stage::Answer(0));
    assert!(page.find("[data-testid=trainer-matrix]").is_some());
    assert!(page
        .text("[data-testid=trainer-changes]")
        .contains("Utgångsläget"));
    assert_eq!(page.text("[data-testid=trainer-forward]"), "Nästa steg ▶");
    assert_eq!(
        page.text("[data-testid=trainer-progress]"),
        "Steg 1 av 6: svar"
    );
}

#[wasm_bindgen_test]
async fn the_blocking_is_asked_about_first_and_its_answer_marks_what_changed_and_quotes_the_guidance(
) {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    page.state.training.update(|t| t.stage = Stage::Ask(3));
    settle().await;
    let question = page.text("[data-testid=trainer-question]");
    assert!(question.contains("15 juni 2026"));
    assert!(question.contains("Vilken åtgärd skulle du välja?"));
    assert!(
        !question.contains("Blockering"),
        "the answer told with the question"
    );

    page.key("ArrowRight").await;
    assert_eq!(page.stage(), Stage::Answer(3));
    assert!(page
        .text("[data-testid=trainer-revealed]")
        .contains("Blockering av Peter Test, från 2026-06-15, börjar gälla"));
    assert!(page
        .text("[data-testid=trainer-advice]")
        .contains("Riktlinjen rekommenderar: Blockering"));
    let peter = page.get("[data-testid=trainer-cell-vh2-proxy]");
    assert_eq!(
        peter.get_attribute("data-outcome").as_deref(),
        Some("denied")
    );
    assert_eq!(peter.get_attribute("data-changed").as_deref(), Some("true"));
    let maria = page.get("[data-testid=trainer-cell-vh1-proxy]");
    assert_eq!(
        maria.get_attribute("data-outcome").as_deref(),
        Some("allowed")
    );
    assert_eq!(
        maria.get_attribute("data-changed").as_deref(),
        Some("false")
    );
    assert!(page
        .text("[data-testid=trainer-guidance]")
        .contains("Källa: VGR:s vägledning RS 2026-01475, 2026"));
    assert!(page
        .text("[data-testid=trainer-claims]")
        .contains("Peter Test"));
    assert!(page
        .text("[data-testid=trainer-discuss]")
        .contains("standardsvar"));
}

#[wasm_bindgen_test]
async fn space_and_arrows_step_on_and_back_but_not_while_a_form_field_has_the_keyboard() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    page.key(" ").await;
    assert_eq!(page.stage(), Stage::Ask(0));
    page.key("PageDown").await;
    assert_eq!(page.stage(), Stage::Answer(0));
    page.key("ArrowLeft").await;
    assert_eq!(page.stage(), Stage::Ask(0));
    page.key("PageUp").await;
    assert_eq!(page.stage(), Stage::Intro);
    // The case list is a form field: its keys are its own.
    for key in [" ", "ArrowRight", "ArrowLeft", "PageDown"] {
        page.key_on("[data-testid=trainer-case]", key).await;
        assert_eq!(page.stage(), Stage::Intro, "{key} in the case list");
    }
    // Space on a button presses the button, not the mode.
    page.key_on("[data-testid=trainer-back]", " ").await;
    assert_eq!(page.stage(), Stage::Intro);
    page.key_on("[data-testid=trainer-back]", "ArrowRight")
        .await;
    assert_eq!(page.stage(), Stage::Ask(0));
}

#[wasm_bindgen_test]
async fn the_last_answer_and_the_story_say_they_cannot_move_on_and_keep_the_keyboard() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    let back = page.get("[data-testid=trainer-back]");
    assert_eq!(back.get_attribute("aria-disabled").as_deref(), Some("true"));
    back.focus().unwrap();
    page.click("[data-testid=trainer-back]").await;
    assert_eq!(page.stage(), Stage::Intro);
    assert_eq!(active_testid(), "trainer-back");

    page.state.training.update(|t| t.stage = Stage::Answer(5));
    settle().await;
    let forward = page.get("[data-testid=trainer-forward]");
    assert_eq!(
        forward.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(page.text("[data-testid=trainer-forward]"), "Sista steget ▶");
    page.key("ArrowRight").await;
    assert_eq!(page.stage(), Stage::Answer(5));
}

#[wasm_bindgen_test]
async fn the_keyboard_starts_at_the_modes_heading_and_stays_on_the_button_it_steps_with() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    assert_eq!(active_id(), "trainer-title");
    let forward = page.get("[data-testid=trainer-forward]");
    forward.focus().unwrap();
    for _ in 0..5 {
        page.click("[data-testid=trainer-forward]").await;
        sleep(20).await;
        assert_eq!(active_testid(), "trainer-forward");
    }
    // The story, then two steps' question and answer, then the third's question.
    assert_eq!(page.stage(), Stage::Ask(2));
}

#[wasm_bindgen_test]
async fn the_keyboard_in_an_answer_that_goes_moves_to_the_new_steps_heading() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    page.state.training.update(|t| t.stage = Stage::Answer(0));
    settle().await;
    // The matrix's scroll region takes the keyboard; the next step takes it away.
    page.get(".trainer-matrix-scroll").focus().unwrap();
    assert!(document()
        .active_element()
        .is_some_and(|e| e.class_name().contains("trainer-matrix-scroll")));
    page.key_on(".trainer-matrix-scroll", "ArrowRight").await;
    sleep(50).await;
    settle().await;
    assert_eq!(page.stage(), Stage::Ask(1));
    assert_eq!(active_id(), "trainer-stage-heading");
}

#[wasm_bindgen_test]
async fn escape_leaves_for_the_view_it_came_from_on_the_steps_date_and_the_keyboard_returns_to_the_button(
) {
    let page = open("one-guardian-risk-blocking", View::Timeline).await;
    page.click("[data-testid=open-trainer]").await;
    sleep(50).await;
    settle().await;
    assert_eq!(page.state.view.get_untracked(), View::Training);
    assert!(page.find("[data-testid=trainer]").is_some());
    page.state.training.update(|t| t.stage = Stage::Ask(3));
    settle().await;

    page.key_on("[data-testid=trainer-case]", "Escape").await;
    sleep(50).await;
    settle().await;
    assert_eq!(page.state.view.get_untracked(), View::Timeline);
    assert!(page.find("[data-testid=trainer]").is_none());
    assert_eq!(page.state.date.get_untracked(), date(2026, 6, 15));
    assert_eq!(active_id(), "open-trainer");
}

#[wasm_bindgen_test]
async fn the_leave_button_leaves_and_coming_back_resumes_where_the_trainer_was() {
    let page = open("one-guardian-risk-blocking", View::Situation).await;
    page.click("[data-testid=open-trainer]").await;
    page.state.training.update(|t| t.stage = Stage::Answer(2));
    settle().await;
    page.click("[data-testid=trainer-leave]").await;
    sleep(50).await;
    settle().await;
    assert_eq!(page.state.view.get_untracked(), View::Situation);
    assert_eq!(active_id(), "open-trainer");
    page.click("[data-testid=open-trainer]").await;
    assert_eq!(page.stage(), Stage::Answer(2));
    assert!(page.find("[data-testid=trainer-matrix]").is_some());
}

#[wasm_bindgen_test]
async fn choosing_another_built_in_case_starts_it_from_its_story() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    page.state.training.update(|t| t.stage = Stage::Answer(3));
    settle().await;
    let select: web_sys::HtmlSelectElement =
        page.get("[data-testid=trainer-case]").unchecked_into();
    assert_eq!(select.value(), "one-guardian-risk-blocking");
    select.set_value("leap-day-child");
    fire(&page.get("[data-testid=trainer-case]"), "change");
    settle().await;
    page.click("[data-testid=trainer-open-case]").await;
    assert_eq!(page.stage(), Stage::Intro);
    let story = page.text("[data-testid=trainer-story]");
    assert!(story.contains("Skottdagsbarn"));
    assert!(story.contains("29 februari 2012"));
}

#[wasm_bindgen_test]
async fn a_case_changed_in_the_editor_is_stepped_through_as_it_is_without_the_notes() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    // Peter's blocking taken out: no longer the built-in case, so no lesson.
    page.state.case.update(|case| case.measures.clear());
    settle().await;
    let story = page.text("[data-testid=trainer-story]");
    assert!(story.contains("Fallet har ingen berättelse i Insyn"));
    assert!(story.contains("5 steg"));
    let select: web_sys::HtmlSelectElement =
        page.get("[data-testid=trainer-case]").unchecked_into();
    assert_eq!(select.value(), "");
    page.key(" ").await;
    page.key(" ").await;
    assert!(page.find("[data-testid=trainer-claims]").is_none());
    assert!(page.find("[data-testid=trainer-discuss]").is_none());
    assert!(page.find("[data-testid=trainer-matrix]").is_some());
}

#[wasm_bindgen_test]
async fn a_case_with_unsaved_changes_is_not_replaced_without_asking_and_keys_wait_for_the_answer() {
    let page = open("one-guardian-risk-blocking", View::Training).await;
    page.state
        .case
        .update(|case| case.title = Some("Ändrat".into()));
    settle().await;
    let select: web_sys::HtmlSelectElement =
        page.get("[data-testid=trainer-case]").unchecked_into();
    select.set_value("normal-family");
    fire(&page.get("[data-testid=trainer-case]"), "change");
    page.click("[data-testid=trainer-open-case]").await;
    assert!(page.state.pending_replace.with_untracked(Option::is_some));
    // While the question is open, the mode's keys do nothing.
    page.key("ArrowRight").await;
    page.key("Escape").await;
    assert_eq!(page.stage(), Stage::Intro);
    assert_eq!(page.state.view.get_untracked(), View::Training);
    page.click("[data-testid=replace-dialog-confirm]").await;
    assert!(page.text("[data-testid=trainer-story]").contains("Alva"));
}
