//! Notices (observera): what staff must know about the case on the date, apart from the
//! actions the rule set demands. A measure that cannot take effect as entered (a VGR 2026
//! blocking decided for a 14-year-old, extended access outside 13–15), an unlock request
//! from a unit that did not initiate the sealing (the sealing stands; the request is
//! forwarded), a care unit whose name suggests an excluded kind but has none. Each is
//! worded here, naming measures and units from the case, and shown on "Läget" with the
//! rule set's quoted line; the timeline's table and the date chooser word them the same.

use insyn_engine::evaluation::{NoticeAbout, NoticeKind};
use insyn_engine::Case;
use leptos::prelude::*;

use crate::components::citation::CitationView;
use crate::components::timeline::labels::{
    and_list, measure_name, measure_subject, rule_set_short_by_id, unit_name,
};
use crate::state::{use_app_state, AppState};

/// The notice in Swedish for staff, naming the measure or unit (`subject`) it is about.
pub fn notice_sv(case: &Case, kind: &NoticeKind, subject: &str) -> String {
    match kind {
        NoticeKind::BlockingAfterAgeLimit {
            measure_type,
            age,
            judged_by,
        } => format!(
            "{} kan inte få effekt: enligt {} upphör blockering automatiskt när barnet fyller {age} år, och åtgärden börjar efter det.",
            measure_subject(case, subject, *measure_type),
            rule_set_short_by_id(insyn_engine::Catalog::embedded(), judged_by)
        ),
        NoticeKind::ExtendedAccessOutsideWindow {
            from_age,
            until_age,
        } => {
            let measure_type = case
                .measure(subject)
                .map(|m| m.kind.measure_type())
                .unwrap_or(insyn_engine::case::MeasureType::ExtendedAccessChild);
            format!(
                "{} gäller bara när barnet är {from_age}–{} år; utanför det har den ingen effekt.",
                measure_subject(case, subject, measure_type),
                until_age.saturating_sub(1)
            )
        }
        NoticeKind::UnlockRequestForwarded {
            sealing,
            requesting_unit,
            initiating_units,
        } => {
            let initiating: Vec<String> =
                initiating_units.iter().map(|u| unit_name(case, u)).collect();
            format!(
                "Begäran om upplåsning från {} kan inte häva förseglingen: enheten initierade inte {}. Förseglingen står kvar; begäran vidarebefordras till {}.",
                unit_name(case, requesting_unit),
                lower_first_word(&measure_name(
                    case,
                    sealing,
                    insyn_engine::case::MeasureType::Sealing
                )),
                and_list(&initiating)
            )
        }
        NoticeKind::UnitKindMissing {
            unit,
            suggested_kind,
        } => format!(
            "Vårdenheten \"{unit}\" saknar typ. Namnet tyder på {suggested_kind}, som regelverket undantar från visning i 1177 Journal. Ange typen i fallet så att svaret blir rätt."
        ),
    }
}

/// "Försegling hos …" → "förseglingen hos …": the measure inside a sentence.
fn lower_first_word(name: &str) -> String {
    match name.strip_prefix("Försegling") {
        Some(rest) => format!("förseglingen{rest}"),
        None => insyn_engine::documents::lower_first(name),
    }
}

/// The notices that start on a change point, worded as on "Läget".
pub fn notices_starting(case: &Case, notices: &[NoticeAbout]) -> Vec<String> {
    notices
        .iter()
        .map(|n| notice_sv(case, &n.kind, &n.subject))
        .collect()
}

/// Set a care unit's kind (the editor's question and the notice's button).
pub fn set_unit_kind(state: AppState, unit_id: &str, kind: &str) {
    state.case.update(|case| {
        if let Some(unit) = case.care_units.iter_mut().find(|u| u.id == unit_id) {
            unit.kind = Some(kind.to_string());
        }
    });
}

/// "Observera – 3 saker att kontrollera i fallet".
fn notices_headline(count: usize) -> String {
    if count == 1 {
        "Observera – 1 sak att kontrollera i fallet".to_string()
    } else {
        format!("Observera – {count} saker att kontrollera i fallet")
    }
}

/// Above the matrix: that there are notices, with a link to them, so staff who read only
/// the matrix do not miss that something in the case does not act as entered.
#[component]
pub fn NoticesPointer() -> impl IntoView {
    let state = use_app_state();
    let count = Memo::new(move |_| {
        state
            .evaluation
            .with(|e| e.as_ref().map_or(0, |e| e.notices.len()))
    });
    move || {
        let count = count.get();
        (count > 0).then(|| {
            view! {
                <p class="notices-pointer" data-testid="notices-pointer">
                    <span aria-hidden="true">"⚠ "</span>
                    <a href="#notices-heading">{notices_headline(count)}</a>
                    " – läs innan du litar på matrisen."
                </p>
            }
        })
    }
}

/// "Observera" on "Läget": every notice on the chosen date, as a warning with the rule
/// set's quoted line.
#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    move || {
        let evaluation = state.evaluation.get().ok()?;
        if evaluation.notices.is_empty() {
            return None;
        }
        let rule_set = state.catalog.get(evaluation.rule_set_id)?;
        let items = state.case.with(|case| {
            evaluation
                .notices
                .iter()
                .map(|notice| {
                    let fix = match &notice.kind {
                        NoticeKind::UnitKindMissing { suggested_kind, .. } => {
                            let unit = notice.subject.clone();
                            let kind = suggested_kind.clone();
                            let label = format!("Ange typen {kind} för vårdenheten");
                            Some(view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    data-testid=format!("notice-set-kind-{unit}")
                                    on:click=move |_| set_unit_kind(state, &unit, &kind)
                                >
                                    {label}
                                </button>
                            })
                        }
                        _ => None,
                    };
                    view! {
                        <li class="notice" data-rule=notice.rule_id.name() data-subject=notice.subject.clone()>
                            <p class="notice-text">
                                <span class="notice-icon" aria-hidden="true">"⚠ "</span>
                                {notice_sv(case, &notice.kind, &notice.subject)}
                            </p>
                            {fix}
                            <CitationView rule_set=rule_set citation=notice.citation/>
                        </li>
                    }
                })
                .collect_view()
        });
        Some(view! {
            <section class="notices" aria-labelledby="notices-heading" data-testid="notices">
                <h2 id="notices-heading">
                    <span aria-hidden="true">"⚠ "</span>
                    {notices_headline(evaluation.notices.len())}
                </h2>
                <p class="notices-intro">
                    "Det här står i fallet men får inte den verkan man kan tro. Matrisen ovan visar hur det faktiskt blir."
                </p>
                <ul>{items}</ul>
            </section>
        })
    }
}
