//! A calm screen: every label follows what it names as soon as that changes, sources are
//! named as staff know them with the file one click away, rule and measure ids stay behind
//! "Visa regel-id" (or on "Regelverk"), and no view says the same thing twice or speaks of
//! a sealing where the measure is a blocking.

use insyn::components::access_matrix::SituationView;
use insyn::components::case_editor::CaseEditor;
use insyn::components::documents::DocumentsView;
use insyn::components::guardian_view::GuardianViewPanel;
use insyn::training_cases::training_case;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{date, fire, main_text, settle, Page};

/// The editor beside "Läget", "Vad ser vårdnadshavaren?" and "Dokument", as staff switch
/// between them, on the blocking case (Peter Test, vh2, blocked from 2026-06-15) on
/// 2026-11-23.
async fn open_blocking_case() -> Page {
    Page::open_with(move || {
        let case = training_case("one-guardian-risk-blocking").expect("built-in case");
        let state = insyn::provide_app_state(date(2026, 11, 23), case);
        state.date.set(date(2026, 11, 23));
        (
            state,
            view! {
                <CaseEditor/>
                <SituationView/>
                <GuardianViewPanel/>
                <DocumentsView/>
            },
        )
    })
    .await
}

async fn type_into(page: &Page, path: &str, value: &str) {
    let input = page.field(path);
    input.set_value(value);
    fire(input.unchecked_ref(), "input");
    settle().await;
}

#[wasm_bindgen_test]
async fn renaming_a_guardian_a_unit_or_the_child_renames_every_label_that_names_them_at_once() {
    let page = open_blocking_case().await;
    let legend = "[data-testid=measure-blockering-vh2] > legend";
    assert!(page
        .text(legend)
        .contains("Blockering av Peter Test, från 2026-06-15"));

    type_into(&page, "guardians[1].name", "Johan").await;
    // The editor, the matrix, the guardian view and the documents' choice all follow.
    assert!(
        page.text(legend)
            .contains("Blockering av Johan, från 2026-06-15"),
        "{}",
        page.text(legend)
    );
    let rows = page.all_text(".access-matrix tbody th");
    assert!(
        rows.iter().any(|r| r == "Vårdnadshavare 2 (Johan)"),
        "{rows:?}"
    );
    assert!(page
        .text("[data-testid=guardian-view-vh2] h3")
        .contains("Johan"));
    assert_eq!(
        page.all_text("[data-testid=doc-measure] option"),
        ["Blockering av Johan, från 2026-06-15"]
    );
    assert!(!main_text(&page.container).contains("Peter"));

    // A unit renamed changes no answer, yet its name follows in the matrix header and in
    // the journals the guardian can read.
    type_into(&page, "care_units[1].name", "Barnmottagningen Väster").await;
    let headers = page.all_text(".access-matrix thead th");
    assert!(
        headers
            .iter()
            .any(|h| h == "Journal: Barnmottagningen Väster"),
        "{headers:?}"
    );
    assert!(page
        .text("[data-testid=gv-units-vh1]")
        .contains("Barnmottagningen Väster"));
    assert!(!page
        .text("[data-testid=gv-units-vh1]")
        .contains("Barnmottagningen Centrum"));

    // The child renamed: the guardian's start page names the new name.
    type_into(&page, "child.name", "Alva Test").await;
    assert!(page
        .text("[data-testid=gv-start-page-vh1]")
        .contains("Alva Test"));
    page.container.remove();
}

#[wasm_bindgen_test]
async fn a_source_is_named_as_staff_know_it_with_its_file_one_click_away() {
    let page = open_blocking_case().await;
    page.click("[data-testid=cell-vh2-proxy]").await;
    let explanation = page.get("[data-testid=explanation]");
    let sources: Vec<String> = page.all_text("[data-testid=explanation] .citation-source");
    assert!(
        sources
            .iter()
            .any(|s| s == "Källa: VGR:s vägledning RS 2026-01475, 2026"),
        "{sources:?}"
    );
    // The file and the rule's id are there, folded.
    let folded = page.all_text("[data-testid=explanation] .source-details");
    assert!(
        folded
            .iter()
            .any(|f| f.contains("shared/seeds/003_097ff6d8510613af.txt")),
        "{folded:?}"
    );
    for details in page.all("[data-testid=explanation] details") {
        assert!(!details.has_attribute("open"), "a disclosure starts closed");
    }
    let rule_ids = page.all_text("[data-testid=explanation] details.rule-id");
    assert!(
        rule_ids.iter().any(|r| r.contains("blocking_covers_proxy")),
        "{rule_ids:?}"
    );
    assert!(rule_ids.iter().all(|r| r.starts_with("Visa regel-id")));
    // What staff read without opening anything names no id, code or file.
    let shown = main_text(&explanation);
    for internal in [
        "SEED-",
        "seeds/",
        ".txt",
        "Regel:",
        "blocking_covers",
        "blockering-vh2",
    ] {
        assert!(!shown.contains(internal), "{internal} shown: {shown}");
    }
    page.container.remove();
}

#[wasm_bindgen_test]
async fn no_main_text_of_the_blocking_case_shows_an_id_of_the_case_or_a_rule() {
    let page = open_blocking_case().await;
    page.click("[data-testid=\"cell-vh2-journal:barnmottagningen\"]")
        .await;
    let shown = main_text(&page.container);
    for internal in [
        "blockering-vh2",
        "(vh1)",
        "(vh2)",
        "SEED-",
        "shared/seeds",
        "blocking_covers",
        "Regel:",
    ] {
        assert!(!shown.contains(internal), "{internal} shown");
    }
    page.container.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_case_says_why_there_is_no_matrix_and_asks_for_no_cell() {
    let page = open_blocking_case().await;
    // A birth date after the asked date makes the case unanswerable on that date.
    let birth = page.field("child.birth_date");
    birth.set_value("2027-01-01");
    fire(birth.unchecked_ref(), "input");
    fire(birth.unchecked_ref(), "change");
    settle().await;
    let shown = main_text(&page.container);
    assert!(
        page.find("[data-testid=matrix-unavailable]").is_some(),
        "{shown}"
    );
    assert!(!shown.contains("Välj en ruta"), "{shown}");
    page.container.remove();
}
