//! The editor's inputs, each bound to one field of `state.case` by a getter and a setter
//! (or of the measure being previewed, see `FieldTarget`),
//! each carrying `data-path` = the engine's path of that field and showing the error at that
//! path next to it (with `aria-invalid` and `aria-describedby`).
//!
//! A field's value is a `Memo` over the case, so typing in one input re-renders nothing but
//! the inputs whose value actually changed, and focus stays where the user is.

use std::rc::Rc;
use std::sync::Arc;

use chrono::NaiveDate;
use insyn_engine::case::Period;
use insyn_engine::Case;
use leptos::prelude::*;

use crate::components::date_input::{set_field_error, DateEntry};
use crate::state::{use_app_state, AppState, FieldError};

/// What the fields edit: the case itself, or the measure being previewed before it is added
/// (`state.draft`), shown inside a copy of the case so the same fields, paths and messages
/// serve both. The preview provides `Draft` by context; everywhere else it is `Case`.
#[derive(Clone, Copy)]
pub enum FieldTarget {
    Case(AppState),
    Draft {
        state: AppState,
        /// The case with the draft in it (nothing of it is written back but the draft).
        case: Memo<Case>,
        /// The draft's problems: the fields' own and the engine's, by path.
        errors: Memo<Vec<FieldError>>,
        /// The fields' own problems (e.g. an emptied date).
        input_errors: RwSignal<Vec<FieldError>>,
    },
}

impl From<AppState> for FieldTarget {
    fn from(state: AppState) -> Self {
        FieldTarget::Case(state)
    }
}

impl FieldTarget {
    /// The target of the fields built here: the preview's draft, or the case.
    pub fn current() -> FieldTarget {
        use_context::<FieldTarget>().unwrap_or_else(|| FieldTarget::Case(use_app_state()))
    }

    /// Read the case the fields show (tracked).
    pub fn with_case<T>(self, f: impl FnOnce(&Case) -> T) -> T {
        match self {
            FieldTarget::Case(state) => state.case.with(f),
            FieldTarget::Draft { case, .. } => case.with(f),
        }
    }

    /// Edit the case; for a draft, only the draft measure keeps the edit.
    pub fn update(self, f: impl FnOnce(&mut Case)) {
        let mut f = Some(f);
        self.update_with(&mut |case| {
            if let Some(f) = f.take() {
                f(case);
            }
        });
    }

    /// `update`, compiled once for every kind of field: the edit comes as a trait object, so
    /// the two ways of writing (the case, or the draft inside a copy of it) are not compiled
    /// again for each field's closure (about 1 KB of the gzipped wasm).
    #[inline(never)]
    fn update_with(self, edit: &mut dyn FnMut(&mut Case)) {
        match self {
            FieldTarget::Case(state) => state.case.update(|case| edit(case)),
            FieldTarget::Draft { state, .. } => {
                let Some(draft) = state.draft.get_untracked() else {
                    return;
                };
                let mut case = state
                    .case
                    .with_untracked(|case| insyn_engine::preview::with_measure(case, &draft));
                edit(&mut case);
                if let Some(edited) = case.measures.into_iter().find(|m| m.id == draft.id) {
                    state.draft.set(Some(edited));
                }
            }
        }
    }

    fn input_errors(self) -> RwSignal<Vec<FieldError>> {
        match self {
            FieldTarget::Case(state) => state.input_errors,
            FieldTarget::Draft { input_errors, .. } => input_errors,
        }
    }

    pub fn set_input_error(self, path: &str, message_sv: Option<String>) {
        set_field_error(self.input_errors(), path, message_sv);
    }

    fn with_errors<T>(self, f: impl FnOnce(&Vec<FieldError>) -> T) -> T {
        match self {
            FieldTarget::Case(state) => state.errors.with(f),
            FieldTarget::Draft { errors, .. } => errors.with(f),
        }
    }
}

/// A field's read of the case, type-erased (see `text_field`).
type ReadCase<T> = Arc<dyn Fn(&Case) -> T + Send + Sync>;
/// A field's write to the case, type-erased.
type WriteCase<T> = Rc<dyn Fn(&mut Case, T)>;
/// A write shared with reactive closures, which must be `Send + Sync`.
type SharedWriteCase<T> = Arc<dyn Fn(&mut Case, T) + Send + Sync>;

/// Options of a `<select>`: (value, Swedish label).
pub type Options = Memo<Vec<(String, String)>>;

/// The DOM id of the input for an engine path: `measures[2].period.to` → `f-measures-2-period-to`.
pub fn dom_id(path: &str) -> String {
    let mut id = String::from("f-");
    for ch in path.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            id.push(ch);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

pub fn error_id(path: &str) -> String {
    format!("{}-error", dom_id(path))
}

/// Whether `path` is `prefix` itself or a field inside it (`prefix.x`, `prefix[3]`).
pub fn is_within(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// The message for a field; with `group`, also the messages of the fields inside it
/// (e.g. `measures[0].guardians[1]` for the checkbox group `measures[0].guardians`).
pub fn error_for(target: impl Into<FieldTarget>, path: &str, group: bool) -> Option<String> {
    target.into().with_errors(|errors| {
        errors
            .iter()
            .find(|e| e.path == path || (group && is_within(&e.path, path)))
            .map(|e| e.message_sv.clone())
    })
}

/// Forget the editor's own errors (e.g. an empty date) of a list whose items shift.
pub fn clear_input_errors_under(state: AppState, prefix: &str) {
    state
        .input_errors
        .update(|errors| errors.retain(|e| !is_within(&e.path, prefix)));
}

/// The error line under a field. Always in the DOM (empty when fine) so `aria-describedby`
/// always points at something; `live` makes it a polite live region.
pub fn field_error(path: String, group: bool, live: bool) -> impl IntoView {
    let target = FieldTarget::current();
    let id = error_id(&path);
    let message = move || error_for(target, &path, group);
    view! {
        <p id=id class="field-error" aria-live=live.then_some("polite")>
            {move || message().map(|m| view! { <span class="error-icon" aria-hidden="true">"⚠ "</span> {m} })}
        </p>
    }
}

/// A one-line text input. `set` receives the text as typed.
pub fn text_field(
    label: &'static str,
    path: String,
    get: impl Fn(&Case) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut Case, String) + 'static,
    list: Option<&'static str>,
    testid: Option<&'static str>,
) -> impl IntoView {
    // The field's view is built once, not once per pair of closures: the closures are
    // type-erased so every field of a kind shares one copy of the code in the wasm.
    text_field_erased(label, path, Arc::new(get), Rc::new(set), list, testid)
}

fn text_field_erased(
    label: &'static str,
    path: String,
    get: ReadCase<Option<String>>,
    set: WriteCase<String>,
    list: Option<&'static str>,
    testid: Option<&'static str>,
) -> impl IntoView {
    let target = FieldTarget::current();
    let value = Memo::new(move |_| target.with_case(|case| get(case)).unwrap_or_default());
    let id = dom_id(&path);
    let error_path = path.clone();
    let invalid = move || error_for(target, &error_path, false).is_some();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                data-path=path.clone()
                data-testid=testid
                list=list
                autocomplete="off"
                prop:value=move || value.get()
                aria-invalid=move || invalid().to_string()
                aria-describedby=error_id(&path)
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    target.update(|case| set(case, text));
                }
            />
            {field_error(path, false, false)}
        </div>
    }
}

/// Several lines of free text (a measure's motivation). `set` receives the text as typed.
pub fn textarea_field(
    label: &'static str,
    path: String,
    get: impl Fn(&Case) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut Case, String) + 'static,
    hint: Option<&'static str>,
) -> impl IntoView {
    let target = FieldTarget::current();
    let value = Memo::new(move |_| target.with_case(|case| get(case)).unwrap_or_default());
    let id = dom_id(&path);
    let hint_id = format!("{id}-hint");
    let described_by = match hint {
        Some(_) => format!("{} {hint_id}", error_id(&path)),
        None => error_id(&path),
    };
    view! {
        <div class="field field-wide">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                rows="3"
                data-path=path.clone()
                prop:value=move || value.get()
                aria-describedby=described_by
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    target.update(|case| set(case, text));
                }
            ></textarea>
            {hint.map(|hint| view! { <span class="field-hint" id=hint_id>{hint}</span> })}
            {field_error(path, false, false)}
        </div>
    }
}

/// `None` for text that is empty or only spaces.
pub fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// A calendar date. A date the field cannot read (an impossible day, a date not typed to
/// the end, a year outside 1900–2100 such as one half typed) is never stored: the field
/// keeps its last valid value and says what is wrong, next to it and in the summary, while
/// the matrix says its answer may be incomplete. A required date that is emptied does the
/// same ("Ange ett datum."); an optional one ("t.o.m.") emptied becomes `None`.
#[allow(clippy::too_many_arguments)]
pub fn date_field(
    label: &'static str,
    path: String,
    required: bool,
    get: impl Fn(&Case) -> Option<NaiveDate> + Send + Sync + 'static,
    set: impl Fn(&mut Case, Option<NaiveDate>) + 'static,
    hint: Option<&'static str>,
    testid: Option<&'static str>,
) -> impl IntoView {
    // The field's view is built once, not once per pair of closures: the closures are
    // type-erased so every field of a kind shares one copy of the code in the wasm.
    date_field_erased(
        label,
        path,
        required,
        Arc::new(get),
        Rc::new(set),
        hint,
        testid,
    )
}

#[allow(clippy::too_many_arguments)]
fn date_field_erased(
    label: &'static str,
    path: String,
    required: bool,
    get: ReadCase<Option<NaiveDate>>,
    set: WriteCase<Option<NaiveDate>>,
    hint: Option<&'static str>,
    testid: Option<&'static str>,
) -> impl IntoView {
    let target = FieldTarget::current();
    let value = Memo::new(move |_| {
        target
            .with_case(|case| get(case))
            .map(|d| d.to_string())
            .unwrap_or_default()
    });
    let id = dom_id(&path);
    let error_path = path.clone();
    let invalid = move || error_for(target, &error_path, false).is_some();
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let described_by = match &hint_id {
        Some(hint_id) => format!("{} {hint_id}", error_id(&path)),
        None => error_id(&path),
    };
    // Show the stored date, except while the editor holds an error for this field: then
    // the user's own (empty or partial) entry stays until they fix it, or until the error
    // is cleared (a case is loaded), when the stored date shows again.
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let pending_path = path.clone();
    let pending = Memo::new(move |_| {
        target
            .input_errors()
            .with(|errors| errors.iter().any(|e| e.path == pending_path))
    });
    Effect::new(move |_| {
        let value = value.get();
        if !pending.get() {
            if let Some(input) = input_ref.get() {
                if input.value() != value {
                    input.set_value(&value);
                }
            }
        }
    });
    // Read on every event that may follow a change (see `date_input`); store only a date
    // that differs from the stored one, so a key press that changes nothing costs nothing.
    let input_path = path.clone();
    let read = Rc::new(move |input: web_sys::HtmlInputElement| {
        // A focused input taken out of the page (its view closed) still hears `blur`; by
        // then what it would write to may be gone.
        if !input.is_connected() {
            return;
        }
        let entry = DateEntry::read(&input);
        let store = match entry {
            DateEntry::Date(date) => Some(Some(date)),
            DateEntry::Empty if !required => Some(None),
            _ => None,
        };
        set_field_error(
            target.input_errors(),
            &input_path,
            entry.problem_sv(required),
        );
        if let Some(date) = store {
            let shown = date.map(|d| d.to_string()).unwrap_or_default();
            if value.get_untracked() != shown {
                target.update(|case| set(case, date));
            }
        }
    });
    let (on_input, on_change, on_keyup, on_blur) = (read.clone(), read.clone(), read.clone(), read);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                type="date"
                id=id
                node_ref=input_ref
                data-path=path.clone()
                data-testid=testid
                required=required
                min="1900-01-01"
                max="2100-12-31"
                prop:value=value.get_untracked()
                aria-invalid=move || invalid().to_string()
                aria-describedby=described_by
                on:input=move |ev| on_input(event_target(&ev))
                on:change=move |ev| on_change(event_target(&ev))
                on:keyup=move |ev| on_keyup(event_target(&ev))
                on:blur=move |ev| on_blur(event_target(&ev))
            />
            {hint.map(|hint| view! { <span class="field-hint" id=hint_id>{hint}</span> })}
            {field_error(path, false, false)}
        </div>
    }
}

/// A `<select>`. A value the options lack (a reference to something removed, or from a
/// file) stays selected as "Saknas: …" so nothing is lost silently.
pub fn select_field(
    label: &'static str,
    path: String,
    options: Options,
    get: impl Fn(&Case) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut Case, String) + 'static,
    testid: Option<&'static str>,
) -> impl IntoView {
    // The field's view is built once, not once per pair of closures: the closures are
    // type-erased so every field of a kind shares one copy of the code in the wasm.
    select_field_erased(label, path, options, Arc::new(get), Rc::new(set), testid)
}

fn select_field_erased(
    label: &'static str,
    path: String,
    options: Options,
    get: ReadCase<Option<String>>,
    set: WriteCase<String>,
    testid: Option<&'static str>,
) -> impl IntoView {
    let target = FieldTarget::current();
    let value = Memo::new(move |_| target.with_case(|case| get(case)).unwrap_or_default());
    let id = dom_id(&path);
    let error_path = path.clone();
    let invalid = move || error_for(target, &error_path, false).is_some();
    let rendered_options = move || {
        let current = value.get();
        let mut options = options.get();
        if !options.iter().any(|(v, _)| *v == current) {
            let label = if current.is_empty() {
                "Välj…".to_string()
            } else {
                format!("Saknas: {current}")
            };
            options.insert(0, (current.clone(), label));
        }
        options
            .into_iter()
            .map(|(v, label)| {
                let selected = v == current;
                view! { <option value=v selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                data-path=path.clone()
                data-testid=testid
                prop:value=move || value.get()
                aria-invalid=move || invalid().to_string()
                aria-describedby=error_id(&path)
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    target.update(|case| set(case, chosen));
                }
            >
                {rendered_options}
            </select>
            {field_error(path, false, false)}
        </div>
    }
}

pub fn checkbox_field(
    label: &'static str,
    path: String,
    get: impl Fn(&Case) -> bool + Send + Sync + 'static,
    set: impl Fn(&mut Case, bool) + 'static,
    testid: Option<&'static str>,
) -> impl IntoView {
    // The field's view is built once, not once per pair of closures: the closures are
    // type-erased so every field of a kind shares one copy of the code in the wasm.
    checkbox_field_erased(label, path, Arc::new(get), Rc::new(set), testid)
}

fn checkbox_field_erased(
    label: &'static str,
    path: String,
    get: ReadCase<bool>,
    set: WriteCase<bool>,
    testid: Option<&'static str>,
) -> impl IntoView {
    let target = FieldTarget::current();
    let checked = Memo::new(move |_| target.with_case(|case| get(case)));
    let id = dom_id(&path);
    view! {
        <div class="field field-check">
            <input
                type="checkbox"
                id=id.clone()
                data-path=path.clone()
                data-testid=testid
                prop:checked=move || checked.get()
                aria-describedby=error_id(&path)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    target.update(|case| set(case, on));
                }
            />
            <label for=id>{label}</label>
            {field_error(path, false, false)}
        </div>
    }
}

/// A choice of several (guardians to block, units initiating a sealing). Every checkbox
/// carries the group's path; the engine's errors for single items show under the group.
pub fn checkbox_group(
    legend: &'static str,
    path: String,
    options: Options,
    get: impl Fn(&Case) -> Vec<String> + Send + Sync + 'static,
    set: impl Fn(&mut Case, Vec<String>) + Send + Sync + 'static,
) -> impl IntoView {
    // The field's view is built once, not once per pair of closures: the closures are
    // type-erased so every field of a kind shares one copy of the code in the wasm.
    checkbox_group_erased(legend, path, options, Arc::new(get), Arc::new(set))
}

fn checkbox_group_erased(
    legend: &'static str,
    path: String,
    options: Options,
    get: ReadCase<Vec<String>>,
    set: SharedWriteCase<Vec<String>>,
) -> impl IntoView {
    let target = FieldTarget::current();
    let chosen = Memo::new(move |_| target.with_case(|case| get(case)));
    let group_path = path.clone();
    let boxes = move || {
        let mut options = options.get();
        // Chosen ids the case no longer has stay visible, checked, so they can be unchecked.
        for id in chosen.get_untracked() {
            if !options.iter().any(|(v, _)| *v == id) {
                options.push((id.clone(), format!("Saknas: {id}")));
            }
        }
        options
            .into_iter()
            .map(|(value, label)| {
                let id = format!("{}-{}", dom_id(&group_path), dom_id(&value));
                let set = set.clone();
                let toggled = value.clone();
                let is_checked = value.clone();
                view! {
                    <span class="check-option">
                        <input
                            type="checkbox"
                            id=id.clone()
                            value=value
                            data-path=group_path.clone()
                            aria-describedby=error_id(&group_path)
                            prop:checked=move || chosen.with(|c| c.contains(&is_checked))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut ids = chosen.get_untracked();
                                ids.retain(|v| *v != toggled);
                                if on {
                                    ids.push(toggled.clone());
                                }
                                target.update(|case| set(case, ids));
                            }
                        />
                        <label for=id>{label}</label>
                    </span>
                }
            })
            .collect_view()
    };
    let error_path = path.clone();
    let invalid = move || error_for(target, &error_path, true).is_some();
    view! {
        <fieldset class="check-group" class:invalid=invalid>
            <legend>{legend}</legend>
            <div class="check-options">{boxes}</div>
            {field_error(path, true, false)}
        </fieldset>
    }
}

/// Who owns a list of protected-identity periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodOwner {
    Child,
    Guardian(usize),
}

impl PeriodOwner {
    fn path(self) -> String {
        match self {
            PeriodOwner::Child => "child.protected_identity".into(),
            PeriodOwner::Guardian(i) => format!("guardians[{i}].protected_identity"),
        }
    }

    fn periods(self, case: &Case) -> Option<&Vec<Period>> {
        match self {
            PeriodOwner::Child => Some(&case.child.protected_identity),
            PeriodOwner::Guardian(i) => case.guardians.get(i).map(|g| &g.protected_identity),
        }
    }

    fn periods_mut(self, case: &mut Case) -> Option<&mut Vec<Period>> {
        match self {
            PeriodOwner::Child => Some(&mut case.child.protected_identity),
            PeriodOwner::Guardian(i) => {
                case.guardians.get_mut(i).map(|g| &mut g.protected_identity)
            }
        }
    }
}

/// Periods with skyddad identitet: from/to pairs to add and remove.
#[component]
pub fn ProtectedIdentityPeriods(owner: PeriodOwner) -> impl IntoView {
    let state = use_app_state();
    let base = owner.path();
    let count = Memo::new(move |_| {
        state
            .case
            .with(|case| owner.periods(case).map_or(0, Vec::len))
    });
    let add = move |_| {
        let from = state.date.get_untracked();
        state.case.update(|case| {
            if let Some(periods) = owner.periods_mut(case) {
                periods.push(Period::starting(from));
            }
        });
    };
    let list_path = base.clone();
    view! {
        <div class="periods">
            {move || (count.get() > 0).then(|| view! { <span class="periods-label">"Skyddad identitet"</span> })}
            <For
                each=move || 0..count.get()
                key=|index| *index
                children=move |index| {
                    let path = format!("{}[{index}]", list_path);
                    let remove_path = list_path.clone();
                    let remove = move |_| {
                        clear_input_errors_under(state, &remove_path);
                        state.case.update(|case| {
                            if let Some(periods) = owner.periods_mut(case) {
                                if index < periods.len() {
                                    periods.remove(index);
                                }
                            }
                        });
                    };
                    view! {
                        <div class="field-row period-row">
                            {date_field(
                                "Skyddad fr.o.m.",
                                format!("{path}.from"),
                                true,
                                move |case| owner.periods(case).and_then(|p| p.get(index)).map(|p| p.from),
                                move |case, date| {
                                    if let (Some(p), Some(date)) = (owner.periods_mut(case).and_then(|p| p.get_mut(index)), date) {
                                        p.from = date;
                                    }
                                },
                                None,
                                None,
                            )}
                            {date_field(
                                "t.o.m.",
                                format!("{path}.to"),
                                false,
                                move |case| owner.periods(case).and_then(|p| p.get(index)).and_then(|p| p.to),
                                move |case, date| {
                                    if let Some(p) = owner.periods_mut(case).and_then(|p| p.get_mut(index)) {
                                        p.to = date;
                                    }
                                },
                                Some("Tomt = tills vidare"),
                                None,
                            )}
                            <button type="button" class="remove small" on:click=remove>
                                "Ta bort"<span class="visually-hidden">" perioden med skyddad identitet"</span>
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="add small" data-path-add=base.clone() on:click=add>
                "+ Skyddad identitet"
            </button>
        </div>
    }
}

/// The next free id with a prefix: one more than the highest number among `existing`.
/// Callers pass the ids of the items and the ids measures refer to, so a new item never
/// silently takes over a dangling reference (e.g. from an opened file).
pub fn next_id<'a>(prefix: &str, existing: impl Iterator<Item = &'a str> + Clone) -> String {
    let highest = existing
        .clone()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    (highest + 1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !existing.clone().any(|e| e == id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_ids_are_made_from_paths() {
        assert_eq!(dom_id("measures[2].period.to"), "f-measures-2-period-to");
        assert_eq!(dom_id("child.identity_number"), "f-child-identity_number");
    }

    #[test]
    fn a_path_is_within_itself_and_its_fields_only() {
        assert!(is_within(
            "measures[0].guardians[1]",
            "measures[0].guardians"
        ));
        assert!(is_within("measures[0].guardians", "measures[0].guardians"));
        assert!(!is_within("measures[10].period.to", "measures[1]"));
    }

    #[test]
    fn next_id_never_reuses_a_number() {
        assert_eq!(next_id("vh", ["vh1", "vh2"].into_iter()), "vh3");
        assert_eq!(next_id("vh", ["vh2"].into_iter()), "vh3");
        assert_eq!(next_id("m", ["forsegling-1"].into_iter()), "m1");
    }
}
