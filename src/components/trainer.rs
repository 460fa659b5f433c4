//! "Utbildningsläge", the trainers' mode: the open case presented to a room on a projector.
//! Large type, the editor folded away; the case's story, then each step's question and, on
//! demand, its answer (who sees what on the date, what changed and why, the guidance
//! quoted, what to discuss). Space, → and Page Down go on, ← and Page Up go back (never
//! while a form field has the keyboard), Escape or "Avsluta" leaves.
//!
//! What the steps are and what a stage shows is decided in `crate::trainer`; the notes are
//! data in `crate::training_cases`. These components read them and the app state, render,
//! and send the trainer's moves.

mod answer;
mod story;

use insyn_engine::EngineError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::header::HarmAssessmentNotice;
use crate::state::{use_app_state, AppState, View};
use crate::trainer::{command, lesson_for, steps, Command, Focus, Part, Stage, Step};
use crate::training_cases::{training_case, TrainingCase, TRAINING_CASES};
use answer::answer_markup;
use story::{question_markup, story_markup};

/// What the mode's components share: the lesson and the steps of the open case. Where the
/// trainer is, is the state's (`AppState::training`), fitted to the steps.
#[derive(Clone, Copy)]
struct Trainer {
    state: AppState,
    lesson: Memo<Option<&'static TrainingCase>>,
    steps: Memo<Result<Vec<Step>, EngineError>>,
}

fn use_trainer() -> Trainer {
    expect_context::<Trainer>()
}

impl Trainer {
    fn new(state: AppState) -> Trainer {
        // The built-in cases live as long as the page: the same case is the same reference.
        let lesson = Memo::new_with_compare(
            move |_| lesson_for(&state.case.read(), state.today),
            |old: Option<&Option<&'static TrainingCase>>, new| match (old, new) {
                (Some(Some(old)), Some(Some(new))) => !std::ptr::eq(*old, *new),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        );
        // New steps only when the case or its lesson changes; never compared (they are
        // new then).
        let steps = Memo::new_with_compare(
            move |_| {
                let notes = lesson.get().map_or(&[][..], |t| t.lesson.notes);
                match state.timeline.read().as_ref() {
                    Ok(timeline) => Ok(steps(&state.case.read(), timeline, notes)),
                    Err(error) => Err(error.clone()),
                }
            },
            |_, _| true,
        );
        Trainer {
            state,
            lesson,
            steps,
        }
    }

    fn count(&self) -> usize {
        self.steps.read().as_ref().map_or(0, Vec::len)
    }

    /// Where the trainer is, within the steps the case has now.
    fn stage(&self) -> Stage {
        self.state.training.get().stage.fit(self.count())
    }

    /// The markup of a part of the stage (`Part::Story`, `Question` or `Answer`), from the
    /// case, its timeline and steps, and the engine's answer on the step's date. One
    /// function for all three, reading the state once each.
    fn markup(&self, part: Part) -> Option<String> {
        let state = self.state;
        let stage = self.stage();
        let steps = self.steps.read();
        let steps = steps.as_ref().ok()?;
        let timeline = state.timeline.read();
        let timeline = timeline.as_ref().ok()?;
        let case = state.case.read();
        let catalog = state.catalog;
        let Some(index) = stage.step() else {
            let lesson = self.lesson.get();
            return Some(story_markup(catalog, &case, timeline, lesson, steps));
        };
        let step = steps.get(index)?;
        let evaluation = insyn_engine::evaluate(catalog, &case, step.date, None);
        Some(match (part, evaluation) {
            (Part::Answer, Ok(evaluation)) => {
                let rule_set = catalog.get(evaluation.rule_set_id)?;
                answer_markup(catalog, &case, timeline, step, &evaluation, rule_set)
            }
            (Part::Answer, Err(error)) => {
                let mut text =
                    String::from("<p class=\"trainer-unavailable\">Svaret kan inte visas: ");
                crate::components::markup::escape_into(&mut text, &error.message_sv());
                text + "</p>"
            }
            (_, evaluation) => {
                let evaluation = evaluation.ok();
                question_markup(
                    catalog,
                    &case,
                    step,
                    index + 1,
                    steps.len(),
                    evaluation.as_ref().map(|e| e.child_age),
                    evaluation.as_ref().map(|e| e.rule_set_id),
                )
            }
        })
    }

    /// Carry out a move: on, back, or out of the mode.
    fn run(&self, command: Command) {
        let state = self.state;
        let stage = untrack(|| self.stage());
        let count = untrack(|| self.count());
        match command {
            Command::Forward => state.training.update(|t| t.stage = stage.forward(count)),
            Command::Back => state.training.update(|t| t.stage = stage.back()),
            Command::Leave => {
                let date = stage.step().and_then(|i| {
                    let steps = self.steps.read_untracked();
                    steps.as_ref().ok()?.get(i).map(|s| s.date)
                });
                leave(state, date)
            }
        }
    }
}

/// Leave the mode for the view the trainer came from; at a step, "Läget" and the other
/// views show its date.
fn leave(state: AppState, date: Option<chrono::NaiveDate>) {
    if let Some(date) = date {
        state.date.set(date);
        state.notice.set(Some(format!(
            "Utbildningsläget är avslutat. Vyerna visar {date}, datumet i steget där du slutade."
        )));
    }
    let back = state.training.get_untracked().returns_to;
    state.view.set(if back == View::Training {
        View::Situation
    } else {
        back
    });
}

/// Open the mode from another view, to come back to it on leaving.
pub fn enter(state: AppState) {
    let from = state.view.get_untracked();
    if from != View::Training {
        state.training.update(|t| t.returns_to = from);
        state.view.set(View::Training);
    }
}

/// Whether the keyboard is nowhere in particular: on the page's body, or on an element no
/// longer in it (a part of the last stage).
fn focus_lost() -> bool {
    match document().active_element() {
        None => true,
        Some(element) => {
            !element.is_connected() || document().body().is_some_and(|b| *b == element)
        }
    }
}

/// The mode: the whole page while it is open.
#[component]
pub fn TrainerMode() -> impl IntoView {
    let state = use_app_state();
    let trainer = Trainer::new(state);
    provide_context(trainer);

    // The keys: only while the mode is in the page, and not while a question is open in a
    // dialog (its keys are its own).
    let root = NodeRef::<leptos::html::Div>::new();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let shown = root.get_untracked().is_some_and(|r| r.is_connected());
        if !shown || ev.default_prevented() || state.pending_replace.with_untracked(Option::is_some)
        {
            return;
        }
        let focus = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .map_or(Focus::Other, |element| {
                Focus::of(&element.tag_name(), element.is_content_editable())
            });
        let modifier = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
        if let Some(command) = command(&ev.key(), focus, modifier) {
            ev.prevent_default();
            trainer.run(command);
        }
    });
    on_cleanup(move || keys.remove());

    // Arriving, the keyboard starts at the mode's heading; leaving, it goes back to the
    // button that opens the mode (or the page's main part), hidden while the mode is open.
    request_animation_frame(|| super::focus_id("trainer-title"));
    on_cleanup(|| {
        request_animation_frame(|| {
            if focus_lost() {
                super::focus_id("open-trainer");
            }
            if focus_lost() {
                super::focus_id("main");
            }
        })
    });
    // A new stage replaces what was shown: the keyboard, if it was in it, goes to the new
    // stage's heading, never to nowhere; a new question starts at the top of the page.
    Effect::new(move |previous: Option<Stage>| {
        let stage = trainer.stage();
        if previous.is_some_and(|p| p != stage) {
            request_animation_frame(move || {
                if focus_lost() {
                    super::focus_id("trainer-stage-heading");
                }
                match stage {
                    // An answer far down the screen is brought up under the moves.
                    Stage::Answer(_) => {
                        let answer = document()
                            .get_element_by_id("trainer-answer")
                            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
                        if let Some(answer) = answer {
                            let window = window();
                            let number = |v: Result<wasm_bindgen::JsValue, _>| {
                                v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
                            };
                            let height = number(window.inner_height());
                            let top =
                                f64::from(answer.offset_top()) - window.scroll_y().unwrap_or(0.0);
                            if top > height / 2.0 {
                                answer.scroll_into_view();
                            }
                        }
                    }
                    _ => window().scroll_to_with_x_and_y(0.0, 0.0),
                }
            });
        }
        stage
    });

    let content = move || match trainer.steps.read().as_ref().err().cloned() {
        Some(error) => view! {
            <p class="trainer-unavailable" role="status" data-testid="trainer-unavailable">
                "Fallet kan inte visas i utbildningsläget: " {error.message_sv()}
                " Avsluta utbildningsläget och rätta fallet först."
            </p>
        }
        .into_any(),
        None => view! { <TrainerStage/> }.into_any(),
    };
    view! {
        <div class="trainer" data-testid="trainer" node_ref=root>
            <header class="trainer-header">
                <h1 id="trainer-title" tabindex="-1">
                    "Insyn " <span class="trainer-title-mode">"utbildningsläge"</span>
                </h1>
                <TrainerCasePicker/>
                <button
                    type="button"
                    class="secondary trainer-leave"
                    data-testid="trainer-leave"
                    aria-keyshortcuts="Escape"
                    on:click=move |_| trainer.run(Command::Leave)
                >
                    "Avsluta utbildningsläget"
                </button>
            </header>
            <main id="trainer-main" class="trainer-main" tabindex="-1">
                <StepControls/>
                {content}
                <HarmAssessmentNotice/>
            </main>
        </div>
    }
}

/// The case to present: the open one, or a built-in case with its lesson.
#[component]
fn TrainerCasePicker() -> impl IntoView {
    let state = use_app_state();
    let trainer = use_trainer();
    let chosen = RwSignal::new(String::new());
    // The list shows the open case: a built-in case by its id, another as "Det öppna fallet".
    Effect::new(move |_| chosen.set(trainer.lesson.get().map_or("", |t| t.id).to_string()));
    let open_title = move || {
        (state.case.read().title.clone())
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "utan rubrik".into())
    };
    let open_case = move |_| {
        let id = chosen.get_untracked();
        let same = trainer.lesson.get_untracked().is_some_and(|t| t.id == id);
        match training_case(&id) {
            Some(training) if !same => {
                let title = training.title();
                state.replace_after_asking(format!("övningsfallet ”{title}”"), move || {
                    state.load(training)
                });
            }
            // The case already open: from its beginning.
            _ => state.training.update(|t| t.stage = Stage::Intro),
        }
    };
    let options = TRAINING_CASES
        .iter()
        .map(|c| view! { <option value=c.id>{c.title()}</option> })
        .collect_view();
    view! {
        <div class="trainer-case-picker">
            <label for="trainer-case">"Fall"</label>
            <select
                id="trainer-case"
                data-testid="trainer-case"
                prop:value=move || chosen.get()
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                <option value="" hidden=move || trainer.lesson.get().is_some()>
                    "Det öppna fallet: " {open_title}
                </option>
                {options}
            </select>
            <button type="button" data-testid="trainer-open-case" on:click=open_case>
                "Starta"
            </button>
        </div>
    }
}

/// Where the trainer is, and the buttons that move: always in the page, so the keyboard
/// on them stays there. A button that cannot move says so (`aria-disabled`) but keeps the
/// keyboard.
#[component]
fn StepControls() -> impl IntoView {
    let trainer = use_trainer();
    let can_back = move || trainer.stage().can_back();
    let can_forward = move || trainer.stage().can_forward(trainer.count());
    let forward_label = move || match trainer.stage() {
        Stage::Intro => "Första steget",
        Stage::Ask(_) => "Visa svaret",
        Stage::Answer(i) if i + 1 < trainer.count() => "Nästa steg",
        Stage::Answer(_) => "Sista steget",
    };
    let progress = move || trainer.stage().label_sv(trainer.count());
    view! {
        <nav class="trainer-controls" aria-label="Steg">
            <p class="trainer-progress" role="status" data-testid="trainer-progress">{progress}</p>
            <div class="trainer-buttons">
                <button
                    type="button"
                    class="secondary"
                    data-testid="trainer-back"
                    aria-disabled=move || (!can_back()).to_string()
                    aria-keyshortcuts="ArrowLeft PageUp"
                    on:click=move |_| {
                        if can_back() {
                            trainer.run(Command::Back);
                        }
                    }
                >
                    <span aria-hidden="true">"◀ "</span>"Föregående"
                </button>
                <button
                    type="button"
                    data-testid="trainer-forward"
                    aria-disabled=move || (!can_forward()).to_string()
                    aria-keyshortcuts="Space ArrowRight PageDown"
                    on:click=move |_| {
                        if can_forward() {
                            trainer.run(Command::Forward);
                        }
                    }
                >
                    {forward_label}<span aria-hidden="true">" ▶"</span>
                </button>
            </div>
            <p class="trainer-keys">
                "Mellanslag eller → går vidare, ← går tillbaka, Esc avslutar."
            </p>
        </nav>
    }
}

/// The story, or a step's question and answer.
#[component]
fn TrainerStage() -> impl IntoView {
    let trainer = use_trainer();
    let story = Memo::new(move |_| trainer.stage().shows(Part::Story));
    let answer = Memo::new(move |_| trainer.stage().shows(Part::Answer));
    move || match story.get() {
        true => view! { <CaseStory/> }.into_any(),
        false => view! {
            <StepQuestion/>
            {move || answer.get().then(|| view! { <StepAnswer/> })}
        }
        .into_any(),
    }
}

/// Before the first step: the case's title, its story, who is in it, and how many steps.
#[component]
fn CaseStory() -> impl IntoView {
    let trainer = use_trainer();
    view! {
        <section
            class="trainer-story"
            aria-labelledby="trainer-stage-heading"
            data-testid="trainer-story"
            inner_html=move || trainer.markup(Part::Story)
        ></section>
    }
}

/// A step's date, what happens on it, and the questions to the room.
#[component]
fn StepQuestion() -> impl IntoView {
    let trainer = use_trainer();
    let asking = move || matches!(trainer.stage(), Stage::Ask(_));
    view! {
        <section class="trainer-question" aria-labelledby="trainer-stage-heading" data-testid="trainer-question">
            <div inner_html=move || trainer.markup(Part::Question)></div>
            <p class="trainer-reveal-hint" hidden=move || !asking()>
                "Diskutera först. Tryck sedan mellanslag eller ”Visa svaret”."
            </p>
        </section>
    }
}

/// A step's answer, shown on demand.
#[component]
fn StepAnswer() -> impl IntoView {
    let trainer = use_trainer();
    view! {
        <section
            id="trainer-answer"
            class="trainer-answer"
            aria-labelledby="trainer-answer-heading"
            data-testid="trainer-answer"
            inner_html=move || trainer.markup(Part::Answer)
        ></section>
    }
}
