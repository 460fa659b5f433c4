//! "Visa läget den": the date the matrix answers for, with one-click jumps to today, the
//! 13th, 16th and 18th birthdays and every change point of the timeline (its causes, and
//! under it what an allowed journal starts or stops showing and any notice).

use chrono::NaiveDate;
use insyn_engine::age::birthday;
use leptos::prelude::*;

use crate::components::date_input::{set_field_error, DateEntry};
use crate::components::notices::notices_starting;
use crate::components::timeline::labels::cause_sv;
use crate::components::timeline::{filter_change_lines, filter_change_sv};
use crate::state::use_app_state;

#[component]
pub fn DateChooser() -> impl IntoView {
    let state = use_app_state();
    let birth = Memo::new(move |_| {
        state.case.with(|case| {
            case.child.birth_date.or_else(|| {
                case.child.identity_number.as_deref().and_then(|number| {
                    insyn_engine::identity::parse_identity_number(
                        number,
                        state.date.get_untracked(),
                    )
                    .ok()
                    .and_then(|id| id.birth_date())
                })
            })
        })
    });
    let date_error = move || state.error_at("date");
    // Read on every event that may follow a change (see `date_input`): a date the field
    // cannot read, or a year half typed, keeps the last good date and says what is wrong.
    let read = move |input: web_sys::HtmlInputElement| {
        // A focused input taken out of the page (its view closed) still hears `blur`; by
        // then what it would write to may be gone.
        if !input.is_connected() {
            return;
        }
        let entry = DateEntry::read(&input);
        set_field_error(state.input_errors, "date", entry.problem_sv(true));
        if let DateEntry::Date(date) = entry {
            if state.date.get_untracked() != date {
                state.date.set(date);
            }
        }
    };
    let jump = move |date: NaiveDate| {
        set_field_error(state.input_errors, "date", None);
        state.date.set(date);
    };
    let birthday_button = move |age: u32, label: &'static str| {
        move || {
            birth.get().map(|birth| {
                let date = birthday(birth, age);
                view! {
                    <button
                        type="button"
                        class="jump"
                        data-testid=format!("jump-{age}")
                        aria-pressed=move || (state.date.get() == date).to_string()
                        on:click=move |_| jump(date)
                    >
                        {label} <span class="jump-date">{date.to_string()}</span>
                    </button>
                }
            })
        }
    };
    let listing = RwSignal::new(false);
    let change_points = move || {
        state.timeline.with(|timeline| match timeline {
            Ok(timeline) => state.case.with(|case| {
                timeline
                    .change_points
                    .iter()
                    .map(|point| {
                        let date = point.date;
                        let causes = point
                            .causes
                            .iter()
                            .map(|c| cause_sv(case, state.catalog, c))
                            .collect::<Vec<_>>()
                            .join(", ");
                        // What an allowed journal shows, and notices: said under the
                        // button, so the list says everything that happens on the date.
                        let mut notes: Vec<(&'static str, String)> =
                            filter_change_lines(case, &point.filter_changes)
                                .into_iter()
                                .map(|(starts, filter, cells)| {
                                    ("filter", filter_change_sv(starts, &filter, &cells))
                                })
                                .collect();
                        notes.extend(
                            notices_starting(case, &point.notices)
                                .into_iter()
                                .map(|n| ("notice", format!("⚠ Observera: {n}"))),
                        );
                        let notes = (!notes.is_empty()).then(|| {
                            let items = notes
                                .into_iter()
                                .map(|(kind, text)| {
                                    view! { <li class=format!("change-point-note note-{kind}")>{text}</li> }
                                })
                                .collect_view();
                            view! { <ul class="change-point-notes">{items}</ul> }
                        });
                        view! {
                            <li data-testid=format!("change-point-{date}")>
                                <button
                                    type="button"
                                    class="jump change-point"
                                    aria-pressed=move || (state.date.get() == date).to_string()
                                    on:click=move |_| jump(date)
                                >
                                    <span class="jump-date">{date.to_string()}</span>
                                    " "
                                    {causes}
                                </button>
                                {notes}
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any()
            }),
            Err(_) => view! { <li>"Tidslinjen kan visas när fallet är giltigt."</li> }.into_any(),
        })
    };
    view! {
        <section class="date-chooser" aria-labelledby="date-chooser-heading">
            <h2 id="date-chooser-heading">"Visa läget den"</h2>
            <div class="date-row">
                <label for="asked-date" class="visually-hidden">"Datum"</label>
                <input
                    id="asked-date"
                    type="date"
                    data-testid="asked-date"
                    data-path="date"
                    min="1900-01-01"
                    max="2100-12-31"
                    prop:value=move || state.date.get().to_string()
                    aria-invalid=move || date_error().is_some().to_string()
                    aria-describedby="asked-date-error"
                    on:input=move |ev| read(event_target(&ev))
                    on:change=move |ev| read(event_target(&ev))
                    on:keyup=move |ev| read(event_target(&ev))
                    on:blur=move |ev| read(event_target(&ev))
                />
                <button type="button" class="jump" data-testid="jump-today" on:click=move |_| jump(state.today)>
                    "Idag"
                </button>
                {birthday_button(13, "13-årsdagen")}
                {birthday_button(16, "16-årsdagen")}
                {birthday_button(18, "18-årsdagen")}
            </div>
            <p id="asked-date-error" class="field-error" role="alert">{date_error}</p>
            // The list is built only while it is open: it needs the whole timeline, which
            // every edit would otherwise work out again for a list nobody is reading.
            <details
                class="change-points"
                on:toggle=move |ev| {
                    let details: web_sys::HtmlDetailsElement = event_target(&ev);
                    listing.set(details.open());
                }
            >
                <summary>"Hoppa till en förändring"</summary>
                <ul>{move || listing.get().then(change_points)}</ul>
            </details>
        </section>
    }
}
