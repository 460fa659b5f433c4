//! "Supporten" in a browser, and the rule answers in "Vad ser vårdnadshavaren?": staff fill
//! in what a calling guardian says and get every cause with whether it may be told, the
//! answer (to copy or print) and the line it rests on. Run with
//! `cargo test --target wasm32-unknown-unknown -p insyn --test support_desk`.

#![cfg(target_arch = "wasm32")]

use insyn::components::guardian_view::GuardianViewPanel;
use insyn::components::support::{PrintedAnswerSheet, SupportDesk};
use insyn::training_cases::{example_case, training_case};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, main_text, settle, sleep, Page};

/// "Supporten" on 2026-11-25, with the sheet an answer is printed on.
async fn open_support() -> Page {
    Page::open_with(move || {
        let state = insyn::provide_app_state(date(2026, 11, 25), example_case());
        (state, view! { <SupportDesk/> <PrintedAnswerSheet/> })
    })
    .await
}

impl Page {
    async fn type_into(&self, selector: &str, value: &str) {
        let input = self.get(selector);
        js_sys::Reflect::set(&input, &"value".into(), &value.into()).unwrap();
        fire(&input, "input");
        settle().await;
    }

    async fn choose(&self, selector: &str) {
        let input: web_sys::HtmlInputElement = self.get(selector).unchecked_into();
        input.set_checked(true);
        fire(&input, "change");
        settle().await;
    }

    async fn region(&self, code: &str) {
        let select: web_sys::HtmlSelectElement =
            self.get("[data-testid=support-region]").unchecked_into();
        select.set_value(code);
        fire(&select, "change");
        settle().await;
    }

    /// The `data-cause` of every cause listed, in order.
    fn causes(&self) -> Vec<String> {
        self.all("[data-testid=cause]")
            .iter()
            .map(|c| c.get_attribute("data-cause").unwrap_or_default())
            .collect()
    }

    fn cause(&self, key: &str) -> web_sys::HtmlElement {
        self.get(&format!("[data-testid=cause][data-cause=\"{key}\"]"))
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.container.remove();
    }
}

fn text_in(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_view_asks_for_what_it_lacks_before_it_answers() {
    let page = open_support().await;
    assert_eq!(
        page.text("[data-testid=support-waiting]"),
        "Ange barnets ålder."
    );
    let field = page.get("[data-testid=support-age]");
    page.type_into("[data-testid=support-age]", "13").await;
    assert_eq!(
        page.text("[data-testid=support-waiting]"),
        "Välj vad vårdnadshavaren beskriver."
    );
    // Typing does not redraw the field, so it keeps the focus and the next digit.
    assert!(field.is_same_node(Some(&page.get("[data-testid=support-age]"))));
    page.type_into("[data-testid=support-age]", "tretton").await;
    assert!(page
        .text("#support-age-problem")
        .contains("Ange åldern i hela år"));
    assert_eq!(
        page.text("[data-testid=support-waiting]"),
        "Ange barnets ålder."
    );
    // The day of the call is today, from the page, not the engine.
    let day: web_sys::HtmlInputElement =
        page.get("[data-testid=support-call-date]").unchecked_into();
    assert_eq!(day.value(), "2026-11-25");
}

#[wasm_bindgen_test]
async fn a_child_who_just_turned_13_gets_the_age_rule_with_its_quoted_line_and_an_answer_that_may_be_told(
) {
    let page = open_support().await;
    page.type_into("[data-testid=support-age]", "13").await;
    page.choose("[data-testid=support-observation-just_had_birthday]")
        .await;

    assert_eq!(page.causes(), ["rule-guardian_access_until_age"]);
    let cause = page.cause("rule-guardian_access_until_age");
    assert_eq!(text_in(&cause, ".cause-name"), "Barnet har fyllt 13 år");
    assert!(text_in(&cause, "[data-testid=cause-disclosure]").contains("Får berättas"));
    let answer = text_in(&cause, "[data-testid=cause-answer]");
    assert!(answer.starts_with("Ditt barn har fyllt 13 år."), "{answer}");
    assert!(answer.contains("fråga mottagningen"), "{answer}");
    let quote = text_in(&cause, ".cited-line blockquote");
    assert!(quote.contains("13 år"), "{quote}");
    assert_eq!(text_in(&cause, ".cited-certainty"), "Står i källan");
    assert!(text_in(&cause, ".cited-source") == "Källa: VGR:s vägledning RS 2026-01475, 2026");
    // The file is one click away.
    assert!(text_in(&cause, ".source-details").contains("shared/seeds/003_097ff6d8510613af.txt"));
    assert!(page
        .text("[data-testid=support-child-line]")
        .contains("räknar Insyn med att barnet fyllde 13 år på samtalsdagen"));
    // No rule ids or file names for staff.
    let shown = main_text(&page.get("[data-testid=support-result]"));
    for internal in ["guardian_access_until_age", "SEED-", "seeds/", ".txt"] {
        assert!(!shown.contains(internal), "{internal} shown: {shown}");
    }
}

#[wasm_bindgen_test]
async fn a_birth_date_gives_the_birthday_in_words_and_a_birthday_that_changes_nothing_says_which_ones_do(
) {
    let page = open_support().await;
    page.choose("[data-testid=support-given-birth-date]").await;
    page.type_into("[data-testid=support-birth-date]", "2013-11-20")
        .await;
    page.choose("[data-testid=support-observation-just_had_birthday]")
        .await;
    let answer = text_in(
        &page.cause("rule-guardian_access_until_age"),
        "[data-testid=cause-answer]",
    );
    assert!(
        answer.starts_with("Ditt barn fyllde 13 år den 20 november 2026."),
        "{answer}"
    );

    page.type_into("[data-testid=support-birth-date]", "2012-11-20")
        .await;
    assert!(page.causes().is_empty());
    let none = page.text("[data-testid=support-none]");
    assert!(none.contains("fyller 14 år"), "{none}");
    assert!(none.contains("13, 16 och 18 år"), "{none}");
}

#[wasm_bindgen_test]
async fn a_greyed_name_in_vgr_is_a_blocking_with_the_screen_text_and_the_standard_answer_reworded()
{
    let page = open_support().await;
    page.region("vgr").await;
    page.type_into("[data-testid=support-age]", "8").await;
    page.choose("[data-testid=support-observation-name_greyed]")
        .await;

    assert_eq!(page.causes(), ["measure-blocking"]);
    let blocking = page.cause("measure-blocking");
    assert!(text_in(&blocking, "[data-testid=cause-screen]")
        .contains("Du har för närvarande inte tillgång till Förnamn Efternamns journal"));
    assert!(text_in(&blocking, "[data-testid=cause-disclosure]").contains("Berättas inte alltid"));
    let answer = text_in(&blocking, "[data-testid=cause-answer]");
    assert!(
        answer.starts_with("Ditt barns journal är för närvarande blockerad"),
        "{answer}"
    );
    assert!(text_in(&blocking, ".answer-label").contains("\"förseglad\" → \"blockerad\""));
    // The greyed name is read from another region's routine, and the view says so.
    let sources = text_in(&blocking, ".cause-more-sources");
    assert!(sources.contains("Tolkat"), "{sources}");
    assert!(sources.contains("Region Jönköpings län"), "{sources}");
}

#[wasm_bindgen_test]
async fn a_greyed_name_in_jonkoping_says_there_is_no_standard_answer_instead_of_inventing_one() {
    let page = open_support().await;
    page.region("rjl").await;
    page.type_into("[data-testid=support-age]", "8").await;
    page.choose("[data-testid=support-observation-name_greyed]")
        .await;

    assert_eq!(page.causes(), ["measure-blocking"]);
    let blocking = page.cause("measure-blocking");
    assert!(blocking
        .query_selector("[data-testid=cause-answer]")
        .unwrap()
        .is_none());
    assert!(text_in(&blocking, "[data-testid=cause-guidance]").contains("inget standardsvar"));
}

#[wasm_bindgen_test]
async fn an_answer_is_printed_alone_under_a_title_that_names_no_cause() {
    let page = open_support().await;
    let window = web_sys::window().unwrap();
    let printed = std::rc::Rc::new(std::cell::Cell::new(0));
    let count = printed.clone();
    let stub = Closure::<dyn Fn()>::new(move || count.set(count.get() + 1));
    js_sys::Reflect::set(&window, &"print".into(), stub.as_ref()).unwrap();

    page.region("vgr").await;
    page.type_into("[data-testid=support-age]", "8").await;
    page.choose("[data-testid=support-observation-name_greyed]")
        .await;
    page.click("[data-testid=cause][data-cause=measure-blocking] [data-testid=print-answer]")
        .await;
    sleep(20).await;
    settle().await;

    assert_eq!(printed.get(), 1, "the browser was asked to print");
    let sheet = page.text("[data-testid=answer-print-sheet]");
    assert!(sheet.starts_with("Svar till vårdnadshavaren"), "{sheet}");
    assert!(
        sheet.contains("Ditt barns journal är för närvarande blockerad"),
        "{sheet}"
    );
    assert!(
        !sheet.contains("Blockering"),
        "the title names no cause: {sheet}"
    );
    // Once the browser has printed, the sheet goes.
    let after = web_sys::Event::new("afterprint").unwrap();
    window.dispatch_event(&after).unwrap();
    settle().await;
    assert!(page.find("[data-testid=answer-print-sheet]").is_none());
}

#[wasm_bindgen_test]
async fn a_call_before_the_region_had_rules_is_refused_in_words() {
    let page = open_support().await;
    page.region("vgr").await;
    page.type_into("[data-testid=support-age]", "3").await;
    page.choose("[data-testid=support-observation-no_journal]")
        .await;
    page.type_into("[data-testid=support-call-date]", "2018-06-01")
        .await;
    assert!(page.find("[data-testid=support-refused]").is_some());
    assert!(page.causes().is_empty());
}

#[wasm_bindgen_test]
async fn the_guardian_view_of_a_child_who_just_turned_13_gives_the_age_rule_and_an_answer() {
    let page = Page::open_with(move || {
        let state = insyn::provide_app_state(date(2028, 5, 10), example_case());
        state.date.set(date(2028, 5, 10));
        (state, view! { <GuardianViewPanel/> })
    })
    .await;
    let rules = page.get("[data-testid=gv-rules-vh1]");
    let answer = text_in(&rules, "[data-testid=cause-answer]");
    assert!(
        answer.starts_with("Ditt barn fyllde 13 år den 10 maj 2028."),
        "{answer}"
    );
    assert!(text_in(&rules, ".cited-line blockquote").contains("13"));
    assert!(page
        .text("[data-testid=gv-no-measure-vh1]")
        .contains("regel som gäller alla barn"));
}

#[wasm_bindgen_test]
async fn a_blocked_guardian_in_vgr_is_shown_the_greyed_name_with_its_message() {
    let page = Page::open_with(move || {
        let case = training_case("one-guardian-risk-blocking").expect("built-in case");
        let state = insyn::provide_app_state(date(2026, 11, 23), case);
        state.date.set(date(2026, 11, 23));
        (state, view! { <GuardianViewPanel/> })
    })
    .await;
    let switch = page.get("[data-testid=gv-switch-vh2]");
    assert_eq!(
        switch.get_attribute("data-state").as_deref(),
        Some("greyed")
    );
    assert!(switch
        .text_content()
        .unwrap_or_default()
        .contains("Du har för närvarande inte tillgång till Elsa Tests journal"));
}
