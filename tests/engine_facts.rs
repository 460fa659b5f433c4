//! Component tests for what the engine tells staff beyond the matrix: notices on "Läget"
//! (measures that cannot take effect, forwarded unlock requests, a unit that looks like
//! BUP), the timeline's typed causes named from the case, the editor's question about a
//! unit's kind, and "Jämför" listing where two rule sets demand different actions. In
//! headless Chromium: `cargo test --target wasm32-unknown-unknown -p insyn --test engine_facts`.

#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;
use insyn::components::access_matrix::SituationView;
use insyn::components::case_editor::CaseEditor;
use insyn::components::compare::Compare;
use insyn::components::rule_sets::RuleSetPage;
use insyn::components::timeline::Timeline;
use insyn::state::AppState;
use insyn::training_cases::{example_case, training_case};
use insyn_engine::Case;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, find, mount, settle, text, wait_for};

/// A VGR family (Maria Test and Peter Test, child born `birth`) with two units, the
/// extra `units` and `measures`.
fn vgr_family(birth: &str, units: &str, measures: &str) -> Case {
    let json = format!(
        r#"{{
          "format_version": 1,
          "region": "vgr",
          "child": {{ "birth_date": "{birth}", "name": "Elsa Test" }},
          "guardians": [
            {{ "id": "vh1", "name": "Maria Test", "registered": {{ "from": "{birth}" }} }},
            {{ "id": "vh2", "name": "Peter Test", "registered": {{ "from": "{birth}" }} }}
          ],
          "care_units": [
            {{ "id": "a", "name": "Vårdcentralen Dalen" }},
            {{ "id": "b", "name": "Barnmottagningen Centrum" }}{units}
          ],
          "measures": [{measures}]
        }}"#
    );
    Case::from_json(&json).unwrap_or_else(|e| panic!("{e}"))
}

/// Open the date chooser's "Hoppa till en förändring": its list is built only while open.
async fn open_change_points(container: &web_sys::HtmlElement) {
    find(container, "details.change-points")
        .set_attribute("open", "")
        .unwrap();
    // The browser fires `toggle` in a later task.
    settle().await;
    settle().await;
}

/// Mount `view` with `case` shown on `on`; the state is handed back for asserts.
async fn mount_case<N: IntoView + 'static>(
    case: Case,
    on: NaiveDate,
    view: fn() -> N,
) -> (web_sys::HtmlElement, impl Sized, AppState) {
    let slot: Rc<Cell<Option<AppState>>> = Rc::new(Cell::new(None));
    let inner = slot.clone();
    let (container, handle) = mount(move || {
        let state = insyn::provide_app_state(on, example_case());
        state.replace_case(case, on);
        inner.set(Some(state));
        view()
    });
    settle().await;
    let state = slot.get().expect("the state was provided");
    (container, handle, state)
}

fn click(element: &web_sys::Element) {
    element.unchecked_ref::<web_sys::HtmlElement>().click();
}

fn query(root: &web_sys::Element, selector: &str) -> Option<web_sys::Element> {
    root.query_selector(selector).unwrap()
}

#[wasm_bindgen_test]
async fn a_blocking_that_cannot_take_effect_is_a_warning_on_lage_with_its_quote() {
    // A VGR 2026 blocking decided for a 14-year-old: blockings end at 13.
    let case = vgr_family(
        "2012-01-10",
        "",
        r#"{ "id": "bl1", "decided_on": "2026-06-01", "period": { "from": "2026-06-01" },
             "type": "blocking", "guardians": ["vh1"] }"#,
    );
    let (container, _handle, _state) =
        mount_case(case, date(2026, 7, 1), || view! { <SituationView/> }).await;

    let notices = find(&container, "[data-testid=notices]");
    let all = text(&notices);
    assert!(
        all.contains("Observera – 1 sak att kontrollera i fallet"),
        "{all}"
    );
    // Above the matrix, a pointer to the warning, so it is not missed.
    let pointer = find(&container, "[data-testid=notices-pointer] a");
    assert_eq!(
        pointer.get_attribute("href").as_deref(),
        Some("#notices-heading")
    );
    let notice = find(&notices, "li.notice[data-subject=bl1]");
    let said = text(&notice);
    assert!(
        said.contains("Blockering av Maria Test, från 2026-06-01, kan inte få effekt"),
        "{said}"
    );
    assert!(said.contains("13 år"), "{said}");
    // Named by the rule set that judges the blocking, as staff know it.
    assert!(said.contains("enligt VGR 2026 upphör"), "{said}");
    assert_eq!(
        notice.get_attribute("data-rule").as_deref(),
        Some("blocking_ends_at_age")
    );
    // The guidance is quoted with its source, as everywhere else.
    let quote = text(&find(&notice, ".citation blockquote"));
    assert!(!quote.trim().is_empty());
    assert!(text(&find(&notice, ".citation-source")).starts_with("Källa: "));
    container.remove();
}

#[wasm_bindgen_test]
async fn an_unlock_request_from_a_unit_that_did_not_initiate_the_sealing_warns_that_the_sealing_stands(
) {
    let case = vgr_family(
        "2016-02-01",
        "",
        r#"{ "id": "s1", "decided_on": "2026-04-01", "period": { "from": "2026-04-01" },
             "type": "sealing", "initiating_units": ["a"], "scope": "whole",
             "initiative": "staff" },
           { "id": "u1", "period": { "from": "2026-05-01" }, "type": "unlock_request",
             "sealing": "s1", "requesting_unit": "b" }"#,
    );
    let (container, _handle, _state) =
        mount_case(case, date(2026, 5, 2), || view! { <SituationView/> }).await;

    let notice = find(
        &container,
        "[data-testid=notices] li.notice[data-subject=u1]",
    );
    let said = text(&notice);
    assert!(said.contains("Barnmottagningen Centrum"), "{said}");
    assert!(said.contains("Förseglingen står kvar"), "{said}");
    assert!(
        said.contains("vidarebefordras till Vårdcentralen Dalen"),
        "{said}"
    );
    assert!(query(&notice, ".citation blockquote").is_some());
    container.remove();
}

#[wasm_bindgen_test]
async fn a_unit_named_bup_without_a_kind_is_a_warning_whose_button_sets_the_kind() {
    let case = vgr_family(
        "2016-02-01",
        r#", { "id": "bup", "name": "BUP Mölndal" }"#,
        "",
    );
    let (container, _handle, state) =
        mount_case(case, date(2024, 1, 1), || view! { <SituationView/> }).await;

    let notice = find(
        &container,
        "[data-testid=notices] li.notice[data-subject=bup]",
    );
    let said = text(&notice);
    assert!(said.contains("\"BUP Mölndal\" saknar typ"), "{said}");
    assert!(query(&notice, ".citation").is_some());
    click(&find(&notice, "[data-testid=notice-set-kind-bup]"));
    settle().await;
    assert_eq!(
        state
            .case
            .with_untracked(|c| c.care_unit("bup").and_then(|u| u.kind.clone())),
        Some("BUP".to_string())
    );
    assert!(query(&container, "[data-testid=notices]").is_none());
    container.remove();
}

#[wasm_bindgen_test]
async fn the_editor_asks_whether_a_unit_named_bup_is_one_and_its_button_sets_the_kind() {
    let case = vgr_family(
        "2016-02-01",
        r#", { "id": "bup", "name": "BUP Mölndal" }"#,
        "",
    );
    let (container, _handle, state) =
        mount_case(case, date(2026, 6, 1), || view! { <CaseEditor/> }).await;

    // Only the unit whose name suggests BUP is asked about.
    assert!(query(&container, "[data-testid=unit-kind-question-a]").is_none());
    let question = find(&container, "[data-testid=unit-kind-question-bup]");
    assert_eq!(
        text(&find(&question, "p")).trim_start_matches("? "),
        "Är detta en BUP-enhet? Regelverket undantar BUP från visning."
    );
    click(&find(&question, "[data-testid=unit-kind-set-bup]"));
    settle().await;
    assert_eq!(
        state
            .case
            .with_untracked(|c| c.care_unit("bup").and_then(|u| u.kind.clone())),
        Some("BUP".to_string())
    );
    let kind: web_sys::HtmlInputElement =
        find(&container, "[data-path='care_units[2].kind']").unchecked_into();
    assert_eq!(kind.value(), "BUP");
    assert!(query(&container, "[data-testid=unit-kind-question-bup]").is_none());
    container.remove();
}

#[wasm_bindgen_test]
async fn the_timeline_names_measures_in_its_causes_by_what_they_are_and_whom_they_concern() {
    let case = training_case("one-guardian-risk-blocking")
        .expect("built-in case")
        .case();
    let (container, _handle, _state) =
        mount_case(case, date(2026, 7, 1), || view! { <Timeline/> }).await;

    let started = text(&wait_for(&container, "[data-testid='timeline-row-2026-06-15']").await);
    assert!(
        started.contains("Blockering av Peter Test, från 2026-06-15, börjar gälla"),
        "{started}"
    );
    let ended = text(&wait_for(&container, "[data-testid='timeline-row-2030-01-01']").await);
    assert!(
        ended.contains("Blockering av Peter Test, från 2026-06-15, upphör automatiskt vid 13 år"),
        "{ended}"
    );
    // No measure id where a name can be said.
    assert!(!ended.contains("blockering-vh2"), "{ended}");
    // The chart's marker names the same causes (the chart is drawn once its width is known).
    let marker = wait_for(&container, "[data-testid='timeline-marker-2030-01-01']").await;
    let label = marker.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("upphör automatiskt vid 13 år"), "{label}");
    container.remove();
}

#[wasm_bindgen_test]
async fn a_blocking_that_stands_under_the_next_version_carries_its_certainty_mark() {
    // Decided under VGR 2019, past the 13th birthday when VGR 2026 takes over: whether it
    // stands is an answer the sources leave open.
    let case = vgr_family(
        "2014-01-10",
        "",
        r#"{ "id": "bl1", "decided_on": "2024-05-01", "period": { "from": "2024-05-01" },
             "type": "blocking", "guardians": ["vh1"] }"#,
    );
    let (container, _handle, _state) =
        mount_case(case, date(2026, 4, 1), || view! { <Timeline/> }).await;

    let row = wait_for(&container, "[data-testid='timeline-row-2026-03-26']").await;
    let said = text(&row);
    assert!(
        said.contains("Blockering av Maria Test, från 2024-05-01, står kvar enligt VGR 2026"),
        "{said}"
    );
    let mark = find(&row, "[data-testid=cause-certainty]");
    assert!(
        mark.class_name().contains("certainty-unknown"),
        "{}",
        mark.class_name()
    );
    assert!(text(&mark).contains("Okänt – ingen källa hittad"));
    container.remove();
}

#[wasm_bindgen_test]
async fn a_note_shown_again_after_the_investigation_is_in_the_timeline_table_and_the_date_list() {
    let case = vgr_family(
        "2016-02-01",
        "",
        r#"{ "id": "n1", "period": { "from": "2021-03-01" }, "type": "exception_note",
             "category": "Orosanmälan gällande barn", "note_unit": "a",
             "investigation_until": "2021-06-30" }"#,
    );
    let (container, _handle, _state) = mount_case(case, date(2021, 7, 1), || {
        view! {
            <SituationView/>
            <Timeline/>
        }
    })
    .await;

    let row = wait_for(&container, "[data-testid='timeline-row-2021-07-01']").await;
    let said = text(&row);
    assert!(
        said.contains("Utredningen avslutas för anteckningen ”Orosanmälan gällande barn” hos Vårdcentralen Dalen"),
        "{said}"
    );
    let filters = text(&find(&row, "[data-testid=filter-changes]"));
    assert!(filters.contains("Visas igen för"), "{filters}");
    assert!(
        filters.contains("Vårdnadshavare 1 (Maria Test)"),
        "{filters}"
    );
    assert!(filters.contains("Orosanmälan gällande barn"), "{filters}");
    // The date chooser's list says the same under the date.
    open_change_points(&container).await;
    let item = text(&find(&container, "[data-testid='change-point-2021-07-01']"));
    assert!(item.contains("Utredningen avslutas"), "{item}");
    assert!(item.contains("Visas igen för"), "{item}");
    container.remove();
}

#[wasm_bindgen_test]
async fn a_notice_starting_on_a_change_point_is_in_the_timeline_table_and_the_date_list() {
    let case = vgr_family(
        "2012-01-10",
        "",
        r#"{ "id": "bl1", "decided_on": "2026-06-01", "period": { "from": "2026-06-01" },
             "type": "blocking", "guardians": ["vh1"] }"#,
    );
    let (container, _handle, _state) = mount_case(case, date(2026, 7, 1), || {
        view! {
            <SituationView/>
            <Timeline/>
        }
    })
    .await;

    let row = wait_for(&container, "[data-testid='timeline-row-2026-06-01']").await;
    let notices = text(&find(&row, "[data-testid=timeline-notices]"));
    assert!(
        notices.contains("Blockering av Maria Test, från 2026-06-01, kan inte få effekt"),
        "{notices}"
    );
    open_change_points(&container).await;
    let item = text(&find(&container, "[data-testid='change-point-2026-06-01']"));
    assert!(item.contains("Observera"), "{item}");
    assert!(item.contains("kan inte få effekt"), "{item}");
    container.remove();
}

#[wasm_bindgen_test]
async fn jamfor_lists_the_sealing_only_vgr_2026_requires_for_protected_identity_though_outcomes_agree(
) {
    let case = training_case("protected-identity")
        .expect("built-in case")
        .case();
    let (container, _handle, state) =
        mount_case(case, date(2026, 6, 1), || view! { <Compare/> }).await;
    state.compare.set(("rjl".into(), "vgr-2026".into()));
    settle().await;

    // Outcomes agree, but not without saying that actions differ.
    let none = text(&find(&container, "[data-testid=diff-none]"));
    assert!(none.contains("samma utfall"), "{none}");
    assert!(none.contains("olika åtgärder av personalen"), "{none}");
    let range = find(&container, "[data-testid='action-range-2026-04-20']");
    let said = text(&range);
    assert!(said.contains("2026-04-20 – 2037-11-29"), "{said}");
    assert!(
        said.contains(
            "Bara VGR 2026 kräver åtgärden \"Barnets skyddade identitet: försegling krävs\""
        ),
        "{said}"
    );
    // The chosen date's summary says it too.
    let summary = text(&find(&container, "[data-testid=compare-summary-actions]"));
    assert!(summary.contains("Bara VGR 2026 kräver"), "{summary}");
    // Its button chooses the range's first day.
    click(&find(&range, "[data-testid='action-jump-2026-04-20']"));
    settle().await;
    assert_eq!(state.date.get_untracked(), date(2026, 4, 20));
    container.remove();
}

#[wasm_bindgen_test]
async fn the_rule_set_page_shows_each_parameters_unit_beside_its_term() {
    let (container, _handle, _state) = mount_case(
        example_case().case(),
        date(2026, 6, 1),
        || view! { <RuleSetPage/> },
    )
    .await;
    // A rule set's parameters are drawn once its section is opened.
    click(&find(
        &container,
        "[data-testid='rule-set-vgr-2026'] > summary",
    ));
    let param = wait_for(
        &container,
        "[data-testid='param-vgr-2026-guardian_access_until_age']",
    )
    .await;
    let term = text(&find(&param, ".rs-term"));
    assert!(
        term.contains("Vårdnadshavares automatiska tillgång upphör"),
        "{term}"
    );
    assert_eq!(
        text(&find(
            &param,
            "[data-testid=unit-guardian_access_until_age]"
        )),
        "Enhet: år"
    );
    let yes_no = find(
        &container,
        "[data-testid='param-vgr-2026-blocking_covers_journal'] .param-unit",
    );
    assert_eq!(text(&yes_no), "Enhet: ja/nej");
    container.remove();
}
