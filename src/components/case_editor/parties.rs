//! The people and places of a case: region and rule set, the child, the guardians
//! (vårdnadshavare), legal representatives (legala ställföreträdare) and care units
//! (vårdenheter).

use chrono::NaiveDate;
use insyn_engine::case::{
    CareUnit, Guardian, LegalRepresentative, LegalRepresentativeKind, Period,
};
use insyn_engine::evaluation::suggested_unit_kind;
use insyn_engine::identity::{parse_identity_number, IdentityNumber};
use insyn_engine::rule_set::RuleChoice;
use insyn_engine::Case;
use leptos::prelude::*;

use super::fields::{
    checkbox_field, clear_input_errors_under, date_field, dom_id, error_for, error_id, field_error,
    next_id, non_empty, select_field, text_field, Options, PeriodOwner, ProtectedIdentityPeriods,
};
use super::measures::{
    measures_referring_to_guardian, measures_referring_to_unit, referenced_guardian_ids,
    referenced_unit_ids,
};
use crate::components::notices::set_unit_kind;
use crate::components::timeline::labels::rule_set_short;
use crate::state::{use_app_state, AppState};

/// The child's date of birth: typed, or from the identity number.
pub fn child_birth(case: &Case, reference: NaiveDate) -> Option<NaiveDate> {
    case.child.birth_date.or_else(|| {
        let number = case.child.identity_number.as_deref()?;
        parse_identity_number(number, reference).ok()?.birth_date()
    })
}

/// "Vårdnadshavare 1 (Sara Exempel)", or "Vårdnadshavare 1" without a name: as the matrix
/// names the guardian, never by the case's id.
pub fn guardian_label(index: usize, guardian: &Guardian) -> String {
    match guardian
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(name) => format!("Vårdnadshavare {} ({name})", index + 1),
        None => format!("Vårdnadshavare {}", index + 1),
    }
}

#[component]
pub fn RegionFields() -> impl IntoView {
    let state = use_app_state();
    let catalog = state.catalog;
    let regions: Options = Memo::new(move |_| {
        catalog
            .regions()
            .into_iter()
            .map(|(code, name)| (code.to_string(), name.to_string()))
            .collect()
    });
    let rule_sets: Options = Memo::new(move |_| {
        let mut options = vec![(String::new(), "Det som gällde på datumet".to_string())];
        options.extend(
            catalog
                .rule_sets
                .iter()
                .map(|r| (r.id.clone(), format!("{} – {}", r.region_name, r.version))),
        );
        options
    });
    view! {
        <fieldset class="section">
            <legend>"Region och regelverk"</legend>
            <div class="field-row single">
                {select_field(
                    "Region",
                    "region".into(),
                    regions,
                    |case| Some(case.region.clone()),
                    |case, region| case.region = region,
                    Some("region"),
                )}
                {select_field(
                    "Lås regelverk",
                    "pinned_rule_set".into(),
                    rule_sets,
                    |case| Some(case.pinned_rule_set.clone().unwrap_or_default()),
                    |case, id| case.pinned_rule_set = non_empty(id),
                    Some("pinned-rule-set"),
                )}
            </div>
            {text_field(
                "Rubrik (inga riktiga namn)",
                "title".into(),
                |case| case.title.clone(),
                |case, title| case.title = non_empty(title),
                None,
                Some("case-title"),
            )}
        </fieldset>
    }
}

#[component]
pub fn ChildFields() -> impl IntoView {
    let state = use_app_state();
    let path = "child.identity_number";
    let number = Memo::new(move |_| {
        state
            .case
            .with(|case| case.child.identity_number.clone())
            .unwrap_or_default()
    });
    // Samordningsnummer and reservnummer give no 1177 login: say so under the field.
    let note = Memo::new(move |_| {
        let number = number.get();
        let identity = parse_identity_number(&number, state.date.get()).ok()?;
        (!matches!(identity, IdentityNumber::Personnummer { .. }))
            .then(|| identity.explanation_sv())
    });
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let reference = state.date.get_untracked();
        let birth = parse_identity_number(&text, reference)
            .ok()
            .and_then(|identity| identity.birth_date());
        state.case.update(|case| {
            // Keep exactly what was typed, valid or not, so nothing is lost.
            case.child.identity_number = non_empty(text);
            if let Some(birth) = birth {
                set_birth_date(case, birth);
            }
        });
        if birth.is_some() {
            state.set_input_error("child.birth_date", None);
        }
    };
    let id = dom_id(path);
    let note_id = format!("{id}-note");
    let invalid = move || error_for(state, path, false).is_some();
    view! {
        <fieldset class="section">
            <legend>"Barnet"</legend>
            <div class="field-row">
                {text_field(
                    "Namn (valfritt)",
                    "child.name".into(),
                    |case| case.child.name.clone(),
                    |case, name| case.child.name = non_empty(name),
                    None,
                    Some("child-name"),
                )}
                <div class="field">
                    <label for=id.clone()>"Personnummer (valfritt)"</label>
                    <input
                        type="text"
                        id=id
                        inputmode="numeric"
                        autocomplete="off"
                        placeholder="ÅÅÅÅMMDD-NNNN"
                        data-path=path
                        data-testid="child-personnummer"
                        prop:value=move || number.get()
                        aria-invalid=move || invalid().to_string()
                        aria-describedby=format!("{} {note_id}", error_id(path))
                        on:input=on_input
                    />
                    <p class="field-note" id=note_id data-testid="identity-note">
                        {move || note.get()}
                    </p>
                    {field_error(path.to_string(), false, true)}
                </div>
            </div>
            <div class="field-row">
                {date_field(
                    "Födelsedatum",
                    "child.birth_date".into(),
                    true,
                    |case| case.child.birth_date,
                    |case, date| {
                        if let Some(date) = date {
                            set_birth_date(case, date);
                        }
                    },
                    None,
                    Some("child-birth-date"),
                )}
                {checkbox_field(
                    "Barnet har egen e-legitimation",
                    "child.has_e_id".into(),
                    |case| case.child.has_e_id,
                    |case, on| case.child.has_e_id = on,
                    Some("child-has-e-id"),
                )}
            </div>
            <ProtectedIdentityPeriods owner=PeriodOwner::Child/>
        </fieldset>
    }
}

/// A button that removes an item, or says why it cannot. `on_remove` is boxed so that the
/// button is compiled once for guardians, representatives and units.
fn remove_button(
    label: String,
    testid: String,
    on_remove: Box<dyn Fn() -> Result<(), String>>,
    refusal: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="remove small"
            data-testid=testid
            on:click=move |_| refusal.set(on_remove().err())
        >
            "Ta bort"<span class="visually-hidden">" " {label}</span>
        </button>
    }
}

fn refusal_line(refusal: RwSignal<Option<String>>) -> impl IntoView {
    view! { <p class="refusal" role="status">{move || refusal.get()}</p> }
}

fn list_ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<(usize, String)> {
    items
        .iter()
        .map(|item| id(item).to_string())
        .enumerate()
        .collect()
}

/// The items of one of the case's lists (guardians, representatives, units), keyed by
/// index and id, each shown by `item`. A plain function rather than a closure of its own
/// type for each list, so one copy of Leptos's keyed `For` serves all three.
#[inline(never)]
fn item_list(items: Memo<Vec<(usize, String)>>, item: fn(usize, String) -> AnyView) -> AnyView {
    view! {
        <For each=move || items.get() key=|item| item.clone() children=move |(index, id)| item(index, id)/>
    }
    .into_any()
}

#[component]
pub fn GuardianList() -> impl IntoView {
    let state = use_app_state();
    let items = Memo::new(move |_| state.case.with(|case| list_ids(&case.guardians, |g| &g.id)));
    let count = move || items.with(Vec::len);
    let add = move |_| {
        let date = state.date.get_untracked();
        state.case.update(|case| {
            let mut taken = referenced_guardian_ids(case);
            taken.extend(case.guardians.iter().map(|g| g.id.clone()));
            let id = next_id("vh", taken.iter().map(String::as_str));
            let from = child_birth(case, date).unwrap_or(date);
            case.guardians.push(Guardian {
                id,
                name: None,
                identity_number: None,
                registered: Period::starting(from),
                protected_identity: Vec::new(),
            });
        });
    };
    view! {
        <fieldset class="section">
            <legend>"Vårdnadshavare"</legend>
            {item_list(items, |index, id| view! { <GuardianItem index=index id=id/> }.into_any())}
            {move || (count() >= 2).then(|| view! {
                <p class="section-hint">"Högst två åt gången. Fler kan läggas till för att visa en ändrad vårdnad."</p>
            })}
            <button type="button" class="add" data-testid="add-guardian" on:click=add>
                "+ Vårdnadshavare"
            </button>
        </fieldset>
    }
}

#[component]
fn GuardianItem(index: usize, id: String) -> impl IntoView {
    let state = use_app_state();
    let base = format!("guardians[{index}]");
    let refusal = RwSignal::new(None);
    let remove_id = id.clone();
    let remove = move || remove_guardian(state, index, &remove_id);
    view! {
        <fieldset class="item" data-testid=format!("guardian-{id}")>
            <legend>{format!("Vårdnadshavare {}", index + 1)}</legend>
            <div class="field-row">
                {text_field(
                    "Namn (valfritt)",
                    format!("{base}.name"),
                    move |case| case.guardians.get(index).and_then(|g| g.name.clone()),
                    move |case, name| {
                        if let Some(g) = case.guardians.get_mut(index) {
                            g.name = non_empty(name);
                        }
                    },
                    None,
                    None,
                )}
                {text_field(
                    "Personnummer (valfritt)",
                    format!("{base}.identity_number"),
                    move |case| case.guardians.get(index).and_then(|g| g.identity_number.clone()),
                    move |case, number| {
                        if let Some(g) = case.guardians.get_mut(index) {
                            // Kept exactly as typed; the engine checks it and says what is wrong.
                            g.identity_number = non_empty(number);
                        }
                    },
                    None,
                    None,
                )}
            </div>
            <div class="field-row">
                {date_field(
                    "Vårdnadshavare fr.o.m.",
                    format!("{base}.registered.from"),
                    true,
                    move |case| case.guardians.get(index).map(|g| g.registered.from),
                    move |case, date| {
                        if let (Some(g), Some(date)) = (case.guardians.get_mut(index), date) {
                            g.registered.from = date;
                        }
                    },
                    None,
                    None,
                )}
                {date_field(
                    "t.o.m.",
                    format!("{base}.registered.to"),
                    false,
                    move |case| case.guardians.get(index).and_then(|g| g.registered.to),
                    move |case, date| {
                        if let Some(g) = case.guardians.get_mut(index) {
                            g.registered.to = date;
                        }
                    },
                    Some("Tomt = tills vidare"),
                    None,
                )}
            </div>
            {field_error(format!("{base}.registered"), false, false)}
            {field_error(format!("{base}.id"), false, false)}
            <ProtectedIdentityPeriods owner=PeriodOwner::Guardian(index)/>
            <div class="item-actions">
                {remove_button(format!("vårdnadshavare {}", index + 1), format!("remove-guardian-{id}"), Box::new(remove), refusal)}
            </div>
            {refusal_line(refusal)}
        </fieldset>
    }
}

fn remove_guardian(state: AppState, index: usize, id: &str) -> Result<(), String> {
    let users = state
        .case
        .with_untracked(|case| measures_referring_to_guardian(case, id));
    if !users.is_empty() {
        return Err(format!(
            "Kan inte tas bort: används av {}. Ändra eller ta bort åtgärden först.",
            users.join(", ")
        ));
    }
    clear_input_errors_under(state, "guardians");
    state.case.update(|case| {
        if case.guardians.get(index).is_some_and(|g| g.id == id) {
            case.guardians.remove(index);
        }
    });
    Ok(())
}

fn representative_kind_key(kind: LegalRepresentativeKind) -> &'static str {
    match kind {
        LegalRepresentativeKind::GodMan => "god_man",
        LegalRepresentativeKind::Forvaltare => "forvaltare",
        LegalRepresentativeKind::GodManEnsamkommande => "god_man_ensamkommande",
    }
}

fn representative_kind_label(kind: LegalRepresentativeKind) -> &'static str {
    match kind {
        LegalRepresentativeKind::GodMan => "God man",
        LegalRepresentativeKind::Forvaltare => "Förvaltare",
        LegalRepresentativeKind::GodManEnsamkommande => "God man för ensamkommande barn",
    }
}

const REPRESENTATIVE_KINDS: [LegalRepresentativeKind; 3] = [
    LegalRepresentativeKind::GodMan,
    LegalRepresentativeKind::Forvaltare,
    LegalRepresentativeKind::GodManEnsamkommande,
];

#[component]
pub fn RepresentativeList() -> impl IntoView {
    let state = use_app_state();
    let items = Memo::new(move |_| {
        state
            .case
            .with(|case| list_ids(&case.legal_representatives, |r| &r.id))
    });
    let add = move |_| {
        let date = state.date.get_untracked();
        state.case.update(|case| {
            let id = next_id(
                "ls",
                case.legal_representatives.iter().map(|r| r.id.as_str()),
            );
            case.legal_representatives.push(LegalRepresentative {
                id,
                name: None,
                kind: LegalRepresentativeKind::GodMan,
                appointed: date,
                access_decided: None,
            });
        });
    };
    view! {
        <fieldset class="section">
            <legend>"Legala ställföreträdare"</legend>
            {item_list(items, |index, id| view! { <RepresentativeItem index=index id=id/> }.into_any())}
            <button type="button" class="add" data-testid="add-representative" on:click=add>
                "+ God man eller förvaltare"
            </button>
        </fieldset>
    }
}

#[component]
fn RepresentativeItem(index: usize, id: String) -> impl IntoView {
    let state = use_app_state();
    let base = format!("legal_representatives[{index}]");
    let kinds: Options = Memo::new(move |_| {
        REPRESENTATIVE_KINDS
            .iter()
            .map(|k| {
                (
                    representative_kind_key(*k).to_string(),
                    representative_kind_label(*k).to_string(),
                )
            })
            .collect()
    });
    let refusal = RwSignal::new(None);
    let remove_id = id.clone();
    let remove = move || {
        clear_input_errors_under(state, "legal_representatives");
        state.case.update(|case| {
            if case
                .legal_representatives
                .get(index)
                .is_some_and(|r| r.id == remove_id)
            {
                case.legal_representatives.remove(index);
            }
        });
        Ok(())
    };
    view! {
        <fieldset class="item" data-testid=format!("representative-{id}")>
            <legend>{format!("Ställföreträdare {}", index + 1)}</legend>
            <div class="field-row">
                {select_field(
                    "Typ",
                    format!("{base}.kind"),
                    kinds,
                    move |case| case.legal_representatives.get(index).map(|r| representative_kind_key(r.kind).to_string()),
                    move |case, key| {
                        let kind = REPRESENTATIVE_KINDS.into_iter().find(|k| representative_kind_key(*k) == key);
                        if let (Some(r), Some(kind)) = (case.legal_representatives.get_mut(index), kind) {
                            r.kind = kind;
                        }
                    },
                    None,
                )}
                {text_field(
                    "Namn (valfritt)",
                    format!("{base}.name"),
                    move |case| case.legal_representatives.get(index).and_then(|r| r.name.clone()),
                    move |case, name| {
                        if let Some(r) = case.legal_representatives.get_mut(index) {
                            r.name = non_empty(name);
                        }
                    },
                    None,
                    None,
                )}
            </div>
            <div class="field-row">
                {date_field(
                    "Förordnad",
                    format!("{base}.appointed"),
                    true,
                    move |case| case.legal_representatives.get(index).map(|r| r.appointed),
                    move |case, date| {
                        if let (Some(r), Some(date)) = (case.legal_representatives.get_mut(index), date) {
                            r.appointed = date;
                        }
                    },
                    None,
                    None,
                )}
                {date_field(
                    "Beslut om tillgång",
                    format!("{base}.access_decided"),
                    false,
                    move |case| case.legal_representatives.get(index).and_then(|r| r.access_decided),
                    move |case, date| {
                        if let Some(r) = case.legal_representatives.get_mut(index) {
                            r.access_decided = date;
                        }
                    },
                    Some("Tomt = inget beslut"),
                    None,
                )}
            </div>
            {field_error(format!("{base}.id"), false, false)}
            <div class="item-actions">
                {remove_button(format!("ställföreträdare {}", index + 1), format!("remove-representative-{id}"), Box::new(remove), refusal)}
            </div>
            {refusal_line(refusal)}
        </fieldset>
    }
}

/// Kinds of unit the rule sets know (e.g. BUP is excluded from display in VGR 2019).
const UNIT_KINDS: [&str; 4] = ["BUP", "Barnahus", "LSS-verksamhet", "Rättpsykiatri"];

#[component]
pub fn UnitList() -> impl IntoView {
    let state = use_app_state();
    let items = Memo::new(move |_| {
        state
            .case
            .with(|case| list_ids(&case.care_units, |u| &u.id))
    });
    let add = move |_| {
        state.case.update(|case| {
            let mut taken = referenced_unit_ids(case);
            taken.extend(case.care_units.iter().map(|u| u.id.clone()));
            let id = next_id("enhet", taken.iter().map(String::as_str));
            let name = format!("Vårdenhet {}", case.care_units.len() + 1);
            case.care_units.push(CareUnit {
                id,
                name,
                kind: None,
            });
        });
    };
    view! {
        <fieldset class="section">
            <legend>"Vårdenheter"</legend>
            <datalist id="unit-kinds">
                {UNIT_KINDS.iter().map(|k| view! { <option value=*k></option> }).collect_view()}
            </datalist>
            {item_list(items, |index, id| view! { <UnitItem index=index id=id/> }.into_any())}
            <button type="button" class="add" data-testid="add-unit" on:click=add>
                "+ Vårdenhet"
            </button>
        </fieldset>
    }
}

#[component]
fn UnitItem(index: usize, id: String) -> impl IntoView {
    let state = use_app_state();
    let base = format!("care_units[{index}]");
    let refusal = RwSignal::new(None);
    let remove_id = id.clone();
    let remove = move || {
        let users = state
            .case
            .with_untracked(|case| measures_referring_to_unit(case, &remove_id));
        if !users.is_empty() {
            return Err(format!(
                "Kan inte tas bort: används av {}. Ändra eller ta bort åtgärden först.",
                users.join(", ")
            ));
        }
        clear_input_errors_under(state, "care_units");
        state.case.update(|case| {
            if case
                .care_units
                .get(index)
                .is_some_and(|u| u.id == remove_id)
            {
                case.care_units.remove(index);
            }
        });
        Ok(())
    };
    view! {
        <div class="item unit-item" data-testid=format!("unit-{id}")>
            <div class="field-row unit-row">
                {text_field(
                    "Namn",
                    format!("{base}.name"),
                    move |case| case.care_units.get(index).map(|u| u.name.clone()),
                    move |case, name| {
                        if let Some(u) = case.care_units.get_mut(index) {
                            u.name = name;
                        }
                    },
                    None,
                    None,
                )}
                {text_field(
                    "Typ (valfri)",
                    format!("{base}.kind"),
                    move |case| case.care_units.get(index).and_then(|u| u.kind.clone()),
                    move |case, kind| {
                        if let Some(u) = case.care_units.get_mut(index) {
                            u.kind = non_empty(kind);
                        }
                    },
                    Some("unit-kinds"),
                    None,
                )}
                <div class="item-actions">
                    {remove_button(format!("vårdenhet {}", index + 1), format!("remove-unit-{id}"), Box::new(remove), refusal)}
                </div>
            </div>
            {field_error(format!("{base}.id"), false, false)}
            {refusal_line(refusal)}
            <UnitKindQuestion index=index id=id.clone()/>
        </div>
    }
}

/// The excluded kind a unit's name suggests while its kind is empty ("BUP Mölndal"), and
/// which rule set excludes it: the one answering on the chosen date if it does, else
/// another version that answers the case (the timeline spans them all, `None` = the
/// answering one).
pub fn unit_kind_suggestion(
    state: AppState,
    case: &Case,
    unit: &CareUnit,
) -> Option<(String, Option<String>)> {
    if let Ok(rule_set) = state.rule_set.get() {
        if let Some(kind) = suggested_unit_kind(rule_set, unit) {
            return Some((kind.to_string(), None));
        }
    }
    let choice =
        RuleChoice::for_case(state.catalog, &case.region, case.pinned_rule_set.as_deref()).ok()?;
    choice.rule_sets().iter().find_map(|rule_set| {
        suggested_unit_kind(rule_set, unit).map(|kind| {
            (
                kind.to_string(),
                Some(rule_set_short(state.catalog, rule_set)),
            )
        })
    })
}

/// "Är detta en BUP-enhet? Regelverket undantar BUP från visning." beside a unit whose
/// kind is empty and whose name suggests an excluded kind, with a button that sets it.
#[component]
fn UnitKindQuestion(index: usize, id: String) -> impl IntoView {
    let state = use_app_state();
    let suggestion = Memo::new(move |_| {
        state.case.with(|case| {
            let unit = case.care_units.get(index)?;
            unit_kind_suggestion(state, case, unit)
        })
    });
    move || {
        let (kind, rule_set) = suggestion.get()?;
        let unit_id = id.clone();
        let what = if kind.chars().all(|c| c.is_ascii_uppercase()) {
            format!("en {kind}-enhet")
        } else {
            format!("en enhet av typen {kind}")
        };
        let who = rule_set.unwrap_or_else(|| "Regelverket".to_string());
        let question_id = format!("unit-kind-question-{unit_id}");
        let labelled_by = question_id.clone();
        let testid = question_id.clone();
        let button_testid = format!("unit-kind-set-{unit_id}");
        let set_kind = kind.clone();
        Some(view! {
            <div class="unit-kind-question" role="group" aria-labelledby=labelled_by data-testid=testid>
                <p id=question_id>
                    <span aria-hidden="true">"? "</span>
                    <strong>{format!("Är detta {what}?")}</strong>
                    " "
                    {format!("{who} undantar {kind} från visning.")}
                </p>
                <button
                    type="button"
                    data-testid=button_testid
                    on:click=move |_| set_unit_kind(state, &unit_id, &set_kind)
                >
                    {format!("Ja, ange typen {kind}")}
                </button>
                <p class="field-hint">"Om inte: skriv enhetens typ i fältet Typ."</p>
            </div>
        })
    }
}

/// Registrations that started at birth follow the birth date when it is corrected (e.g. by
/// typing the personnummer), so the guardians are not left registered before the child
/// was born.
fn set_birth_date(case: &mut insyn_engine::Case, birth: chrono::NaiveDate) {
    if let Some(old) = case.child.birth_date.replace(birth) {
        for guardian in &mut case.guardians {
            if guardian.registered.from == old {
                guardian.registered.from = birth;
            }
        }
    }
}
