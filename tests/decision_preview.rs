//! "Vilken åtgärd?" and the preview of a measure in a browser: the questions, the rule
//! set's quoted answer, previewing the measure it proposes (what it changes, on the date and
//! over the childhood), and adding or cancelling it. Run with
//! `cargo test --target wasm32-unknown-unknown -p insyn --test decision_preview`.
//!
//! The example case: VGR, child born 2015-05-10, guardians vh1 (Sara Exempel) and vh2,
//! seen on 2026-06-01, when VGR 2026 is in force.

#![cfg(target_arch = "wasm32")]

use insyn::components::access_matrix::AccessMatrix;
use insyn::components::case_editor::CaseEditor;
use insyn::components::decision::DecisionSupport;
use insyn::components::preview::{ActionNotice, MeasurePreview};
use insyn::state::View;
use insyn::training_cases::example_case;
use insyn_engine::case::MeasureKind;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, settle, sleep, Page};

/// The editor beside the view panel, as on the page: the preview replaces the view while a
/// draft is open.
impl Page {
    async fn open(view: View) -> Page {
        Page::open_with(move || {
            let state = insyn::provide_app_state(date(2026, 6, 1), example_case());
            state.view.set(view);
            let previewing = Memo::new(move |_| state.draft.with(Option::is_some));
            (
                state,
                view! {
                    <CaseEditor/>
                    <main id="main" tabindex="-1">
                        <ActionNotice/>
                        <div id="view-panel">
                            {move || if previewing.get() {
                                view! { <MeasurePreview/> }.into_any()
                            } else {
                                match state.view.get() {
                                    View::Decide => view! { <DecisionSupport/> }.into_any(),
                                    _ => view! { <AccessMatrix/> }.into_any(),
                                }
                            }}
                        </div>
                    </main>
                },
            )
        })
        .await
    }

    async fn set(&self, selector: &str, value: &str, event: &str) {
        let element = self.get(selector);
        js_sys::Reflect::set(&element, &"value".into(), &value.into()).unwrap();
        fire(&element, event);
        settle().await;
    }

    /// The preview's form field for the draft's `field` (the draft is the case's next measure).
    fn draft_path(&self, field: &str) -> String {
        let index = self.state.case.with_untracked(|case| case.measures.len());
        format!("measures[{index}].{field}")
    }

    fn in_preview(&self, selector: &str) -> web_sys::HtmlElement {
        self.get(&format!("[data-testid=measure-preview] {selector}"))
    }

    /// Answer "one guardian is a risk", name vh2 and preview the blocking proposed.
    async fn preview_blocking_of_vh2(&self) {
        self.tick("[data-testid=concern-one_guardian_risk]", true)
            .await;
        self.tick("[data-testid=risk-guardian-vh2]", true).await;
        self.click("[data-testid=propose-blocking]").await;
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.container.remove();
    }
}

// The same event and timing helpers as tests/case_editor.rs.

async fn next_frames() {
    sleep(50).await;
    leptos::task::tick().await;
}

fn active_id() -> String {
    leptos::prelude::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_child_who_tells_of_violence_in_a_vgr_2026_case_gets_a_sealing_with_the_quote() {
    let page = Page::open(View::Decide).await;
    assert!(page.find("[data-testid=answer-empty]").is_some());
    assert!(page
        .text("[data-testid=decision-rule-set]")
        .contains("Västra Götalandsregionen"));

    page.tick("[data-testid=concern-child_tells_of_violence]", true)
        .await;

    let scenario = page.text("[data-testid=scenario-child_tells_of_violence]");
    assert!(
        scenario.contains("Rekommenderad åtgärd: Försegling"),
        "{scenario}"
    );
    assert!(scenario.contains("hot, våld eller övergrepp"), "{scenario}");
    assert!(scenario.contains("Står i källan"), "{scenario}");
    assert!(scenario.contains("Källa:"), "{scenario}");
    assert!(page
        .text("[data-testid=combined]")
        .contains("Regelverket rekommenderar: Försegling."));
    assert!(page
        .text("[data-testid=propose-sealing]")
        .starts_with("Förhandsgranska och lägg till försegling"));
    // Answering no again takes the answer away.
    page.tick("[data-testid=concern-child_tells_of_violence]", false)
        .await;
    assert!(page.find("[data-testid=answer-empty]").is_some());
}

#[wasm_bindgen_test]
async fn a_region_without_scenario_guidance_says_the_national_baseline_answers() {
    let page = Page::open(View::Decide).await;
    page.state.case.update(|case| case.region = "skane".into());
    settle().await;
    page.tick("[data-testid=concern-child_tells_of_violence]", true)
        .await;
    let scenario = page.text("[data-testid=scenario-child_tells_of_violence]");
    assert!(
        scenario.contains(
            "har ingen vägledning för den här situationen; visar nationell baslinje (tolkad)."
        ),
        "{scenario}"
    );
    assert!(
        scenario.contains("Tolkat · ärvt från nationell baslinje"),
        "{scenario}"
    );
}

#[wasm_bindgen_test]
async fn a_scenario_that_needs_no_measure_from_staff_says_so_in_words_and_offers_no_button() {
    let page = Page::open(View::Decide).await;
    page.state.case.update(|case| case.region = "skane".into());
    settle().await;
    page.tick("[data-testid=concern-protected_identity]", true)
        .await;
    let scenario = page.text("[data-testid=scenario-protected_identity]");
    assert!(
        scenario.contains("Ingen åtgärd behövs av personalen: "),
        "{scenario}"
    );
    assert!(page
        .text("[data-testid=combined]")
        .contains("ingen åtgärd som personalen behöver begära"));
    assert!(page.find("[data-testid^=propose-]").is_none());
}

#[wasm_bindgen_test]
async fn the_guardian_question_appears_only_when_one_guardian_is_a_risk() {
    let page = Page::open(View::Decide).await;
    assert!(page.find("[data-testid=risk-guardian]").is_none());
    page.tick("[data-testid=concern-one_guardian_risk]", true)
        .await;
    let choice = page.text("[data-testid=risk-guardian]");
    assert!(
        choice.contains("Vilken vårdnadshavare utgör risken?"),
        "{choice}"
    );
    assert!(choice.contains("Sara Exempel"), "{choice}");
    // No guardian chosen yet: the blocking asks staff to choose in the preview.
    assert!(page
        .text("[data-testid=combined]")
        .contains("Du väljer vem som blockeras i förhandsgranskningen."));
    page.tick("[data-testid=concern-one_guardian_risk]", false)
        .await;
    assert!(page.find("[data-testid=risk-guardian]").is_none());
}

#[wasm_bindgen_test]
async fn previewing_the_blocking_of_vh2_names_only_vh2_and_marks_what_changes() {
    let page = Page::open(View::Decide).await;
    let case_before = page.state.case.get_untracked();
    page.preview_blocking_of_vh2().await;

    assert!(page.find("[data-testid=measure-preview]").is_some());
    let draft = page.state.draft.get_untracked().expect("a draft is open");
    assert_eq!(
        draft.kind,
        MeasureKind::Blocking {
            guardians: vec!["vh2".into()]
        }
    );
    assert_eq!(draft.period.from, date(2026, 6, 1));
    let guardians = page.draft_path("guardians");
    assert!(page.checked(&format!("[data-path=\"{guardians}\"][value=vh2]")));
    assert!(!page.checked(&format!("[data-path=\"{guardians}\"][value=vh1]")));

    let consequences = page.text("[data-testid=preview-consequences]");
    assert!(
        consequences.contains("upphör automatiskt på 13-årsdagen 2028-05-10"),
        "{consequences}"
    );

    // Every changed cell is vh2's and says so in words; vh1's are unchanged.
    let changed = page.all("[data-testid=preview-matrix] tr[data-changed=true]");
    assert!(!changed.is_empty());
    for row in &changed {
        let testid = row.get_attribute("data-testid").unwrap();
        assert!(testid.starts_with("preview-cell-vh2-"), "{testid}");
        let text = row.text_content().unwrap();
        assert!(
            text.contains("Ändras: Har åtkomst → Ingen åtkomst"),
            "{text}"
        );
    }
    assert!(page
        .all("[data-testid^=\"preview-cell-vh1-\"]")
        .iter()
        .all(|row| row.get_attribute("data-changed").as_deref() == Some("false")));
    assert!(page
        .text("[data-testid=preview-headline]")
        .contains(&format!("ändras {} rutor", changed.len())));

    // Over the childhood: from today until the day before the 13th birthday.
    let range = page.text("[data-testid=\"preview-range-2026-06-01\"]");
    assert!(range.contains("2026-06-01 – 2028-05-09"), "{range}");
    assert!(range.contains("Har åtkomst → ✖ Ingen åtkomst"), "{range}");
    assert!(page.find("[data-testid=preview-reminders]").is_some());

    // Nothing has changed in the case yet.
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, case_before));
}

#[wasm_bindgen_test]
async fn the_preview_takes_the_keyboard_to_its_heading() {
    let page = Page::open(View::Decide).await;
    page.preview_blocking_of_vh2().await;
    next_frames().await;
    assert_eq!(active_id(), "preview-heading");
    assert!(page.text("#preview-heading").starts_with("Blockering av"));
}

#[wasm_bindgen_test]
async fn lagg_till_i_fallet_adds_the_measure_returns_to_the_situation_and_says_so() {
    let page = Page::open(View::Decide).await;
    page.preview_blocking_of_vh2().await;
    let motivation = page.draft_path("motivation");
    page.set(
        &format!("[data-path=\"{motivation}\"]"),
        "Barnet berättar om hot från pappan.",
        "input",
    )
    .await;
    page.click("[data-testid=preview-add]").await;

    assert!(page.state.draft.get_untracked().is_none());
    assert_eq!(page.state.view.get_untracked(), View::Situation);
    page.state.case.with_untracked(|case| {
        let added = case.measures.last().expect("the measure is in the case");
        assert_eq!(
            added.kind,
            MeasureKind::Blocking {
                guardians: vec!["vh2".into()]
            }
        );
        assert_eq!(
            added.motivation.as_deref(),
            Some("Barnet berättar om hot från pappan.")
        );
    });
    let notice = page.text("[data-testid=action-notice]");
    assert!(notice.contains("är tillagd i fallet"), "{notice}");
    assert!(page
        .text("[data-testid=\"cell-vh2-journal:vc-lunden\"]")
        .contains("Ingen åtkomst"));
    next_frames().await;
    assert_eq!(active_id(), "action-notice");
}

#[wasm_bindgen_test]
async fn avbryt_closes_the_preview_and_leaves_the_case_unchanged() {
    let page = Page::open(View::Decide).await;
    let case_before = page.state.case.get_untracked();
    page.preview_blocking_of_vh2().await;
    // Edit the draft: the case still does not change.
    let guardians = page.draft_path("guardians");
    page.tick(&format!("[data-path=\"{guardians}\"][value=vh1]"), true)
        .await;
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, case_before));

    page.click("[data-testid=preview-cancel]").await;
    assert!(page.state.draft.get_untracked().is_none());
    assert!(page.find("[data-testid=measure-preview]").is_none());
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, case_before));
    // Back in "Vilken åtgärd?" with the answers still there.
    assert!(page.checked("[data-testid=concern-one_guardian_risk]"));
    assert!(page
        .text("[data-testid=action-notice]")
        .contains("fallet är oförändrat"));
}

#[wasm_bindgen_test]
async fn typing_in_the_preview_form_keeps_the_keyboard_in_the_field() {
    let page = Page::open(View::Decide).await;
    page.preview_blocking_of_vh2().await;
    let path = page.draft_path("decided_by");
    let input = page.get(&format!("[data-path=\"{path}\"]"));
    input.focus().unwrap();
    page.set(
        &format!("[data-path=\"{path}\"]"),
        "verksamhetschef BUP",
        "input",
    )
    .await;
    let same = page.get(&format!("[data-path=\"{path}\"]"));
    assert!(same.is_same_node(Some(&input)), "the field was not rebuilt");
    assert_eq!(active_id(), input.id());
    assert_eq!(
        page.state
            .draft
            .get_untracked()
            .and_then(|d| d.decided_by)
            .as_deref(),
        Some("verksamhetschef BUP")
    );
}

#[wasm_bindgen_test]
async fn a_blocking_added_by_hand_opens_the_preview_with_no_guardian_chosen() {
    let page = Page::open(View::Situation).await;
    let case_before = page.state.case.get_untracked();
    page.set("[data-testid=add-measure-kind]", "blocking", "change")
        .await;
    page.click("[data-testid=add-measure]").await;

    assert!(page.find("[data-testid=measure-preview]").is_some());
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, case_before));
    let guardians = page.draft_path("guardians");
    let boxes = page.all(&format!("[data-path=\"{guardians}\"]"));
    assert_eq!(boxes.len(), 2);
    assert!(boxes
        .iter()
        .all(|b| !b.unchecked_ref::<web_sys::HtmlInputElement>().checked()));
    // The missing guardian is said next to the field, and the measure is not added yet.
    let error = page
        .in_preview(".check-group .field-error")
        .text_content()
        .unwrap();
    assert!(!error.trim().is_empty(), "a message next to the guardians");
    assert!(page.find("[data-testid=preview-problems]").is_some());
    page.click("[data-testid=preview-add]").await;
    assert!(page.state.draft.get_untracked().is_some());
    assert!(page
        .text("[data-testid=preview-refusal]")
        .contains("inte tillagd"));
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, case_before));

    // Choosing the guardian fixes it; then it can be added.
    page.tick(&format!("[data-path=\"{guardians}\"][value=vh1]"), true)
        .await;
    assert!(page.find("[data-testid=preview-problems]").is_none());
    assert!(page.find("[data-testid=preview-consequences]").is_some());
    page.click("[data-testid=preview-add]").await;
    page.state.case.with_untracked(|case| {
        assert_eq!(case.measures.len(), case_before.measures.len() + 1);
        assert_eq!(
            case.measures.last().unwrap().kind,
            MeasureKind::Blocking {
                guardians: vec!["vh1".into()]
            }
        );
    });
    assert!(page.find("[data-testid=measure-m1]").is_some());
}

#[wasm_bindgen_test]
async fn a_recommended_sealing_asks_which_unit_initiates_it_before_it_can_be_added() {
    let page = Page::open(View::Decide).await;
    page.tick("[data-testid=concern-child_tells_of_violence]", true)
        .await;
    page.click("[data-testid=propose-sealing]").await;
    let units = page.draft_path("initiating_units");
    assert!(page
        .all(&format!("[data-path=\"{units}\"]"))
        .iter()
        .all(|b| !b.unchecked_ref::<web_sys::HtmlInputElement>().checked()));
    assert!(page.find("[data-testid=preview-problems]").is_some());
    assert!(page.find("[data-testid=preview-consequences]").is_none());

    page.tick(&format!("[data-path=\"{units}\"][value=vc-lunden]"), true)
        .await;
    let consequences = page.text("[data-testid=preview-consequences]");
    assert!(consequences.contains("Förseglingen"), "{consequences}");
    page.click("[data-testid=preview-add]").await;
    page.state.case.with_untracked(|case| {
        assert_eq!(case.measures.last().unwrap().kind.type_tag(), "sealing");
    });
}

#[wasm_bindgen_test]
async fn choosing_another_view_closes_the_preview_and_changes_nothing() {
    let page = Page::open(View::Decide).await;
    let case_before = page.state.case.get_untracked();
    page.preview_blocking_of_vh2().await;
    page.state.view.set(View::Situation);
    settle().await;
    assert!(page.state.draft.get_untracked().is_none());
    assert!(page.find("[data-testid=access-matrix]").is_some());
    page.state
        .case
        .with_untracked(|case| assert_eq!(*case, case_before));
    assert!(page
        .text("[data-testid=action-notice]")
        .contains("Ingen åtgärd lades till"));
}
