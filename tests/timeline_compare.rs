//! Component tests for "Tidslinje" and "Jämför", in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p insyn --test timeline_compare`.

#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;
use insyn::components::compare::Compare;
use insyn::components::timeline::Timeline;
use insyn::state::{AppState, View};
use insyn::training_cases::{example_case, training_case, TrainingCase};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, find, mount, text, wait_for};

/// Dispatch a bubbling DOM event built by `script` (Leptos delegates events to the
/// document, so they must bubble; the DOM's constructors for them need web-sys features
/// this crate does not enable, hence a line of JavaScript).
fn dispatch(element: &web_sys::Element, script: &str, arg: &str) {
    let function = js_sys::Function::new_with_args("element, arg", script);
    function
        .call2(&wasm_bindgen::JsValue::NULL, element, &arg.into())
        .unwrap();
}

fn click(element: &web_sys::Element) {
    dispatch(
        element,
        "element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))",
        "",
    );
}

fn press(element: &web_sys::Element, key: &str) {
    dispatch(
        element,
        "element.dispatchEvent(new KeyboardEvent('keydown', { key: arg, bubbles: true, cancelable: true }))",
        key,
    );
}

fn set_input(element: &web_sys::Element, value: &str) {
    dispatch(
        element,
        "element.value = arg; element.dispatchEvent(new Event('change', { bubbles: true }))",
        value,
    );
}

fn value(element: &web_sys::Element) -> String {
    js_sys::Reflect::get(element, &"value".into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

/// Mount `view` with the state of `case` on `on`; the state is handed back for asserts.
fn mount_with<N: IntoView + 'static>(
    case: &'static TrainingCase,
    on: NaiveDate,
    view: fn() -> N,
) -> (web_sys::HtmlElement, impl Sized, AppState) {
    let slot: Rc<Cell<Option<AppState>>> = Rc::new(Cell::new(None));
    let inner = slot.clone();
    let (container, handle) = mount(move || {
        let state = insyn::provide_app_state(on, case);
        state.date.set(on);
        inner.set(Some(state));
        view()
    });
    let state = slot.get().expect("the state was provided");
    (container, handle, state)
}

fn blocking_case() -> &'static TrainingCase {
    training_case("one-guardian-risk-blocking").expect("built-in case")
}

/// "Tidslinje" for the example case, on 2026-05-01, rendered.
async fn example_timeline() -> (web_sys::HtmlElement, impl Sized, AppState) {
    let mounted = mount_with(example_case(), date(2026, 5, 1), || view! { <Timeline/> });
    leptos::task::tick().await;
    // The chart is drawn once the browser has told its width.
    wait_for(&mounted.0, "[data-testid=timeline-svg]").await;
    mounted
}

/// "Jämför" for the blocking case, on 2026-07-01, rendered.
async fn blocking_compare() -> (web_sys::HtmlElement, impl Sized, AppState) {
    let mounted = mount_with(blocking_case(), date(2026, 7, 1), || view! { <Compare/> });
    leptos::task::tick().await;
    mounted
}

#[wasm_bindgen_test]
async fn the_timeline_table_lists_the_thirteenth_birthday_with_the_guardians_change() {
    let (container, _handle, _state) = example_timeline().await;

    let table = find(&container, "[data-testid=timeline-table]");
    assert!(find(&table, "caption").text_content().is_some());
    let row = find(&table, "[data-testid='timeline-row-2028-05-10']");
    let row_text = text(&row);
    assert!(row_text.contains("13-årsdagen"), "{row_text}");
    assert!(
        row_text.contains("Vårdnadshavare 1 (Sara Exempel) – Ombud: Har åtkomst → Ingen åtkomst"),
        "{row_text}"
    );
    assert!(
        row_text.contains("Vårdnadshavare 2 (Johan Exempel) – Journal: Vårdcentralen Lunden, övriga vårdenheter: Har åtkomst → Kan beviljas"),
        "{row_text}"
    );
    // The journals that change alike, with the same reason, are one line.
    assert_eq!(
        row_text
            .matches("Vårdnadshavare 2 (Johan Exempel) – Journal")
            .count(),
        1,
        "{row_text}"
    );
    // The reason is quoted next to the change, and the rule set that answered is named.
    assert!(
        row_text.contains("upphörde när barnet fyllde 13 år"),
        "{row_text}"
    );
    assert!(row_text.contains("VGR 2026"), "{row_text}");

    // The chart draws the same change point, as a named, focusable button.
    let svg = find(&container, "[data-testid=timeline-svg]");
    let marker = find(&svg, "[data-testid='timeline-marker-2028-05-10']");
    assert_eq!(marker.get_attribute("role").as_deref(), Some("button"));
    assert_eq!(marker.get_attribute("tabindex").as_deref(), Some("0"));
    let label = marker.get_attribute("aria-label").unwrap_or_default();
    assert!(
        label.contains("2028-05-10") && label.contains("13-årsdagen"),
        "{label}"
    );
    // One lane per actor × capability, each outcome told by fill style and text.
    let lane = find(&svg, "[data-testid='timeline-lane-vh1-proxy']");
    assert!(lane
        .query_selector("[data-outcome=allowed]")
        .unwrap()
        .is_some());
    assert!(lane
        .query_selector("[data-outcome=denied]")
        .unwrap()
        .is_some());
    let lane_text = text(&find(
        &svg,
        "[data-testid='timeline-lane-vh1-journal:vc-lunden']",
    ));
    assert!(lane_text.contains("Kan beviljas"), "{lane_text}");
    container.remove();
}

#[wasm_bindgen_test]
async fn choosing_a_change_point_sets_the_chosen_date() {
    let (container, _handle, state) = example_timeline().await;

    // In the table.
    click(&find(
        &container,
        "[data-testid='timeline-date-2028-05-10']",
    ));
    leptos::task::tick().await;
    assert_eq!(state.date.get_untracked(), date(2028, 5, 10));
    assert_eq!(
        text(&find(&container, "[data-testid=timeline-chosen-date-text]")),
        "2028-05-10"
    );
    let button = find(&container, "[data-testid='timeline-date-2028-05-10']");
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let chosen = find(&container, "[data-testid=timeline-chosen-marker]");
    assert_eq!(
        chosen.get_attribute("data-date").as_deref(),
        Some("2028-05-10")
    );

    // In the chart, by mouse and by keyboard.
    click(&find(
        &container,
        "[data-testid='timeline-marker-2031-05-10']",
    ));
    leptos::task::tick().await;
    assert_eq!(state.date.get_untracked(), date(2031, 5, 10));
    press(
        &find(&container, "[data-testid='timeline-marker-2028-05-10']"),
        "Enter",
    );
    leptos::task::tick().await;
    assert_eq!(state.date.get_untracked(), date(2028, 5, 10));
    press(
        &find(&container, "[data-testid='timeline-marker-2031-05-10']"),
        " ",
    );
    leptos::task::tick().await;
    assert_eq!(state.date.get_untracked(), date(2031, 5, 10));

    // The timeline stays; "Visa läget detta datum" opens the situation view.
    assert_eq!(state.view.get_untracked(), View::Situation);
    state.view.set(View::Timeline);
    click(&find(&container, "[data-testid=timeline-show-situation]"));
    leptos::task::tick().await;
    assert_eq!(state.view.get_untracked(), View::Situation);
    assert_eq!(state.date.get_untracked(), date(2031, 5, 10));
    container.remove();
}

#[wasm_bindgen_test]
async fn narrowing_the_range_shows_only_the_changes_inside_it() {
    let (container, _handle, _state) = example_timeline().await;
    let from = find(&container, "#timeline-from");
    let to = find(&container, "#timeline-to");
    assert_eq!(value(&from), "2015-05-10");
    assert_eq!(value(&to), "2033-05-10");

    set_input(&from, "2027-01-01");
    set_input(&to, "2030-12-31");
    leptos::task::tick().await;
    let table = find(&container, "[data-testid=timeline-table]");
    let caption = text(&find(&table, "caption"));
    assert!(
        caption.contains("2027-01-01") && caption.contains("2030-12-31"),
        "{caption}"
    );
    assert!(table
        .query_selector("[data-testid='timeline-row-2028-05-10']")
        .unwrap()
        .is_some());
    assert!(table
        .query_selector("[data-testid='timeline-row-2031-05-10']")
        .unwrap()
        .is_none());

    // A reversed range is refused in Swedish; "Hela barndomen" restores the whole range.
    set_input(&from, "2031-01-01");
    leptos::task::tick().await;
    let message = text(&find(&container, "[data-testid=timeline-unavailable]"));
    assert!(message.contains("Tidslinjen kan inte visas"), "{message}");
    click(&find(&container, "[data-testid=timeline-range-reset]"));
    // The table is drawn anew, its rows once the chart's frame is on screen.
    wait_for(&container, "[data-testid='timeline-row-2031-05-10']").await;
    container.remove();
}

#[wasm_bindgen_test]
async fn compare_marks_the_blocked_guardians_proxy_as_differing_between_vgr_2019_and_2026() {
    let (container, _handle, state) = blocking_compare().await;
    assert_eq!(
        state.compare.get_untracked(),
        ("vgr-2019".to_string(), "vgr-2026".to_string())
    );

    // VGR 2019: a blocked guardian keeps the e-services (ombud); VGR 2026: not.
    let a = find(&container, "[data-testid='compare-a-vh2-proxy']");
    let b = find(&container, "[data-testid='compare-b-vh2-proxy']");
    assert_eq!(a.get_attribute("data-differs").as_deref(), Some("true"));
    assert_eq!(b.get_attribute("data-differs").as_deref(), Some("true"));
    assert!(a.class_list().contains("differs"));
    assert!(
        text(&a).contains("Har åtkomst") && text(&a).contains("≠ Skiljer sig"),
        "{}",
        text(&a)
    );
    assert!(
        text(&b).contains("Ingen åtkomst") && text(&b).contains("≠ Skiljer sig"),
        "{}",
        text(&b)
    );
    // The other guardian is not blocked: the same under both.
    let same = find(&container, "[data-testid='compare-a-vh1-proxy']");
    assert_eq!(same.get_attribute("data-differs").as_deref(), Some("false"));
    assert!(!text(&same).contains("Skiljer sig"));
    let summary = text(&find(&container, "[data-testid=compare-summary]"));
    assert!(summary.contains("skiljer sig 1 ruta"), "{summary}");

    // Over the whole childhood: the first range starts on the blocking's first day.
    let ranges = find(&container, "[data-testid=diff-ranges]");
    let first = wait_for(&ranges, "tbody tr").await;
    assert_eq!(
        first.get_attribute("data-testid").as_deref(),
        Some("diff-range-2026-06-15")
    );
    assert!(
        text(&first).contains("2026-06-15 – 2029-12-31"),
        "{}",
        text(&first)
    );
    assert!(
        text(&first).contains("Vårdnadshavare 2 (Peter Test) – Ombud"),
        "{}",
        text(&first)
    );

    // Jumping to a range sets the date and the matrices follow.
    click(&find(&ranges, "[data-testid='diff-jump-2030-01-01']"));
    leptos::task::tick().await;
    assert_eq!(state.date.get_untracked(), date(2030, 1, 1));
    let journal = find(&container, "[data-testid='compare-b-vh2-journal:bvc-norr']");
    assert_eq!(
        journal.get_attribute("data-differs").as_deref(),
        Some("true")
    );
    assert!(
        text(&journal).contains("Kan beviljas"),
        "{}",
        text(&journal)
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn compare_can_switch_to_this_region_against_the_national_baseline() {
    let (container, _handle, state) = blocking_compare().await;
    let select_a = find(&container, "#compare-a");
    assert!(find(&container, "label[for=compare-a]")
        .text_content()
        .unwrap()
        .contains("Regelverk A"));
    assert_eq!(value(&select_a), "vgr-2019");

    click(&find(&container, "[data-testid=compare-quick-national]"));
    leptos::task::tick().await;
    assert_eq!(
        state.compare.get_untracked(),
        ("vgr-2026".to_string(), "national".to_string())
    );
    assert_eq!(value(&select_a), "vgr-2026");
    let select_b = find(&container, "#compare-b");
    assert_eq!(value(&select_b), "national");

    click(&find(&container, "[data-testid=compare-quick-vgr]"));
    leptos::task::tick().await;
    assert_eq!(
        state.compare.get_untracked(),
        ("vgr-2019".to_string(), "vgr-2026".to_string())
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn compare_shows_the_swedish_error_for_an_invalid_case() {
    let (container, _handle, state) = blocking_compare().await;
    state.date.set(date(2016, 1, 1));
    leptos::task::tick().await;
    let message = text(&find(&container, "[data-testid=compare-unavailable]"));
    assert!(
        message.contains("Jämförelsen kan inte visas: ") && message.contains("datum"),
        "{message}"
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn names_from_the_case_are_drawn_as_text_never_as_markup() {
    let (container, _handle, state) = example_timeline().await;
    let name = r#"<img src=x data-injected=1> & "Sara""#;
    state
        .case
        .update(|case| case.guardians[0].name = Some(name.into()));
    leptos::task::tick().await;

    let svg = find(&container, "[data-testid=timeline-svg]");
    assert!(svg
        .query_selector("img, [data-injected]")
        .unwrap()
        .is_none());
    let drawn = text(&svg);
    assert!(drawn.contains(name), "{drawn}");
    container.remove();
}

#[wasm_bindgen_test]
async fn choosing_a_change_point_by_keyboard_keeps_the_focus_on_it() {
    let (container, _handle, state) = example_timeline().await;
    let marker: web_sys::HtmlElement = {
        use wasm_bindgen::JsCast;
        find(&container, "[data-testid='timeline-marker-2028-05-10']").unchecked_into()
    };
    marker.focus().unwrap();
    press(&marker, "Enter");
    leptos::task::tick().await;
    assert_eq!(state.date.get_untracked(), date(2028, 5, 10));

    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .and_then(|element| element.get_attribute("data-testid"));
    assert_eq!(focused.as_deref(), Some("timeline-marker-2028-05-10"));
    let marker = find(&container, "[data-testid='timeline-marker-2028-05-10']");
    assert_eq!(
        marker.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let label = text(&find(&container, ".tl-chosen-label"));
    assert_eq!(label, "Valt datum 2028-05-10");
    container.remove();
}

#[wasm_bindgen_test]
async fn compare_draws_many_date_ranges_a_batch_at_a_time_and_all_of_them_soon_after() {
    let (container, _handle, state) = blocking_compare().await;
    // Twenty short blockings of the same guardian: twenty ranges where VGR 2019 and 2026
    // differ (the proxy), more than are drawn in one go.
    let mut case = blocking_case().case();
    let blocking = case.measures[0].clone();
    case.measures = (0..20u64)
        .map(|i| {
            let mut measure = blocking.clone();
            let from = date(2020, 1, 1) + chrono::Days::new(60 * i);
            measure.id = format!("b{i}");
            measure.decided_on = Some(from);
            measure.period.from = from;
            measure.period.to = Some(from + chrono::Days::new(20));
            measure
        })
        .collect();
    state.case.set(case);
    leptos::task::tick().await;
    let rows = || {
        container
            .query_selector_all("[data-testid^=diff-range-]")
            .unwrap()
            .length()
    };
    assert!(rows() > 0 && rows() < 20, "{} rows drawn at once", rows());
    for _ in 0..50 {
        if rows() == 20 {
            break;
        }
        support::sleep(20).await;
        leptos::task::tick().await;
    }
    assert_eq!(rows(), 20);
}
