//! Åtgärder: every measure kind the engine knows, as dated entries to add, edit and remove.

use chrono::NaiveDate;
use insyn_engine::age::birthday;
use insyn_engine::case::{
    Measure, MeasureKind, MeasureType, Period, SealingInitiative, SealingScope,
};
use insyn_engine::Case;
use leptos::prelude::*;

use super::fields::{
    checkbox_group, clear_input_errors_under, date_field, dom_id, field_error, is_within, next_id,
    non_empty, select_field, text_field, textarea_field, FieldTarget, Options,
};
use super::parties::{child_birth, guardian_label};
use crate::state::{use_app_state, AppState};
use insyn_engine::labels::measure_name;

/// A measure of the kind with empty references, to be filled in by `new_measure`.
fn blank_kind(measure_type: MeasureType) -> MeasureKind {
    match measure_type {
        MeasureType::Blocking => MeasureKind::Blocking {
            guardians: Vec::new(),
        },
        MeasureType::BlockingExtension => MeasureKind::BlockingExtension {
            guardian: String::new(),
        },
        MeasureType::BlockingLifted => MeasureKind::BlockingLifted {
            guardian: String::new(),
        },
        MeasureType::Sealing => MeasureKind::Sealing {
            initiating_units: Vec::new(),
            scope: SealingScope::Whole,
            initiative: SealingInitiative::Staff,
        },
        MeasureType::UnlockRequest => MeasureKind::UnlockRequest {
            sealing: String::new(),
            requesting_unit: String::new(),
        },
        MeasureType::LoginLock => MeasureKind::LoginLock,
        MeasureType::LoginUnlock => MeasureKind::LoginUnlock,
        MeasureType::ExtendedAccessChild => MeasureKind::ExtendedAccessChild {
            access_unit: String::new(),
        },
        MeasureType::ExtendedAccessGuardian => MeasureKind::ExtendedAccessGuardian {
            guardian: String::new(),
            access_unit: String::new(),
        },
        MeasureType::ExceptionNote => MeasureKind::ExceptionNote {
            category: String::new(),
            note_unit: String::new(),
            investigation_until: None,
        },
    }
}

/// The Swedish name of a measure's `type` tag.
pub fn kind_name_sv(tag: &str) -> &'static str {
    MeasureType::from_tag(tag).map_or("Åtgärd", MeasureType::name_sv)
}

/// A new measure of a kind with sensible defaults: from the chosen date, decided the same
/// day, the first unit, the latest sealing for an unlock request, and no earlier than the
/// 13th birthday for extended access. A blocking names no guardian: whom to block is the
/// decision itself, so staff choose it in the preview rather than get a silent first one.
pub fn new_measure(
    case: &Case,
    measure_type: MeasureType,
    date: NaiveDate,
    category: Option<String>,
) -> Measure {
    let first_guardian = case
        .guardians
        .first()
        .map(|g| g.id.clone())
        .unwrap_or_default();
    let first_unit = case.care_units.first().map(|u| u.id.clone());
    let unit = first_unit.clone().unwrap_or_default();
    // The guardian most recently blocked, for an extension or a lifting.
    let blocked_guardian = case
        .measures
        .iter()
        .rev()
        .find_map(|m| match &m.kind {
            MeasureKind::Blocking { guardians } => guardians.first().cloned(),
            _ => None,
        })
        .unwrap_or_else(|| first_guardian.clone());
    let thirteenth = child_birth(case, date).map(|birth| birthday(birth, 13));
    let mut from = date;
    let mut decided_by = Some("verksamhetschef".to_string());
    let kind = match blank_kind(measure_type) {
        MeasureKind::Blocking { .. } => MeasureKind::Blocking {
            guardians: Vec::new(),
        },
        MeasureKind::BlockingExtension { .. } => MeasureKind::BlockingExtension {
            guardian: blocked_guardian,
        },
        MeasureKind::BlockingLifted { .. } => MeasureKind::BlockingLifted {
            guardian: blocked_guardian,
        },
        MeasureKind::Sealing {
            scope, initiative, ..
        } => MeasureKind::Sealing {
            initiating_units: first_unit.clone().into_iter().collect(),
            scope,
            initiative,
        },
        MeasureKind::UnlockRequest { .. } => {
            let sealing = case
                .measures
                .iter()
                .rev()
                .find(|m| m.kind.measure_type() == MeasureType::Sealing);
            let (sealing_id, requesting_unit) = match sealing {
                Some(m) => {
                    from = from.max(m.period.from);
                    let unit = match &m.kind {
                        MeasureKind::Sealing {
                            initiating_units, ..
                        } => initiating_units.first().cloned().unwrap_or_default(),
                        _ => String::new(),
                    };
                    (m.id.clone(), unit)
                }
                None => (String::new(), unit.clone()),
            };
            MeasureKind::UnlockRequest {
                sealing: sealing_id,
                requesting_unit,
            }
        }
        MeasureKind::ExtendedAccessChild { .. } => {
            from = thirteenth.map_or(from, |t| from.max(t));
            MeasureKind::ExtendedAccessChild {
                access_unit: unit.clone(),
            }
        }
        MeasureKind::ExtendedAccessGuardian { .. } => {
            from = thirteenth.map_or(from, |t| from.max(t));
            MeasureKind::ExtendedAccessGuardian {
                guardian: first_guardian,
                access_unit: unit.clone(),
            }
        }
        MeasureKind::ExceptionNote { .. } => {
            decided_by = None;
            MeasureKind::ExceptionNote {
                category: category.unwrap_or_default(),
                note_unit: unit.clone(),
                investigation_until: None,
            }
        }
        other => other,
    };
    Measure {
        id: next_id("m", case.measures.iter().map(|m| m.id.as_str())),
        decided_on: Some(from),
        decided_by,
        unit: first_unit,
        period: Period::starting(from),
        kind,
        motivation: None,
        renewal_on: None,
    }
}

/// "Blockering av Peter Test, från 2026-06-15": a measure in the editor's messages, named
/// as on every view.
fn measure_label(case: &Case, measure: &Measure) -> String {
    measure_name(case, measure)
}

pub fn measures_referring_to_guardian(case: &Case, id: &str) -> Vec<String> {
    case.measures
        .iter()
        .filter(|m| match &m.kind {
            MeasureKind::Blocking { guardians } => guardians.iter().any(|g| g == id),
            MeasureKind::BlockingExtension { guardian }
            | MeasureKind::BlockingLifted { guardian }
            | MeasureKind::ExtendedAccessGuardian { guardian, .. } => guardian == id,
            _ => false,
        })
        .map(|m| measure_label(case, m))
        .collect()
}

pub fn measures_referring_to_unit(case: &Case, id: &str) -> Vec<String> {
    case.measures
        .iter()
        .filter(|m| {
            m.unit.as_deref() == Some(id)
                || match &m.kind {
                    MeasureKind::Sealing { initiating_units, scope, .. } => {
                        initiating_units.iter().any(|u| u == id)
                            || matches!(scope, SealingScope::Unit { sealed_unit } if sealed_unit == id)
                    }
                    MeasureKind::UnlockRequest { requesting_unit, .. } => requesting_unit == id,
                    MeasureKind::ExtendedAccessChild { access_unit }
                    | MeasureKind::ExtendedAccessGuardian { access_unit, .. } => access_unit == id,
                    MeasureKind::ExceptionNote { note_unit, .. } => note_unit == id,
                    _ => false,
                }
        })
        .map(|m| measure_label(case, m))
        .collect()
}

/// Every guardian id a measure names, whether the guardian exists or not.
pub fn referenced_guardian_ids(case: &Case) -> Vec<String> {
    let mut ids = Vec::new();
    for measure in &case.measures {
        match &measure.kind {
            MeasureKind::Blocking { guardians } => ids.extend(guardians.iter().cloned()),
            MeasureKind::BlockingExtension { guardian }
            | MeasureKind::BlockingLifted { guardian }
            | MeasureKind::ExtendedAccessGuardian { guardian, .. } => ids.push(guardian.clone()),
            _ => {}
        }
    }
    ids
}

/// Every care-unit id a measure names, whether the unit exists or not.
pub fn referenced_unit_ids(case: &Case) -> Vec<String> {
    let mut ids = Vec::new();
    for measure in &case.measures {
        ids.extend(measure.unit.iter().cloned());
        match &measure.kind {
            MeasureKind::Sealing {
                initiating_units,
                scope,
                ..
            } => {
                ids.extend(initiating_units.iter().cloned());
                if let SealingScope::Unit { sealed_unit } = scope {
                    ids.push(sealed_unit.clone());
                }
            }
            MeasureKind::UnlockRequest {
                requesting_unit, ..
            } => ids.push(requesting_unit.clone()),
            MeasureKind::ExtendedAccessChild { access_unit }
            | MeasureKind::ExtendedAccessGuardian { access_unit, .. } => {
                ids.push(access_unit.clone())
            }
            MeasureKind::ExceptionNote { note_unit, .. } => ids.push(note_unit.clone()),
            _ => {}
        }
    }
    ids
}

fn measures_referring_to_measure(case: &Case, id: &str) -> Vec<String> {
    case.measures
        .iter()
        .filter(|m| matches!(&m.kind, MeasureKind::UnlockRequest { sealing, .. } if sealing == id))
        .map(|m| measure_label(case, m))
        .collect()
}

/// The kind's own text fields by the engine's field name.
fn kind_string<'a>(kind: &'a mut MeasureKind, field: &str) -> Option<&'a mut String> {
    use MeasureKind::*;
    match (kind, field) {
        (
            BlockingExtension { guardian }
            | BlockingLifted { guardian }
            | ExtendedAccessGuardian { guardian, .. },
            "guardian",
        ) => Some(guardian),
        (UnlockRequest { sealing, .. }, "sealing") => Some(sealing),
        (
            UnlockRequest {
                requesting_unit, ..
            },
            "requesting_unit",
        ) => Some(requesting_unit),
        (
            ExtendedAccessChild { access_unit } | ExtendedAccessGuardian { access_unit, .. },
            "access_unit",
        ) => Some(access_unit),
        (ExceptionNote { category, .. }, "category") => Some(category),
        (ExceptionNote { note_unit, .. }, "note_unit") => Some(note_unit),
        (
            Sealing {
                scope: SealingScope::Unit { sealed_unit },
                ..
            },
            "sealed_unit",
        ) => Some(sealed_unit),
        _ => None,
    }
}

fn kind_list<'a>(kind: &'a mut MeasureKind, field: &str) -> Option<&'a mut Vec<String>> {
    match (kind, field) {
        (MeasureKind::Blocking { guardians }, "guardians") => Some(guardians),
        (
            MeasureKind::Sealing {
                initiating_units, ..
            },
            "initiating_units",
        ) => Some(initiating_units),
        _ => None,
    }
}

fn entries(kind: &mut MeasureKind) -> Option<&mut Period> {
    match kind {
        MeasureKind::Sealing {
            scope: SealingScope::EntryPeriod { entries },
            ..
        } => Some(entries),
        _ => None,
    }
}

/// Read a measure's kind through one of the `&mut` accessors above (on a copy).
fn read_kind<T>(
    case: &Case,
    index: usize,
    f: impl FnOnce(&mut MeasureKind) -> Option<T>,
) -> Option<T> {
    let mut kind = case.measures.get(index)?.kind.clone();
    f(&mut kind)
}

fn write_kind(case: &mut Case, index: usize, f: impl FnOnce(&mut MeasureKind)) {
    if let Some(measure) = case.measures.get_mut(index) {
        f(&mut measure.kind);
    }
}

/// Lists the editor's selects offer, shared by every measure.
#[derive(Clone, Copy)]
pub struct EditorOptions {
    pub guardians: Options,
    pub units: Options,
    /// The units, with "no unit" first.
    pub units_optional: Options,
    pub sealings: Options,
    /// The answering rule set's exception keywords (sökord).
    pub categories: Memo<Vec<String>>,
}

impl EditorOptions {
    pub fn new(state: AppState) -> Self {
        let guardians = Memo::new(move |_| {
            state.case.with(|case| {
                case.guardians
                    .iter()
                    .enumerate()
                    .map(|(i, g)| (g.id.clone(), guardian_label(i, g)))
                    .collect()
            })
        });
        let units = Memo::new(move |_| {
            state.case.with(|case| {
                case.care_units
                    .iter()
                    .map(|u| (u.id.clone(), u.name.clone()))
                    .collect::<Vec<_>>()
            })
        });
        let units_optional = Memo::new(move |_| {
            let mut options = vec![(String::new(), "Ingen angiven".to_string())];
            options.extend(units.get());
            options
        });
        let sealings = Memo::new(move |_| {
            state.case.with(|case| {
                case.measures
                    .iter()
                    .filter(|m| m.kind.measure_type() == MeasureType::Sealing)
                    .map(|m| (m.id.clone(), measure_name(case, m)))
                    .collect()
            })
        });
        let categories = Memo::new(move |_| match state.rule_set.get() {
            Ok(rule_set) => rule_set
                .parameters
                .exception_categories
                .value
                .iter()
                .map(|c| c.name.clone())
                .collect(),
            Err(_) => Vec::new(),
        });
        EditorOptions {
            guardians,
            units,
            units_optional,
            sealings,
            categories,
        }
    }
}

fn options() -> EditorOptions {
    expect_context::<EditorOptions>()
}

#[component]
pub fn MeasureList() -> impl IntoView {
    let state = use_app_state();
    let options = options();
    let items = Memo::new(move |_| {
        state.case.with(|case| {
            case.measures
                .iter()
                .enumerate()
                .map(|(i, m)| (i, m.id.clone(), m.kind.type_tag()))
                .collect::<Vec<_>>()
        })
    });
    // How many measures are drawn: an opened case's a few per task (`MEASURES_PER_TASK`),
    // one added or removed at once.
    let drawn = RwSignal::new(MEASURES_PER_TASK);
    Effect::new(move |previous: Option<usize>| {
        let count = items.with(Vec::len);
        if previous.is_some_and(|previous| count > previous + 1) {
            drawn.set(MEASURES_PER_TASK);
        } else if drawn.get_untracked() < count && previous.is_some() {
            drawn.set(count);
        }
        count
    });
    Effect::new(move |_| {
        if drawn.get() < items.with(Vec::len) {
            set_timeout(
                move || {
                    let _ = drawn.try_update(|drawn| *drawn += MEASURES_PER_TASK);
                },
                std::time::Duration::ZERO,
            );
        }
    });
    let chosen = RwSignal::new(MeasureType::ALL[0]);
    // A new measure opens in the preview: nothing changes in the case until staff have
    // seen what it does and chosen "Lägg till i fallet".
    let add = move |_| {
        let date = state.date.get_untracked();
        let category = options.categories.with_untracked(|c| c.first().cloned());
        let measure = state
            .case
            .with_untracked(|case| new_measure(case, chosen.get_untracked(), date, category));
        state.draft.set(Some(measure));
    };
    view! {
        <fieldset class="section measures">
            <legend>"Åtgärder"</legend>
            <datalist id="exception-categories">
                {move || options.categories.get().into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
            </datalist>
            <datalist id="decided-by">
                <option value="verksamhetschef"></option>
            </datalist>
            <For
                each=move || {
                    let drawn = drawn.get();
                    items.with(|items| items.iter().take(drawn).cloned().collect::<Vec<_>>())
                }
                key=|item| item.clone()
                children=move |(index, id, tag)| {
                    // In a large case every measure starts folded (see `FOLD_FROM`).
                    let folded = items.with_untracked(Vec::len) > FOLD_FROM;
                    view! { <MeasureItem index=index id=id tag=tag folded=folded/> }
                }
            />
            <div class="field-row add-measure">
                <div class="field">
                    <label for="add-measure-kind">"Ny åtgärd"</label>
                    <select
                        id="add-measure-kind"
                        data-testid="add-measure-kind"
                        on:change=move |ev| {
                            if let Some(measure_type) = MeasureType::from_tag(&event_target_value(&ev)) {
                                chosen.set(measure_type);
                            }
                        }
                    >
                        {MeasureType::ALL.into_iter().map(|measure_type| view! {
                            <option value=measure_type.tag() selected=move || chosen.get() == measure_type>
                                {measure_type.name_sv()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="item-actions">
                    <button type="button" class="add" data-testid="add-measure" on:click=add>
                        "Lägg till åtgärd"
                    </button>
                </div>
            </div>
        </fieldset>
    }
}

/// How many measures of an opened case are drawn in one go; the rest follow as many per
/// task, so opening a case at the limits (200) does not hold up the page while they appear.
const MEASURES_PER_TASK: usize = 25;

/// A case with more measures than this opens with them folded: each shows its title and
/// dates, and its fields only when opened (or while one of them has a problem). Two hundred
/// measures' fields, with a choice of fifty units in each, would hold up the page for
/// seconds on opening and for every key typed anywhere in the case.
pub const FOLD_FROM: usize = 12;

#[component]
fn MeasureItem(index: usize, id: String, tag: &'static str, folded: bool) -> impl IntoView {
    let state = use_app_state();
    let options = options();
    let base = format!("measures[{index}]");
    let open = RwSignal::new(!folded);
    // A problem in a folded measure opens it, so the summary can take the keyboard there.
    let error_base = base.clone();
    let has_problem = Memo::new(move |_| {
        state
            .errors
            .with(|errors| errors.iter().any(|e| is_within(&e.path, &error_base)))
    });
    let shown = Memo::new(move |_| open.get() || has_problem.get());
    let dates = Memo::new(move |_| {
        state.case.with(|case| {
            case.measures.get(index).map(|m| match m.period.to {
                Some(to) => format!("{} – {to}", m.period.from),
                None => format!("fr.o.m. {}", m.period.from),
            })
        })
    });
    let body_id = format!("{}-fields", dom_id(&base));
    let remove_key = id.clone();
    let refusal = RwSignal::new(None::<String>);
    let remove_id = id.clone();
    let remove = move |_| {
        let users = state
            .case
            .with_untracked(|case| measures_referring_to_measure(case, &remove_id));
        if !users.is_empty() {
            refusal.set(Some(format!(
                "Kan inte tas bort: {} gäller den här förseglingen. Ta bort den först.",
                users.join(", ")
            )));
            return;
        }
        refusal.set(None);
        clear_input_errors_under(state, "measures");
        state.case.update(|case| {
            if case.measures.get(index).is_some_and(|m| m.id == remove_id) {
                case.measures.remove(index);
            }
        });
    };
    let name = kind_name_sv(tag);
    // Named by what it is, whom it concerns and when it starts, as on every view.
    let title = Memo::new(move |_| {
        state.case.with(|case| {
            case.measures
                .get(index)
                .map(|m| measure_name(case, m))
                .unwrap_or_else(|| name.to_string())
        })
    });
    view! {
        <fieldset class="item measure" data-testid=format!("measure-{id}") data-kind=tag>
            <legend>
                {format!("{}. ", index + 1)}{move || title.get()}
            </legend>
            {folded.then(|| view! {
                <div class="measure-fold">
                    <span class="measure-dates">{move || dates.get()}</span>
                    <button
                        type="button"
                        class="secondary small"
                        data-testid=format!("fold-measure-{id}")
                        aria-expanded=move || shown.get().to_string()
                        aria-controls=body_id.clone()
                        disabled=move || has_problem.get()
                        on:click=move |_| open.update(|open| *open = !*open)
                    >
                        {move || if shown.get() { "Dölj uppgifterna" } else { "Visa uppgifterna" }}
                        <span class="visually-hidden">{format!(" för åtgärd {}", index + 1)}</span>
                    </button>
                </div>
            })}
            // Folded, nothing below is built: a measure's fields are most of the editor.
            <div id=body_id>
                {move || shown.get().then(|| {
                    let remove = remove.clone();
                    let remove_testid = format!("remove-measure-{remove_key}");
                    view! {
                        {measure_fields(index, tag, options)}
                        <div class="item-actions measure-actions">
                            <button type="button" class="remove small" data-testid=remove_testid on:click=remove>
                                "Ta bort åtgärden"<span class="visually-hidden">{format!(" {}, {name}", index + 1)}</span>
                            </button>
                        </div>
                        {field_error(format!("{base}.id"), false, false)}
                        <p class="refusal" role="status">{move || refusal.get()}</p>
                    }
                })}
            </div>
        </fieldset>
    }
}

/// The fields of the measure at `index`: its dates, the kind's own fields, who decided and
/// why. The case editor shows them for every measure; the preview for the measure being
/// added (see `FieldTarget`), so both ask the same questions with the same paths.
pub fn measure_fields(index: usize, tag: &'static str, options: EditorOptions) -> impl IntoView {
    let base = format!("measures[{index}]");
    view! {
        <div class="field-row">
            {date_field(
                "Fr.o.m.",
                format!("{base}.period.from"),
                true,
                move |case| case.measures.get(index).map(|m| m.period.from),
                move |case, date| {
                    if let (Some(m), Some(date)) = (case.measures.get_mut(index), date) {
                        m.period.from = date;
                    }
                },
                None,
                None,
            )}
            {date_field(
                "T.o.m.",
                format!("{base}.period.to"),
                false,
                move |case| case.measures.get(index).and_then(|m| m.period.to),
                move |case, date| {
                    if let Some(m) = case.measures.get_mut(index) {
                        m.period.to = date;
                    }
                },
                Some("Tomt = tills vidare"),
                None,
            )}
        </div>
        {kind_fields(index, tag, options)}
        <div class="field-row">
            {date_field(
                "Beslutsdatum",
                format!("{base}.decided_on"),
                false,
                move |case| case.measures.get(index).and_then(|m| m.decided_on),
                move |case, date| {
                    if let Some(m) = case.measures.get_mut(index) {
                        m.decided_on = date;
                    }
                },
                None,
                None,
            )}
            {text_field(
                "Beslutad av",
                format!("{base}.decided_by"),
                move |case| case.measures.get(index).and_then(|m| m.decided_by.clone()),
                move |case, who| {
                    if let Some(m) = case.measures.get_mut(index) {
                        m.decided_by = non_empty(who);
                    }
                },
                Some("decided-by"),
                None,
            )}
        </div>
        <div class="field-row">
            {select_field(
                "Begärande enhet",
                format!("{base}.unit"),
                options.units_optional,
                move |case| case.measures.get(index).map(|m| m.unit.clone().unwrap_or_default()),
                move |case, unit| {
                    if let Some(m) = case.measures.get_mut(index) {
                        m.unit = non_empty(unit);
                    }
                },
                None,
            )}
            {date_field(
                "Datum för förnyat beslut",
                format!("{base}.renewal_on"),
                false,
                move |case| case.measures.get(index).and_then(|m| m.renewal_on),
                move |case, date| {
                    if let Some(m) = case.measures.get_mut(index) {
                        m.renewal_on = date;
                    }
                },
                Some("Om beslutet behöver förnyas"),
                None,
            )}
        </div>
        {textarea_field(
            "Motivering",
            format!("{base}.motivation"),
            move |case| case.measures.get(index).and_then(|m| m.motivation.clone()),
            move |case, text| {
                if let Some(m) = case.measures.get_mut(index) {
                    m.motivation = non_empty(text);
                }
            },
            None,
        )}
    }
}

/// A select of one of the kind's references (guardian, unit, sealing).
fn reference_select(
    label: &'static str,
    index: usize,
    field: &'static str,
    options: Options,
) -> impl IntoView {
    select_field(
        label,
        format!("measures[{index}].{field}"),
        options,
        move |case| read_kind(case, index, |k| kind_string(k, field).map(|s| s.clone())),
        move |case, value| {
            write_kind(case, index, |k| {
                if let Some(slot) = kind_string(k, field) {
                    *slot = value;
                }
            })
        },
        None,
    )
}

fn list_group(
    legend: &'static str,
    index: usize,
    field: &'static str,
    options: Options,
) -> impl IntoView {
    checkbox_group(
        legend,
        format!("measures[{index}].{field}"),
        options,
        move |case| {
            read_kind(case, index, |k| kind_list(k, field).map(|l| l.clone())).unwrap_or_default()
        },
        move |case, ids| {
            write_kind(case, index, |k| {
                if let Some(list) = kind_list(k, field) {
                    *list = ids;
                }
            })
        },
    )
}

fn kind_fields(index: usize, tag: &'static str, options: EditorOptions) -> AnyView {
    match tag {
        "blocking" => list_group("Blockeras", index, "guardians", options.guardians).into_any(),
        "blocking_extension" | "blocking_lifted" => view! {
            <div class="field-row">{reference_select("Vårdnadshavare", index, "guardian", options.guardians)}</div>
        }
        .into_any(),
        "sealing" => view! { <SealingFields index=index/> }.into_any(),
        "unlock_request" => view! {
            <div class="field-row">
                {reference_select("Försegling", index, "sealing", options.sealings)}
                {reference_select("Enhet som begär", index, "requesting_unit", options.units)}
            </div>
        }
        .into_any(),
        "extended_access_child" => view! {
            <div class="field-row">{reference_select("Gäller enhet", index, "access_unit", options.units)}</div>
        }
        .into_any(),
        "extended_access_guardian" => view! {
            <div class="field-row">
                {reference_select("Vårdnadshavare", index, "guardian", options.guardians)}
                {reference_select("Gäller enhet", index, "access_unit", options.units)}
            </div>
        }
        .into_any(),
        "exception_note" => {
            let base = format!("measures[{index}]");
            view! {
                <div class="field-row">
                    {text_field(
                        "Sökord",
                        format!("{base}.category"),
                        move |case| read_kind(case, index, |k| kind_string(k, "category").map(|s| s.clone())),
                        move |case, category| write_kind(case, index, |k| {
                            if let Some(slot) = kind_string(k, "category") {
                                *slot = category;
                            }
                        }),
                        Some("exception-categories"),
                        None,
                    )}
                    {reference_select("Enhet", index, "note_unit", options.units)}
                </div>
                <div class="field-row">
                    {date_field(
                        "Utredning t.o.m.",
                        format!("{base}.investigation_until"),
                        false,
                        move |case| read_kind(case, index, |k| match k {
                            MeasureKind::ExceptionNote { investigation_until, .. } => *investigation_until,
                            _ => None,
                        }),
                        move |case, date| write_kind(case, index, |k| {
                            if let MeasureKind::ExceptionNote { investigation_until, .. } = k {
                                *investigation_until = date;
                            }
                        }),
                        Some("Vid orosanmälan gällande barn"),
                        None,
                    )}
                </div>
            }
            .into_any()
        }
        // Login lock and unlock have no fields of their own.
        _ => ().into_any(),
    }
}

fn scope_key(kind: &MeasureKind) -> Option<&'static str> {
    match kind {
        MeasureKind::Sealing { scope, .. } => Some(match scope {
            SealingScope::Whole => "whole",
            SealingScope::Unit { .. } => "unit",
            SealingScope::EntryPeriod { .. } => "entry_period",
        }),
        _ => None,
    }
}

#[component]
fn SealingFields(index: usize) -> impl IntoView {
    let target = FieldTarget::current();
    let options = options();
    let base = format!("measures[{index}]");
    let scopes: Options = Memo::new(|_| {
        vec![
            ("whole".to_string(), "Hela journalen".to_string()),
            ("unit".to_string(), "En enhets journal".to_string()),
            (
                "entry_period".to_string(),
                "Anteckningar i period".to_string(),
            ),
        ]
    });
    let initiatives: Options = Memo::new(|_| {
        vec![
            ("staff".to_string(), "Personalen".to_string()),
            ("patient".to_string(), "Patienten".to_string()),
        ]
    });
    let scope = Memo::new(move |_| {
        target.with_case(|case| case.measures.get(index).and_then(|m| scope_key(&m.kind)))
    });
    let scope_fields = move || match scope.get() {
        Some("unit") => {
            reference_select("Förseglad enhet", index, "sealed_unit", options.units).into_any()
        }
        Some("entry_period") => {
            let base = format!("measures[{index}].entries");
            view! {
                <div class="field-row">
                    {date_field(
                        "Anteckningar fr.o.m.",
                        format!("{base}.from"),
                        true,
                        move |case| read_kind(case, index, |k| entries(k).map(|p| p.from)),
                        move |case, date| write_kind(case, index, |k| {
                            if let (Some(p), Some(date)) = (entries(k), date) {
                                p.from = date;
                            }
                        }),
                        None,
                        None,
                    )}
                    {date_field(
                        "t.o.m.",
                        format!("{base}.to"),
                        false,
                        move |case| read_kind(case, index, |k| entries(k).and_then(|p| p.to)),
                        move |case, date| write_kind(case, index, |k| {
                            if let Some(p) = entries(k) {
                                p.to = date;
                            }
                        }),
                        Some("Tomt = tills vidare"),
                        None,
                    )}
                </div>
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    view! {
        {list_group("Initierande enheter", index, "initiating_units", options.units)}
        <div class="field-row">
            {select_field(
                "Omfattning",
                format!("{base}.scope"),
                scopes,
                move |case| case.measures.get(index).and_then(|m| scope_key(&m.kind)).map(str::to_string),
                move |case, key| {
                    let first_unit = case_first_unit(&case.care_units);
                    let Some(measure) = case.measures.get_mut(index) else { return };
                    let from = measure.period.from;
                    if let MeasureKind::Sealing { scope, .. } = &mut measure.kind {
                        *scope = match key.as_str() {
                            "unit" => SealingScope::Unit { sealed_unit: first_unit },
                            "entry_period" => SealingScope::EntryPeriod { entries: Period::starting(from) },
                            _ => SealingScope::Whole,
                        };
                    }
                },
                None,
            )}
            {select_field(
                "På initiativ av",
                format!("{base}.initiative"),
                initiatives,
                move |case| read_kind(case, index, |k| match k {
                    MeasureKind::Sealing { initiative, .. } => Some(match initiative {
                        SealingInitiative::Staff => "staff".to_string(),
                        SealingInitiative::Patient => "patient".to_string(),
                    }),
                    _ => None,
                }),
                move |case, key| write_kind(case, index, |k| {
                    if let MeasureKind::Sealing { initiative, .. } = k {
                        *initiative = if key == "patient" { SealingInitiative::Patient } else { SealingInitiative::Staff };
                    }
                }),
                None,
            )}
        </div>
        {scope_fields}
    }
}

fn case_first_unit(units: &[insyn_engine::case::CareUnit]) -> String {
    units.first().map(|u| u.id.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        crate::training_cases::example_case().case()
    }

    #[test]
    fn every_kind_has_a_swedish_name_and_round_trips_its_tag() {
        for measure_type in MeasureType::ALL {
            assert_eq!(blank_kind(measure_type).measure_type(), measure_type);
            assert_eq!(kind_name_sv(measure_type.tag()), measure_type.name_sv());
        }
    }

    #[test]
    fn a_new_blocking_names_no_guardian_and_starts_on_the_chosen_date() {
        let case = case();
        assert!(!case.guardians.is_empty());
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let measure = new_measure(&case, MeasureType::Blocking, date, None);
        assert_eq!(measure.id, "m1");
        assert_eq!(measure.period, Period::starting(date));
        assert_eq!(
            measure.kind,
            MeasureKind::Blocking {
                guardians: Vec::new()
            }
        );
    }

    #[test]
    fn new_extended_access_starts_no_earlier_than_the_13th_birthday() {
        let case = case();
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let measure = new_measure(&case, MeasureType::ExtendedAccessChild, date, None);
        let birth = case.child.birth_date.unwrap();
        assert_eq!(measure.period.from, birthday(birth, 13).max(date));
    }

    #[test]
    fn every_new_measure_of_the_example_case_validates_once_a_blocking_names_its_guardian() {
        let mut case = case();
        let date = NaiveDate::from_ymd_opt(2028, 6, 1).unwrap();
        for measure_type in MeasureType::ALL {
            let category = Some("Tredje person".to_string());
            let mut measure = new_measure(&case, measure_type, date, category);
            if let MeasureKind::Blocking { guardians } = &mut measure.kind {
                guardians.push("vh1".into());
            }
            case.measures.push(measure);
        }
        let result = insyn_engine::validation::validate_case_all(&case, date);
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn a_new_blocking_without_a_guardian_is_refused_at_its_guardians_field() {
        let mut case = case();
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        case.measures
            .push(new_measure(&case, MeasureType::Blocking, date, None));
        let problems = insyn_engine::validation::validate_case_all(&case, date).unwrap_err();
        assert!(problems
            .iter()
            .any(|p| p.path() == Some("measures[0].guardians")));
    }
}
