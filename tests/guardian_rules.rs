//! Component tests for "Vad ser vårdnadshavaren?" and "Regelverk", in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p insyn --test guardian_rules`.

#![cfg(target_arch = "wasm32")]

use insyn::components::guardian_view::GuardianViewPanel;
use insyn::components::rule_sets::RuleSetPage;
use insyn::training_cases::{example_case, training_case};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, find, main_text, mount, text, wait_for};

/// Elements matching `selector` that are not hidden (by the `hidden` attribute).
fn visible_count(root: &web_sys::Element, selector: &str) -> u32 {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter(|&i| {
            let element: web_sys::Element = list.item(i).unwrap().unchecked_into();
            !element.has_attribute("hidden")
        })
        .count() as u32
}

async fn mount_blocking_case() -> (web_sys::HtmlElement, impl Sized) {
    let mounted = mount(|| {
        let case = training_case("one-guardian-risk-blocking").expect("built-in case");
        let state = insyn::provide_app_state(date(2026, 11, 23), case);
        state.date.set(date(2026, 11, 23));
        view! { <GuardianViewPanel/> }
    });
    leptos::task::tick().await;
    mounted
}

#[wasm_bindgen_test]
async fn blocked_guardian_does_not_see_the_child_and_support_gets_the_standard_answer() {
    let (container, _handle) = mount_blocking_case().await;

    let blocked = find(&container, r#"[data-testid="guardian-view-vh2"]"#);
    let start_page = find(&blocked, r#"[data-testid="gv-start-page-vh2"]"#);
    assert_eq!(
        start_page.get_attribute("data-shown").as_deref(),
        Some("false")
    );
    assert!(
        text(&start_page).contains("Barnet visas inte"),
        "{}",
        text(&start_page)
    );
    assert!(text(&blocked).contains("Ingen journal går att läsa"));

    let disclosure = find(&blocked, r#"[data-testid="gv-disclosure-vh2"]"#);
    assert!(text(&disclosure).contains("Vårdnadshavare informeras inte alltid om åtgärden"));
    // Said once: the source's own line is quoted below it, not repeated in Insyn's words.
    let support = main_text(&find(&blocked, ".gv-support"));
    assert_eq!(
        support.matches("informeras inte alltid").count(),
        1,
        "{support}"
    );
    assert_eq!(
        support.matches("inte alltid informeras").count(),
        1,
        "the source's line, quoted once: {support}"
    );

    // The answer speaks of the blocking, not of a sealing.
    let answer = find(&blocked, r#"[data-testid="standard-answer"]"#);
    assert!(
        text(&answer).starts_with("Ditt barns journal är för närvarande blockerad"),
        "{}",
        text(&answer)
    );
    assert!(!text(&answer).contains("förseglad"), "{}", text(&answer));
    assert!(text(&answer).contains("Spärr- och Loggfunktionen i Västra Götalandsregionen"));
    assert!(
        blocked.query_selector("button.gv-copy").unwrap().is_some(),
        "a Kopiera button"
    );

    let date_line = find(&container, r#"[data-testid="guardian-view-date"]"#);
    assert!(text(&date_line)
        .starts_with("Den 2026-11-23, enligt VGR: Skydd av barns digitala information"));

    container.remove();
}

#[wasm_bindgen_test]
async fn support_is_told_the_measure_is_a_blocking_and_which_words_of_the_answer_were_changed() {
    let (container, _handle) = mount_blocking_case().await;
    let blocked = find(&container, r#"[data-testid="guardian-view-vh2"]"#);
    let restriction = find(&blocked, r#"[data-testid="gv-restriction-vh2"]"#);
    assert!(
        text(&restriction).contains("blockering"),
        "{}",
        text(&restriction)
    );
    let caution = find(&blocked, r#"[data-testid="gv-wording-vh2"]"#);
    assert!(
        text(&caution)
            .contains("Orden är anpassade till blockering: \"förseglad\" → \"blockerad\""),
        "{}",
        text(&caution)
    );
    container.remove();
}

#[wasm_bindgen_test]
async fn unblocked_guardian_sees_the_child_and_the_journals() {
    let (container, _handle) = mount_blocking_case().await;

    let free = find(&container, r#"[data-testid="guardian-view-vh1"]"#);
    let start_page = find(&free, r#"[data-testid="gv-start-page-vh1"]"#);
    assert_eq!(
        start_page.get_attribute("data-shown").as_deref(),
        Some("true")
    );
    assert!(text(&start_page).contains("Elsa Test"));
    let switch = find(&free, r#"[data-testid="gv-switch-vh1"]"#);
    assert_eq!(
        switch.get_attribute("data-state").as_deref(),
        Some("listed")
    );
    let units = text(&find(&free, r#"[data-testid="gv-units-vh1"]"#));
    assert!(
        units.contains("BVC Norr") && units.contains("Barnmottagningen Centrum"),
        "{units}"
    );
    // No measure: nothing to withhold, so no standard answer is offered.
    assert!(free
        .query_selector(r#"[data-testid="standard-answer"]"#)
        .unwrap()
        .is_none());
    assert!(free
        .query_selector(r#"[data-testid="gv-no-measure-vh1"]"#)
        .unwrap()
        .is_some());

    container.remove();
}

#[wasm_bindgen_test]
async fn a_rule_set_without_standard_answer_says_so_instead_of_inventing_one() {
    let (container, _handle) = mount(|| {
        // Jönköping's routine blocks and shows a greyed name, but gives no standard answer.
        let case = training_case("rjl-blocking-locks-login").expect("built-in case");
        let state = insyn::provide_app_state(date(2026, 11, 23), case);
        let blocked_on = state.case.with_untracked(|case| {
            case.measures
                .first()
                .map(|m| m.period.from)
                .expect("the case has a blocking")
        });
        state.date.set(blocked_on);
        view! { <GuardianViewPanel/> }
    });
    leptos::task::tick().await;

    assert!(container
        .query_selector(r#"[data-testid="standard-answer"]"#)
        .unwrap()
        .is_none());
    // Said once, with what to do instead, as "Supporten" says it for the same cause.
    let none = find(&container, r#"[data-testid^="gv-wording-"]"#);
    assert!(
        text(&none).starts_with("Regelverket anger inget standardsvar. Berätta inte om åtgärden"),
        "{}",
        text(&none)
    );
    // Once for each guardian it concerns (here vh1's blocking and vh2's login lock).
    let sections = container.query_selector_all("section.gv-support").unwrap();
    for i in 0..sections.length() {
        let section: web_sys::Element = sections.item(i).unwrap().unchecked_into();
        let paragraphs = section.query_selector_all("p").unwrap();
        let saying_so = (0..paragraphs.length())
            .filter_map(|i| paragraphs.item(i))
            .filter(|p| {
                p.text_content()
                    .is_some_and(|t| t.trim().starts_with("Regelverket anger inget standardsvar"))
            })
            .count();
        assert_eq!(saying_so, 1, "said once: {}", text(&section));
    }
    let greyed = find(&container, r#"[data-state="greyed"]"#);
    assert!(
        text(&greyed).contains("Du har för närvarande inte tillgång till"),
        "{}",
        text(&greyed)
    );

    container.remove();
}

async fn mount_rule_sets() -> (web_sys::HtmlElement, impl Sized) {
    let mounted = mount(|| {
        insyn::provide_app_state(date(2026, 11, 23), example_case());
        view! { <RuleSetPage/> }
    });
    leptos::task::tick().await;
    // The differences table is drawn a few rows per task; wait for all of them.
    wait_for(
        &mounted.0,
        r#"[data-testid="rule-differences"][aria-busy="false"]"#,
    )
    .await;
    mounted
}

/// Open a rule set's section (its parameters are drawn once it is opened) and return it.
async fn open_rule_set(container: &web_sys::Element, id: &str) -> web_sys::Element {
    let section = find(container, &format!(r#"[data-testid="rule-set-{id}"]"#));
    find(&section, "summary")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    wait_for(&section, ".rs-params").await;
    section
}

#[wasm_bindgen_test]
async fn rule_set_page_lists_all_eight_rule_sets() {
    let (container, _handle) = mount_rule_sets().await;

    let sections = container
        .query_selector_all(r#"details[data-testid^="rule-set-"]"#)
        .unwrap();
    assert_eq!(sections.length(), 8);
    // Which rule sets are required is tested in the engine; here: the page shows each.
    for rule_set in &insyn_engine::Catalog::embedded().rule_sets {
        find(
            &container,
            &format!(r#"[data-testid="rule-set-{}"]"#, rule_set.id),
        );
    }
    let vgr = open_rule_set(&container, "vgr-2026").await;
    let proxy = find(
        &vgr,
        r#"[data-testid="param-vgr-2026-blocking_covers_proxy"]"#,
    );
    assert!(text(&proxy).contains("Blockering omfattar ombud/e-tjänster"));
    assert!(text(&find(&proxy, "code")).contains("blocking_covers_proxy"));
    assert!(text(&find(&proxy, ".rs-value")).contains("Ja"));
    // Values read as Swedish, not JSON: routes as who decides, null as "Inget/ingen".
    let route = find(
        &vgr,
        r#"[data-testid="param-vgr-2026-blocking_request"] .rs-value"#,
    );
    assert!(text(&route).contains("Beslutas av:"), "{}", text(&route));
    let national = open_rule_set(&container, "national").await;
    let national = find(
        &national,
        r#"[data-testid="param-national-standard_answer"] .rs-value"#,
    );
    assert!(
        text(&national).contains("Inget/ingen"),
        "{}",
        text(&national)
    );

    container.remove();
}

#[wasm_bindgen_test]
async fn differences_table_shows_blocking_covers_proxy_differing_between_vgr_versions() {
    let (container, _handle) = mount_rule_sets().await;

    let table = find(&container, r#"[data-testid="rule-differences"]"#);
    let row = find(&table, r#"tr[data-rule-id="blocking_covers_proxy"]"#);
    let old = text(&find(&row, r#"td[data-rule-set="vgr-2019"]"#));
    let new = text(&find(&row, r#"td[data-rule-set="vgr-2026"]"#));
    assert!(old.starts_with("Nej"), "{old}");
    assert!(new.starts_with("Ja"), "{new}");
    // A parameter every rule set agrees on is not a difference.
    assert!(table
        .query_selector(r#"tr[data-rule-id="adult_age"]"#)
        .unwrap()
        .is_none());

    container.remove();
}

#[wasm_bindgen_test]
async fn filter_narrows_the_parameter_list() {
    let (container, _handle) = mount_rule_sets().await;
    open_rule_set(&container, "vgr-2026").await;
    let params = r#"[data-testid^="param-vgr-2026-"]"#;
    let all = visible_count(&container, params);
    assert!(all > 30, "{all}");

    let input: web_sys::HtmlInputElement =
        find(&container, r#"[data-testid="rule-filter"]"#).unchecked_into();
    input.set_value("blocking_covers");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(visible_count(&container, params), 2);
    // The differences table follows the same filter.
    assert_eq!(
        visible_count(&container, r#"tr[data-rule-id="blocking_covers_proxy"]"#),
        1
    );
    assert_eq!(
        visible_count(&container, r#"tr[data-rule-id="sealing_covers_proxy"]"#),
        0
    );

    // The Swedish term works too: "Standardsvar" finds standard_answer.
    input.set_value("standardsvar");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(visible_count(&container, params), 1);
    let shown = find(
        &container,
        r#"[data-testid="param-vgr-2026-standard_answer"]"#,
    );
    assert!(!shown.has_attribute("hidden"));
    // Matching rule sets open so the hits are seen.
    assert!(find(&container, r#"[data-testid="rule-set-vgr-2026"]"#).has_attribute("open"));

    container.remove();
}
