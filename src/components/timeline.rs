//! "Tidslinje": how access changes from birth to the 18th birthday (or a chosen range), as a
//! chart of lanes per actor × capability and as an equivalent table for keyboard and
//! screen-reader users. Choosing a change point (in the chart or the table) sets the chosen
//! date; "Visa läget detta datum" opens the situation view on it.
//!
//! Accessibility of the chart: it is neither `role="img"` (its children would become
//! presentational, hiding the focusable change-point buttons) nor `aria-hidden` (focusable
//! elements inside an aria-hidden subtree are unreachable for screen readers and fail axe's
//! `aria-hidden-focus`). The SVG is a labelled `role="group"`: its drawing is `aria-hidden`,
//! its change-point markers are named buttons, and the table below is the full textual
//! equivalent of the drawing.

mod chart;
pub mod labels;
mod table;
pub use chart::guess_width as guess_chart_width;
pub use table::{
    capabilities_sv, filter_change_lines, filter_change_sv, outcome_change_lines, OutcomeLine,
};

use chrono::NaiveDate;
use insyn_engine::timeline::{facts_for_range, timeline, Timeline as EngineTimeline};
use insyn_engine::EngineError;
use leptos::prelude::*;

use crate::components::access_matrix::IncompleteAnswer;
use crate::components::date_input::{set_field_error, DateEntry};
use crate::state::{use_app_state, View};
use chart::TimelineChart;
use table::TimelineTable;

/// The range the user narrowed the timeline to; `None` ends mean the defaults.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Range {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// An end of the range: "Från" or "Till".
#[derive(Clone, Copy)]
enum End {
    From,
    To,
}

impl Range {
    fn end(self, end: End) -> Option<NaiveDate> {
        match end {
            End::From => self.from,
            End::To => self.to,
        }
    }

    fn set_end(&mut self, end: End, date: Option<NaiveDate>) {
        match end {
            End::From => self.from = date,
            End::To => self.to = date,
        }
    }
}

#[component]
pub fn Timeline() -> impl IntoView {
    let state = use_app_state();
    let range = RwSignal::new(Range::default());
    // Birth and the 18th birthday: the defaults of "Från" and "Till".
    let bounds: Memo<Option<(NaiveDate, NaiveDate)>> = Memo::new(move |_| {
        state.case.with(|case| {
            facts_for_range(case, None, None)
                .ok()
                .map(|facts| (facts.birth, facts.eighteenth_birthday()))
        })
    });
    // A narrowed range no longer fits another child: start again from the whole childhood.
    Effect::new(move |previous: Option<Option<(NaiveDate, NaiveDate)>>| {
        let current = bounds.get();
        if previous.is_some_and(|previous| previous != current) {
            range.set(Range::default());
        }
        current
    });
    let shown: Memo<Result<EngineTimeline, EngineError>> = Memo::new(move |_| {
        let Range { from, to } = range.get();
        match bounds.get() {
            Some((birth, adult)) if from.is_some() || to.is_some() => state.case.with(|case| {
                timeline(
                    state.catalog,
                    case,
                    Some(from.unwrap_or(birth)),
                    Some(to.unwrap_or(adult)),
                    None,
                )
            }),
            _ => state.timeline.get(),
        }
    });
    // Built again only when the timeline turns valid or invalid: the chart and the table
    // follow each new timeline themselves (the chart keeps its measured width).
    let valid = Memo::new(move |_| shown.with(Result::is_ok));
    let content = move || match valid.get() {
        false => view! {
            <p class="timeline-unavailable" role="status" data-testid="timeline-unavailable">
                "Tidslinjen kan inte visas: "
                {move || shown.with(|t| t.as_ref().err().map(EngineError::message_sv))}
            </p>
        }
        .into_any(),
        true => view! {
            <StartNote shown=shown range=range bounds=bounds/>
            <ChosenDate shown=shown/>
            <TimelineLegend/>
            <TimelineChart shown=shown/>
            <TimelineTable shown=shown/>
        }
        .into_any(),
    };
    view! {
        <section class="timeline-view" aria-labelledby="timeline-heading" data-testid="timeline">
            <h2 id="timeline-heading">"Tidslinje"</h2>
            <p class="timeline-intro">
                "Varje datum då någons åtkomst ändras, från födelsen till 18-årsdagen. "
                "Välj en förändring i diagrammet eller i tabellen för att välja datumet."
            </p>
            <RangeChooser range=range bounds=bounds/>
            <IncompleteAnswer/>
            {content}
        </section>
    }
}

/// "Från" and "Till": narrow the timeline to a range.
#[component]
fn RangeChooser(
    range: RwSignal<Range>,
    bounds: Memo<Option<(NaiveDate, NaiveDate)>>,
) -> impl IntoView {
    let state = use_app_state();
    // The two ends' messages live with the case's (the error summary lists them) under the
    // paths `timeline.from` and `timeline.to`, and go when the view does.
    let path = |end: End| match end {
        End::From => "timeline.from",
        End::To => "timeline.to",
    };
    on_cleanup(move || {
        for end in [End::From, End::To] {
            set_field_error(state.input_errors, path(end), None);
        }
    });
    // One input per end: the chosen date, else the end of the whole childhood.
    let end_input = move |end: End| {
        let shown = move || {
            let chosen = range.get().end(end);
            let whole = bounds.get().map(|(birth, adult)| match end {
                End::From => birth,
                End::To => adult,
            });
            chosen.or(whole).map(|d| d.to_string()).unwrap_or_default()
        };
        // Read on every event that may follow a change (see `date_input`). Emptied, the
        // end goes back to the whole childhood's.
        let read = move |input: web_sys::HtmlInputElement| {
            // A focused input taken out of the page (its view closed) still hears `blur`; by
            // then what it would write to may be gone.
            if !input.is_connected() {
                return;
            }
            let entry = DateEntry::read(&input);
            set_field_error(state.input_errors, path(end), entry.problem_sv(false));
            let chosen = match entry {
                DateEntry::Date(date) => Some(date),
                DateEntry::Empty => None,
                _ => return,
            };
            if range.get_untracked().end(end) != chosen {
                range.update(|r| r.set_end(end, chosen));
            }
        };
        let (label, id) = match end {
            End::From => ("Från", "timeline-from"),
            End::To => ("Till", "timeline-to"),
        };
        let invalid = move || state.error_at(path(end)).is_some();
        view! {
            <label for=id>{label}</label>
            <input
                id=id
                type="date"
                data-testid=id
                data-path=path(end)
                min="1900-01-01"
                max="2100-12-31"
                prop:value=shown
                aria-invalid=move || invalid().to_string()
                aria-describedby="timeline-range-error"
                on:input=move |ev| read(event_target(&ev))
                on:change=move |ev| read(event_target(&ev))
                on:keyup=move |ev| read(event_target(&ev))
                on:blur=move |ev| read(event_target(&ev))
            />
        }
    };
    let error = move || {
        let messages: Vec<String> = [End::From, End::To]
            .into_iter()
            .filter_map(|end| state.error_at(path(end)))
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    };
    let narrowed = move || range.get() != Range::default();
    view! {
        <fieldset class="timeline-range">
            <legend>"Visa perioden"</legend>
            <div class="timeline-range-row">
                {end_input(End::From)}
                {end_input(End::To)}
                <button
                    type="button"
                    class="secondary"
                    data-testid="timeline-range-reset"
                    disabled=move || !narrowed()
                    on:click=move |_| {
                        for end in [End::From, End::To] {
                            set_field_error(state.input_errors, path(end), None);
                        }
                        range.set(Range::default());
                    }
                >
                    "Hela barndomen"
                </button>
            </div>
            <p id="timeline-range-error" class="field-error" role="alert">{error}</p>
        </fieldset>
    }
}

/// Without a pinned rule set the timeline starts when the region's first rule set does;
/// say so, since "Från" shows an earlier date.
#[component]
fn StartNote(
    shown: Memo<Result<EngineTimeline, EngineError>>,
    range: RwSignal<Range>,
    bounds: Memo<Option<(NaiveDate, NaiveDate)>>,
) -> impl IntoView {
    move || {
        let asked = range.get().from.or_else(|| bounds.get().map(|b| b.0))?;
        let start = shown.with(|t| t.as_ref().ok().map(|t| t.from))?;
        (start > asked).then(|| {
            view! {
                <p class="timeline-start-note" data-testid="timeline-start-note">
                    "Tidslinjen börjar " {start.to_string()}
                    ": inget av regionens regelverk i Insyn gällde före det datumet."
                </p>
            }
        })
    }
}

/// The chosen date, and the way back to "Läget" for it.
#[component]
fn ChosenDate(shown: Memo<Result<EngineTimeline, EngineError>>) -> impl IntoView {
    let state = use_app_state();
    let outside = move || {
        let date = state.date.get();
        shown.with(|t| t.as_ref().is_ok_and(|t| date < t.from || date > t.to))
    };
    view! {
        <div class="timeline-chosen" data-testid="timeline-chosen">
            <p aria-live="polite">
                "Valt datum: "
                <strong data-testid="timeline-chosen-date-text">{move || state.date.get().to_string()}</strong>
                {move || outside().then_some(" (utanför den visade perioden)")}
            </p>
            <button
                type="button"
                data-testid="timeline-show-situation"
                on:click=move |_| state.view.set(View::Situation)
            >
                "Visa läget detta datum"
            </button>
        </div>
    }
}

/// What the fills and patterns mean. The chart never relies on colour alone: each outcome
/// has its own fill style (solid, hatched, pale) and, where wide enough, icon and text.
#[component]
fn TimelineLegend() -> impl IntoView {
    view! {
        <ul class="timeline-legend" aria-label="Teckenförklaring">
            <li>
                <span class="swatch swatch-allowed" aria-hidden="true">"✔"</span>
                "Har åtkomst (helfylld)"
            </li>
            <li>
                <span class="swatch swatch-grantable" aria-hidden="true">"◐"</span>
                "Kan beviljas (randig)"
            </li>
            <li>
                <span class="swatch swatch-denied" aria-hidden="true">"✖"</span>
                "Ingen åtkomst (ljus, tunn ram)"
            </li>
            <li>
                <span class="swatch swatch-change" aria-hidden="true"></span>
                "Förändring (streckad linje)"
            </li>
            <li>
                <span class="swatch swatch-chosen" aria-hidden="true"></span>
                "Valt datum (blå linje)"
            </li>
        </ul>
    }
}
