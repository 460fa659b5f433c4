//! Component tests, run in headless Chromium by wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown -p insyn` (see scripts/test.sh).

// These tests need a DOM; on a native target there is none, so the file
// compiles to nothing there instead of failing `cargo test --workspace`.
#![cfg(target_arch = "wasm32")]

use insyn::App;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::mount;

#[wasm_bindgen_test]
async fn app_mounts_with_header_and_main() {
    let (container, _handle) = mount(App);
    leptos::task::tick().await;

    let h1 = container
        .query_selector("header h1")
        .unwrap()
        .expect("App renders an <h1> inside <header>");
    assert_eq!(h1.text_content().as_deref(), Some("Insyn"));

    let mains = container.query_selector_all("main").unwrap();
    assert_eq!(mains.length(), 1, "exactly one <main> landmark");

    container.remove();
}

#[wasm_bindgen_test]
async fn the_page_shows_the_matrix_first_and_the_case_panel_right_after() {
    let (container, _handle) = mount(App);
    leptos::task::tick().await;
    // The answer is on the page as soon as it mounts; the case panel (training cases, saved
    // cases, editor) waits for the first frame.
    let present = |selector: &str| container.query_selector(selector).unwrap().is_some();
    assert!(present("[data-testid=access-matrix]"));
    for later in [
        "[data-testid=case-editor]",
        "[data-testid=training-case]",
        "[data-testid=saved-cases]",
    ] {
        assert!(!present(later), "{later} is drawn before the first frame");
    }
    let editor = support::wait_for(&container, "[data-testid=case-editor]").await;
    assert!(editor
        .query_selector("[data-path=\"guardians[0].name\"]")
        .unwrap()
        .is_some());
    assert!(present("[data-testid=training-case]"));
    assert!(present("[data-testid=saved-cases]"));
    container.remove();
}

#[wasm_bindgen_test]
async fn the_first_visit_to_the_timeline_draws_the_chart_with_the_view_at_the_panels_width() {
    use wasm_bindgen::JsCast;
    let (container, _handle) = mount(App);
    // After the first frame the panel's width is known (and the case panel drawn).
    support::wait_for(&container, "[data-testid=case-editor]").await;
    let panel: web_sys::HtmlElement = container
        .query_selector("#view-panel")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let tab: web_sys::HtmlElement = container
        .query_selector("[data-testid=tab-timeline]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    tab.click();
    leptos::task::tick().await;
    // No frame has passed, so the chart's own observer has reported nothing yet: the
    // drawing is there because its width was guessed from the panel.
    let svg = container
        .query_selector("[data-testid=timeline-svg]")
        .unwrap()
        .expect("the chart is drawn in the view's first frame");
    let drawn: f64 = svg
        .get_attribute("viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    // The panel's width less the chart's border, and never under the chart's least width.
    let expected = (f64::from(panel.client_width()) - 2.0).max(560.0);
    assert_eq!(drawn, expected);
    container.remove();
}

/// Press `key` on `element`: a bubbling, cancelable `keydown`, as the browser sends it.
fn press(element: &web_sys::Element, key: &str) -> bool {
    use wasm_bindgen::JsCast;
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&init, &"cancelable".into(), &true.into()).unwrap();
    let constructor: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"KeyboardEvent".into())
            .unwrap()
            .unchecked_into();
    let event =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"keydown".into(), &init))
            .unwrap();
    element.dispatch_event(event.unchecked_ref()).unwrap()
}

#[wasm_bindgen_test]
async fn the_view_tabs_are_one_tab_stop_and_the_arrows_home_and_end_move_and_select() {
    use insyn::state::View;
    use leptos::prelude::*;
    let state_cell = std::rc::Rc::new(std::cell::RefCell::new(None));
    let out = state_cell.clone();
    let (container, _handle) = mount(move || {
        let state = insyn::provide_app_state(
            chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            insyn::training_cases::example_case(),
        );
        *out.borrow_mut() = Some(state);
        view! { <insyn::ViewTabs/> }
    });
    leptos::task::tick().await;
    let state = state_cell.borrow().expect("state provided");
    let tab = |id: &str| {
        container
            .query_selector(&format!("#tab-{id}"))
            .unwrap()
            .unwrap()
    };
    use wasm_bindgen::JsCast;
    let in_tab_order = || {
        let tabs = container.query_selector_all("[role=tab]").unwrap();
        (0..tabs.length())
            .map(|i| tabs.item(i).unwrap().unchecked_into::<web_sys::Element>())
            .filter(|t| t.get_attribute("tabindex").as_deref() == Some("0"))
            .map(|t| t.id())
            .collect::<Vec<_>>()
    };
    let focused = || leptos::prelude::document().active_element().map(|e| e.id());

    assert_eq!(in_tab_order(), ["tab-situation"]);
    for (key, from, to, view) in [
        ("ArrowRight", "situation", "decide", View::Decide),
        ("End", "decide", "rule-sets", View::RuleSets),
        ("ArrowRight", "rule-sets", "situation", View::Situation),
        ("ArrowLeft", "situation", "rule-sets", View::RuleSets),
        ("Home", "rule-sets", "situation", View::Situation),
        ("ArrowLeft", "situation", "rule-sets", View::RuleSets),
        ("ArrowLeft", "rule-sets", "support", View::Support),
    ] {
        let not_cancelled = press(&tab(from), key);
        leptos::task::tick().await;
        assert!(
            !not_cancelled,
            "{key} on {from}: the page does not scroll too"
        );
        assert_eq!(
            state.view.get_untracked(),
            view,
            "{key} on {from} selects {to}"
        );
        assert_eq!(
            focused().as_deref(),
            Some(format!("tab-{to}").as_str()),
            "{key} on {from}"
        );
        assert_eq!(
            in_tab_order(),
            [format!("tab-{to}")],
            "only the selected tab is in the Tab order"
        );
        assert_eq!(
            tab(to).get_attribute("aria-selected").as_deref(),
            Some("true")
        );
    }
    // Other keys are left to the browser (Tab leaves the list, Enter presses).
    assert!(press(&tab("support"), "Tab"));
    assert_eq!(state.view.get_untracked(), View::Support);
    container.remove();
}
