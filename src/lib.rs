//! The Insyn web app: a Leptos client-side-rendered page compiled to WebAssembly, on top of
//! the engine crate. Staff describe a child's situation and see who can see what in 1177 on
//! any date, why, and how it changes over the years. Everything runs in the browser; no data
//! leaves the page.

use leptos::prelude::*;

pub mod address;
pub mod components;
pub mod personal_data;
pub mod state;
pub mod storage;
pub mod trainer;
pub mod training_cases;

use components::access_matrix::SituationView;
use components::case_editor::{CaseEditor, ErrorSummary, TrainingCasePicker};
use components::compare::Compare;
use components::decision::DecisionSupport;
use components::documents::DocumentsView;
use components::edit_status::EditStatus;
use components::guardian_view::GuardianViewPanel;
use components::header::{AppHeader, HarmAssessmentNotice};
use components::preview::{ActionNotice, MeasurePreview};
use components::rule_sets::RuleSetPage;
use components::saved_cases::{ReplaceCaseDialog, SavedCasesPanel};
use components::support::{PrintedAnswerSheet, SupportDesk};
use components::timeline::Timeline;
use components::trainer::TrainerMode;
use state::{today_from_browser, AppState, View};
use training_cases::example_case;

/// Create the state for a page and provide it to every component below.
pub fn provide_app_state(
    today: chrono::NaiveDate,
    case: &training_cases::TrainingCase,
) -> AppState {
    let state = AppState::new(today, case);
    provide_context(state);
    state
}

/// The whole page: the case on the left, the chosen view on the right.
#[component]
pub fn App() -> impl IntoView {
    let state = provide_app_state(today_from_browser(), example_case());
    // The staff member's own details, if they asked this browser to remember them.
    if let Some(details) = components::staff_details::remembered() {
        state.staff.set(details);
    }
    // The open case a reload left in this tab, the saved cases, and the tab's copy kept
    // up to date from here on.
    components::saved_cases::provide_browser_storage(state);
    // The view in the address, and a shared training case in it (reported with the files).
    let file_status = components::case_editor::file_status();
    address::follow(state, move |data| {
        components::case_editor::open_shared_case(state, file_status, data)
    });
    // Only opening and closing the preview swaps the view; editing the draft does not.
    let previewing = Memo::new(move |_| state.draft.with(Option::is_some));
    // The trainers' mode takes the whole page: the case editor, the tabs and the header are
    // hidden (not taken out, so they are as they were when it is left).
    let training = Memo::new(move |_| state.view.get() == View::Training);
    // Supporten starts from the call: the case panel steps aside (style/support.css).
    let supporting = Memo::new(move |_| state.view.get() == View::Support);
    let panel_drawn = drawn_after_first_frame();
    // The timeline chart's first width, from the view panel (`timeline::chart::guess_width`).
    let view_panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(panel) = view_panel.get() {
            components::timeline::guess_chart_width(&panel, state.timeline_width);
        }
    });
    view! {
        <div class="app-page" class:supporting=move || supporting.get() hidden=move || training.get()>
        <a class="skip-link" href="#main">"Hoppa till resultatet"</a>
        <AppHeader/>
        <div class="layout">
            <aside class="case-panel" aria-label="Fallet">
                // The whole panel follows the first frame: the training cases and the saved
                // cases too, not only the editor (ready about 10 % sooner, README).
                {move || panel_drawn.get().then(|| view! {
                    <TrainingCasePicker/>
                    <SavedCasesPanel/>
                    <CaseEditor/>
                })}
            </aside>
            <main id="main" data-testid="main" tabindex="-1">
                <ErrorSummary/>
                <ViewTabs/>
                <ActionNotice/>
                <EditStatus/>
                <div
                    class="view-panel"
                    role="tabpanel"
                    id="view-panel"
                    node_ref=view_panel
                    aria-labelledby=move || tab_id(state.view.get())
                >
                    {move || if previewing.get() {
                        // A measure being added is previewed in place of the view.
                        view! { <MeasurePreview/> }.into_any()
                    } else { match state.view.get() {
                        View::Situation => view! { <SituationView/> }.into_any(),
                        View::Decide => view! { <DecisionSupport/> }.into_any(),
                        View::Documents => view! { <DocumentsView/> }.into_any(),
                        View::Timeline => view! { <Timeline/> }.into_any(),
                        View::Compare => view! { <Compare/> }.into_any(),
                        View::GuardianView => view! { <GuardianViewPanel/> }.into_any(),
                        View::Support => view! { <SupportDesk/> }.into_any(),
                        View::RuleSets => view! { <RuleSetPage/> }.into_any(),
                        View::Training => ().into_any(),
                    }}}
                </div>
                <HarmAssessmentNotice/>
            </main>
        </div>
        </div>
        {move || training.get().then(|| view! { <TrainerMode/> })}
        <ReplaceCaseDialog/>
        <PrintedAnswerSheet/>
    }
}

/// Becomes true once the page's first frame is on screen. The case panel waits for it:
/// building the editor's 74 fields, the training-case picker and the saved cases, then
/// styling and laying them out, was a large part of the work before the first frame
/// (README, "First frame first"), and staff look at the answer first, so the matrix shows
/// sooner and the panel follows a frame later. The plain timer
/// is for a page opened in a background tab, which draws no frames until it is shown.
fn drawn_after_first_frame() -> ReadSignal<bool> {
    let (drawn, set_drawn) = signal(false);
    // `try_`: the page may be gone (a component test unmounts it) before the timers run.
    let draw = move || {
        if drawn.try_get_untracked() == Some(false) {
            set_drawn.try_set(true);
        }
    };
    components::after_next_frame(draw);
    set_timeout(draw, std::time::Duration::from_millis(200));
    drawn
}

/// The view chooser, following the ARIA tabs pattern: only the selected tab is in the Tab
/// order (roving `tabindex`), ← and → select the previous and next tab (wrapping round),
/// Home and End the first and last. Selection follows the keyboard: a view is quick to
/// show, and a tab that only moved the keyboard would leave the panel naming another tab.
#[component]
pub fn ViewTabs() -> impl IntoView {
    let state = state::use_app_state();
    let count = View::TABS.len();
    let choose = move |index: usize| {
        let view = View::TABS[index];
        state.view.set(view);
        components::focus_id(&tab_id(view));
    };
    view! {
        <nav class="view-tabs" aria-label="Vyer">
            <ul role="tablist">
                {View::TABS
                    .into_iter()
                    .enumerate()
                    .map(|(index, view)| {
                        let selected = move || state.view.get() == view;
                        let on_key = move |ev: leptos::ev::KeyboardEvent| {
                            if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
                                return;
                            }
                            let next = match ev.key().as_str() {
                                "ArrowRight" => (index + 1) % count,
                                "ArrowLeft" => (index + count - 1) % count,
                                "Home" => 0,
                                "End" => count - 1,
                                _ => return,
                            };
                            ev.prevent_default();
                            choose(next);
                        };
                        view! {
                            <li role="presentation">
                                <button
                                    type="button"
                                    role="tab"
                                    id=tab_id(view)
                                    data-testid=tab_id(view)
                                    aria-selected=move || selected().to_string()
                                    aria-controls="view-panel"
                                    tabindex=move || if selected() { "0" } else { "-1" }
                                    class:active=selected
                                    on:click=move |_| state.view.set(view)
                                    on:keydown=on_key
                                >
                                    {view.label_sv()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The id (and test id) of a view's tab: `tab-situation`.
fn tab_id(view: View) -> String {
    format!("tab-{}", view.id())
}
