//! Golden tests, table-driven, one file per rule set under `tests/golden/`.
//!
//! Each golden case names the parameters (rules) it checks and quotes the line of guidance
//! it rests on. A case *exercises* a parameter only if changing that parameter's value in
//! the rule set makes at least one of the case's expectations fail (a small mutation test),
//! so coverage cannot be claimed by naming alone. Every parameter a rule set states itself
//! must be exercised by its golden file; inherited parameters are the national baseline's
//! and are exercised by `national.json`.

use std::collections::BTreeSet;
use std::path::Path;

use insyn_engine::case::MeasureType;
use insyn_engine::decision::{recommend, Answers, BlockingTarget, Concern};
use insyn_engine::documents::{document, DocumentInput, DocumentKind, StaffDetails};
use insyn_engine::evaluation::CaseIndex;
use insyn_engine::evaluation::{
    evaluate_with, Actor, Capability, ContentFilter, Evaluation, Outcome,
};
use insyn_engine::guardian_view::{guardian_views, SwitchJournalEntry};
use insyn_engine::guidance::{measure_guidance, reminders_for, request_route};
use insyn_engine::rule_set::{RuleChoice, RuleSet};
use insyn_engine::validation::{validate_case, validate_date};
use insyn_engine::{parse_date, Case, Catalog};
use serde_json::{json, Value};

fn golden_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden"))
}

fn cases_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/cases"))
}

struct GoldenCase {
    file: String,
    name: String,
    checks: Vec<String>,
    quote: String,
    case: Case,
    date: chrono::NaiveDate,
    expect: Vec<Value>,
    /// Evaluate with the region's versions, each measure judged under the version in force
    /// when it was decided (the rule set under test standing in for its own version),
    /// rather than with the rule set alone.
    history: bool,
}

fn load_golden(rule_set_id: &str) -> Vec<GoldenCase> {
    let path = golden_dir().join(format!("{rule_set_id}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("no golden file {}: {e}", path.display()));
    let file: Value = serde_json::from_str(&text).expect("golden file is JSON");
    assert_eq!(file["rule_set"], json!(rule_set_id), "{}", path.display());
    file["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let name = c["name"].as_str().expect("name").to_string();
            let case = match (&c["case"], &c["case_inline"]) {
                (Value::String(file), _) => {
                    let text = std::fs::read_to_string(cases_dir().join(file))
                        .unwrap_or_else(|e| panic!("{name}: case file {file}: {e}"));
                    Case::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
                }
                (_, inline @ Value::Object(_)) => {
                    Case::from_json(&inline.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"))
                }
                _ => panic!("{name}: needs \"case\" (file) or \"case_inline\""),
            };
            GoldenCase {
                file: path.display().to_string(),
                checks: c["checks"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{name}: checks"))
                    .iter()
                    .map(|v| v.as_str().expect("check names").to_string())
                    .collect(),
                quote: c["quote"].as_str().unwrap_or_default().to_string(),
                date: parse_date(c["date"].as_str().expect("date")).expect("golden date"),
                expect: c["expect"].as_array().expect("expect").clone(),
                history: c["history"].as_bool().unwrap_or(false),
                case,
                name,
            }
        })
        .collect()
}

fn actor_of(name: &str) -> Actor {
    match name {
        "child" => Actor::Child,
        id if id.starts_with("lr:") => Actor::LegalRepresentative {
            id: id[3..].to_string(),
        },
        id => Actor::Guardian { id: id.to_string() },
    }
}

fn capability_of(name: &str) -> Capability {
    match name {
        "account" => Capability::Account,
        "proxy" => Capability::Proxy,
        "journal:other" => Capability::Journal { unit: None },
        unit if unit.starts_with("journal:") => Capability::Journal {
            unit: Some(unit["journal:".len()..].to_string()),
        },
        other => panic!("unknown capability {other}"),
    }
}

fn contains(haystack: Option<&str>, needle: &Value) -> bool {
    match needle.as_str() {
        Some(needle) => haystack.is_some_and(|h| h.to_lowercase().contains(&needle.to_lowercase())),
        None => true,
    }
}

fn filter_kind(filter: &ContentFilter) -> &'static str {
    match filter {
        ContentFilter::DisplayStart { .. } => "display_start",
        ContentFilter::ExceptionCategories { .. } => "exception_categories",
        ContentFilter::ExceptionNote { .. } => "exception_note",
        ContentFilter::ExcludedUnitKinds { .. } => "excluded_unit_kinds",
        ContentFilter::SealedEntries { .. } => "sealed_entries",
    }
}

/// The keys an expectation of each kind may use: a misspelt key must fail, not pass.
const CELL_KEYS: &[&str] = &[
    "actor",
    "capability",
    "outcome",
    "reason",
    "any_reason",
    "filter",
    "filter_text_contains",
    "no_filter",
    "hint",
    "form_contains",
    "decided_by_contains",
    "child_must_agree",
];
const VIEW_KEYS: &[&str] = &[
    "guardian",
    "switch_journal",
    "message_contains",
    "child_on_start_page",
    "standard_answer_contains",
    "standard_answer_absent",
    "always_informed",
];
const GUIDANCE_KEYS: &[&str] = &[
    "measure",
    "phone_contains",
    "phone_absent",
    "checklist_contains",
    "checklist_empty",
    "documentation_contains",
    "documentation_empty",
    "extra_action_contains",
    "form_contains",
    "decided_by_contains",
    "unlock_rule",
    "scopes",
];

const RECOMMENDATION_KEYS: &[&str] = &[
    "yes",
    "risk_guardian",
    "measures",
    "scenario_measures",
    "blocking_target",
];
const REMINDER_KEYS: &[&str] = &["measure", "contains", "absent", "once", "rule_ids"];
const ROUTE_KEYS: &[&str] = &[
    "measure",
    "rule",
    "form_contains",
    "form_absent",
    "decided_by_contains",
    "absent",
];
const DOCUMENT_KEYS: &[&str] = &[
    "kind",
    "measure",
    "contains",
    "absent",
    "missing_contains",
    "title_contains",
];

fn known_keys(object: &Value, keys: &[&str]) {
    for key in object
        .as_object()
        .expect("an expectation is an object")
        .keys()
    {
        assert!(
            keys.contains(&key.as_str()),
            "unknown expectation key \"{key}\" in {object}"
        );
    }
}

/// Check one expectation; `Err` says what differed.
fn check(
    rule_set: &RuleSet,
    case: &Case,
    evaluation: &Evaluation,
    expect: &Value,
) -> Result<(), String> {
    if let Some(actor) = expect.get("actor") {
        known_keys(expect, CELL_KEYS);
        let actor = actor_of(actor.as_str().unwrap());
        let capability = capability_of(expect["capability"].as_str().unwrap());
        let cell = evaluation
            .cell(&actor, &capability)
            .ok_or_else(|| format!("no cell {actor:?} × {capability:?}"))?;
        let outcome = serde_json::to_value(cell.outcome.kind()).unwrap();
        if let Some(expected) = expect.get("outcome") {
            if &outcome != expected {
                return Err(format!(
                    "{actor:?} × {capability:?}: {outcome} ≠ expected {expected}"
                ));
            }
        }
        if let Some(rule) = expect.get("reason") {
            let first = cell.reasons.first().map(|r| r.rule.parameter().name());
            if first != rule.as_str() {
                return Err(format!(
                    "{actor:?} × {capability:?}: decisive rule {first:?} ≠ {rule}"
                ));
            }
        }
        if let Some(rule) = expect.get("any_reason") {
            if !cell
                .reasons
                .iter()
                .any(|r| Some(r.rule.parameter().name()) == rule.as_str())
            {
                return Err(format!("{actor:?} × {capability:?}: no reason {rule}"));
            }
        }
        if let Some(kind) = expect.get("filter") {
            if !cell
                .filters
                .iter()
                .any(|f| Some(filter_kind(f)) == kind.as_str())
            {
                return Err(format!("{actor:?} × {capability:?}: no filter {kind}"));
            }
        }
        if let Some(text) = expect.get("filter_text_contains") {
            let all: Vec<String> = cell.filters.iter().map(|f| f.sentence_sv()).collect();
            if !contains(Some(&all.join(" ")), text) {
                return Err(format!(
                    "{actor:?} × {capability:?}: filters {all:?} lack {text}"
                ));
            }
        }
        if let Some(kind) = expect.get("no_filter") {
            if cell
                .filters
                .iter()
                .any(|f| Some(filter_kind(f)) == kind.as_str())
            {
                return Err(format!(
                    "{actor:?} × {capability:?}: unexpected filter {kind}"
                ));
            }
        }
        if let Some(hint) = expect.get("hint") {
            let got = cell.hint.map(|h| serde_json::to_value(h.would_be).unwrap());
            if got.as_ref() != Some(hint) {
                return Err(format!("{actor:?} × {capability:?}: hint {got:?} ≠ {hint}"));
            }
        }
        for (key, field) in [
            ("form_contains", "form"),
            ("decided_by_contains", "decided_by"),
        ] {
            if let Some(text) = expect.get(key) {
                let Outcome::Grantable { route } = &cell.outcome else {
                    return Err(format!("{actor:?} × {capability:?}: not grantable"));
                };
                let value = if field == "form" {
                    route.form.as_deref()
                } else {
                    Some(route.decided_by.as_str())
                };
                if !contains(value, text) {
                    return Err(format!(
                        "{actor:?} × {capability:?}: {field} {value:?} lacks {text}"
                    ));
                }
            }
        }
        if let Some(agree) = expect.get("child_must_agree") {
            let Outcome::Grantable { route } = &cell.outcome else {
                return Err(format!("{actor:?} × {capability:?}: not grantable"));
            };
            if Some(route.child_must_agree) != agree.as_bool() {
                return Err(format!(
                    "{actor:?} × {capability:?}: child_must_agree {}",
                    route.child_must_agree
                ));
            }
        }
        return Ok(());
    }
    if let Some(rule) = expect.get("required_action") {
        return if evaluation
            .required_actions
            .iter()
            .any(|a| Some(a.rule_id.name()) == rule.as_str())
        {
            Ok(())
        } else {
            Err(format!("no required action {rule}"))
        };
    }
    if let Some(rule) = expect.get("no_required_action") {
        return if evaluation
            .required_actions
            .iter()
            .any(|a| Some(a.rule_id.name()) == rule.as_str())
        {
            Err(format!("unexpected required action {rule}"))
        } else {
            Ok(())
        };
    }
    if let Some(text) = expect.get("reminder_contains") {
        return if evaluation.reminders.iter().any(|r| contains(Some(r), text)) {
            Ok(())
        } else {
            Err(format!("no reminder containing {text}"))
        };
    }
    if let Some(view) = expect.get("guardian_view") {
        known_keys(view, VIEW_KEYS);
        let views = guardian_views(rule_set, case, evaluation);
        let id = view["guardian"].as_str().unwrap();
        let v = views
            .iter()
            .find(|v| v.guardian_id == id)
            .ok_or_else(|| format!("no guardian view {id}"))?;
        if let Some(state) = view.get("switch_journal") {
            let got = match &v.switch_journal {
                SwitchJournalEntry::Listed => "listed",
                SwitchJournalEntry::Greyed { .. } => "greyed",
                SwitchJournalEntry::NotListed => "not_listed",
            };
            if Some(got) != state.as_str() {
                return Err(format!(
                    "guardian view {id}: switch_journal {got} ≠ {state}"
                ));
            }
        }
        if let Some(text) = view.get("message_contains") {
            let message = match &v.switch_journal {
                SwitchJournalEntry::Greyed { message } => Some(message.as_str()),
                _ => None,
            };
            if !contains(message, text) {
                return Err(format!(
                    "guardian view {id}: message {message:?} lacks {text}"
                ));
            }
        }
        if let Some(on) = view.get("child_on_start_page") {
            if Some(v.child_on_start_page) != on.as_bool() {
                return Err(format!(
                    "guardian view {id}: start page {}",
                    v.child_on_start_page
                ));
            }
        }
        if let Some(text) = view.get("standard_answer_contains") {
            if !contains(v.standard_answer, text) {
                return Err(format!("guardian view {id}: standard answer lacks {text}"));
            }
        }
        if view.get("standard_answer_absent") == Some(&Value::Bool(true))
            && v.standard_answer.is_some()
        {
            return Err(format!("guardian view {id}: a standard answer exists"));
        }
        if let Some(informed) = view.get("always_informed") {
            if Some(v.guardian_always_informed) != informed.as_bool() {
                return Err(format!(
                    "guardian view {id}: always informed {}",
                    v.guardian_always_informed
                ));
            }
        }
        return Ok(());
    }
    if let Some(guide) = expect.get("guidance") {
        known_keys(guide, GUIDANCE_KEYS);
        let measure = match guide["measure"].as_str() {
            Some("blocking") => MeasureType::Blocking,
            Some("sealing") => MeasureType::Sealing,
            other => panic!("guidance measure {other:?}"),
        };
        let g = measure_guidance(rule_set, measure).expect("guidance for a blocking or a sealing");
        let list_contains =
            |list: &[String], text: &Value| list.iter().any(|i| contains(Some(i), text));
        let mut problems = Vec::new();
        if let Some(t) = guide.get("phone_contains") {
            if !contains(g.urgent_phone.value, t) {
                problems.push(format!("phone {:?}", g.urgent_phone.value));
            }
        }
        let flag = |key: &str| guide.get(key) == Some(&Value::Bool(true));
        if flag("phone_absent") && g.urgent_phone.value.is_some() {
            problems.push(format!("phone {:?} exists", g.urgent_phone.value));
        }
        if flag("checklist_empty") && !g.phone_checklist.value.is_empty() {
            problems.push("checklist not empty".to_string());
        }
        if flag("documentation_empty") && !g.documentation_note_fields.value.is_empty() {
            problems.push("documentation fields not empty".to_string());
        }
        if let Some(t) = guide.get("checklist_contains") {
            if !list_contains(g.phone_checklist.value, t) {
                problems.push("checklist".to_string());
            }
        }
        if let Some(t) = guide.get("documentation_contains") {
            if !list_contains(g.documentation_note_fields.value, t) {
                problems.push("documentation".to_string());
            }
        }
        if let Some(t) = guide.get("extra_action_contains") {
            if !list_contains(g.extra_actions.as_ref().map_or(&[][..], |e| e.value), t) {
                problems.push("extra actions".to_string());
            }
        }
        if let Some(t) = guide.get("form_contains") {
            if !contains(g.request.value.form.as_deref(), t) {
                problems.push(format!("form {:?}", g.request.value.form));
            }
        }
        if let Some(t) = guide.get("decided_by_contains") {
            if !contains(Some(&g.request.value.decided_by), t) {
                problems.push(format!("decided_by {:?}", g.request.value.decided_by));
            }
        }
        if let Some(rule) = guide.get("unlock_rule") {
            let got = g
                .unlock_rule
                .as_ref()
                .map(|u| serde_json::to_value(u.value).unwrap());
            if got.as_ref() != Some(rule) {
                problems.push(format!("unlock rule {got:?}"));
            }
        }
        if let Some(scopes) = guide.get("scopes") {
            let got = g
                .sealing_scopes
                .as_ref()
                .map(|s| serde_json::to_value(s.value).unwrap());
            if got.as_ref() != Some(scopes) {
                problems.push(format!("scopes {got:?}"));
            }
        }
        return if problems.is_empty() {
            Ok(())
        } else {
            Err(format!("guidance: {}", problems.join(", ")))
        };
    }
    if let Some(recommendation) = expect.get("recommendation") {
        return check_recommendation(rule_set, recommendation);
    }
    if let Some(reminders) = expect.get("reminders") {
        return check_reminders(rule_set, case, reminders);
    }
    if let Some(route) = expect.get("route") {
        return check_route(rule_set, case, route);
    }
    if let Some(doc) = expect.get("document") {
        return check_document(rule_set, case, evaluation.date, doc);
    }
    panic!("unknown expectation {expect}")
}

/// The measure of the case an expectation names by id; a missing one is a golden-file error.
fn measure_of<'c>(case: &'c Case, expect: &Value) -> &'c insyn_engine::case::Measure {
    let id = expect["measure"]
        .as_str()
        .unwrap_or_else(|| panic!("{expect}: needs \"measure\" (a measure id in the case)"));
    case.measure(id)
        .unwrap_or_else(|| panic!("{expect}: no measure \"{id}\" in the case"))
}

/// Measure names as the rule files write them, sorted, for comparing lists as sets.
fn measure_names(measures: &[insyn_engine::case::MeasureType]) -> Vec<String> {
    let mut names: Vec<String> = measures.iter().map(|m| m.tag().to_string()).collect();
    names.sort();
    names
}

fn string_list(value: &Value) -> Vec<String> {
    let mut list: Vec<String> = value
        .as_array()
        .unwrap_or_else(|| panic!("{value}: expected a list of strings"))
        .iter()
        .map(|v| v.as_str().expect("a list of strings").to_string())
        .collect();
    list.sort();
    list
}

/// `{"recommendation": {"yes": [concern keys], "risk_guardian"?, "measures"?,
/// "scenario_measures"?: {concern key: [measures]}, "blocking_target"?: "both" | "choose" |
/// guardian id}}`: what "Vilken åtgärd?" recommends for the answers.
fn check_recommendation(rule_set: &RuleSet, expect: &Value) -> Result<(), String> {
    known_keys(expect, RECOMMENDATION_KEYS);
    let yes: Vec<Concern> = expect["yes"]
        .as_array()
        .unwrap_or_else(|| panic!("{expect}: needs \"yes\" (a list of question keys)"))
        .iter()
        .map(|k| {
            let key = k.as_str().expect("question keys are strings");
            Concern::from_key(key).unwrap_or_else(|| panic!("unknown question key \"{key}\""))
        })
        .collect();
    let answers = Answers {
        yes,
        risk_guardian: expect.get("risk_guardian").map(|g| {
            g.as_str()
                .expect("risk_guardian is a guardian id")
                .to_string()
        }),
    };
    let r = recommend(rule_set, &answers);
    let mut problems = Vec::new();
    if let Some(expected) = expect.get("measures") {
        let got = measure_names(&r.measures);
        if got != string_list(expected) {
            problems.push(format!("measures {got:?} ≠ expected {expected}"));
        }
    }
    if let Some(per_scenario) = expect.get("scenario_measures") {
        let per_scenario = per_scenario
            .as_object()
            .expect("scenario_measures maps question keys to measures");
        for (key, expected) in per_scenario {
            let concern =
                Concern::from_key(key).unwrap_or_else(|| panic!("unknown question key \"{key}\""));
            let Some(scenario) = r.scenarios.iter().find(|s| s.concern == concern) else {
                panic!("scenario_measures names \"{key}\", which is not answered yes");
            };
            let got = measure_names(scenario.measures);
            if got != string_list(expected) {
                problems.push(format!("scenario {key}: {got:?} ≠ expected {expected}"));
            }
        }
    }
    if let Some(target) = expect.get("blocking_target") {
        let got = match &r.blocking_guardians {
            BlockingTarget::Both => "both".to_string(),
            BlockingTarget::Choose => "choose".to_string(),
            BlockingTarget::One { guardian } => guardian.clone(),
        };
        if Some(got.as_str()) != target.as_str() {
            problems.push(format!("blocking target {got} ≠ expected {target}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("recommendation: {}", problems.join(", ")))
    }
}

/// `{"reminders": {"measure": id, "contains"?, "absent"?, "once"?: true, "rule_ids"?: [..]}}`:
/// the reminders for the measure's kind. `once`: exactly one reminder has `contains` (the
/// same advice is not shown twice); `rule_ids`: the rules the reminders come from, in
/// order, each once.
fn check_reminders(rule_set: &RuleSet, case: &Case, expect: &Value) -> Result<(), String> {
    known_keys(expect, REMINDER_KEYS);
    let measure = measure_of(case, expect);
    let reminders = reminders_for(rule_set, &measure.kind);
    let texts: Vec<&str> = reminders.iter().map(|r| r.text_sv.as_str()).collect();
    let mut problems = Vec::new();
    if let Some(text) = expect.get("contains") {
        let count = texts.iter().filter(|r| contains(Some(r), text)).count();
        if count == 0 {
            problems.push(format!("none contains {text}"));
        }
        if expect.get("once") == Some(&Value::Bool(true)) && count > 1 {
            problems.push(format!("{count} contain {text}"));
        }
    }
    if let Some(text) = expect.get("absent") {
        if texts.iter().any(|r| contains(Some(r), text)) {
            problems.push(format!("one contains {text}"));
        }
    }
    if let Some(expected) = expect.get("rule_ids") {
        let mut got: Vec<&str> = Vec::new();
        for r in &reminders {
            if !got.contains(&r.rule_id.name()) {
                got.push(r.rule_id.name());
            }
        }
        let expected: Vec<&str> = expected
            .as_array()
            .expect("rule_ids is a list")
            .iter()
            .map(|v| v.as_str().expect("rule ids are strings"))
            .collect();
        if got != expected {
            problems.push(format!("from rules {got:?} ≠ expected {expected:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "reminders for {}: {} (reminders: {texts:?})",
            measure.id,
            problems.join(", ")
        ))
    }
}

/// `{"route": {"measure": id, "rule"?, "form_contains"?, "form_absent"?: true,
/// "decided_by_contains"?, "absent"?: true}}`: how the measure's kind is requested.
/// `absent`: the rule set does not say how (no route, or no one named as deciding).
fn check_route(rule_set: &RuleSet, case: &Case, expect: &Value) -> Result<(), String> {
    known_keys(expect, ROUTE_KEYS);
    let measure = measure_of(case, expect);
    let route = request_route(rule_set, &measure.kind);
    let flag = |key: &str| expect.get(key) == Some(&Value::Bool(true));
    let mut problems = Vec::new();
    let decided_by = route.as_ref().and_then(|r| r.decided_by);
    let form = route.as_ref().and_then(|r| r.form);
    if flag("absent") && decided_by.is_some() {
        problems.push(format!(
            "a route exists (decided by {decided_by:?}, form {form:?})"
        ));
    }
    if let Some(rule) = expect.get("rule") {
        let got = route.as_ref().map(|r| r.rule_id.name());
        if got != rule.as_str() {
            problems.push(format!("rule {got:?} ≠ {rule}"));
        }
    }
    if let Some(text) = expect.get("form_contains") {
        if !contains(form, text) {
            problems.push(format!("form {form:?} lacks {text}"));
        }
    }
    if flag("form_absent") && form.is_some() {
        problems.push(format!("form {form:?} exists"));
    }
    if let Some(text) = expect.get("decided_by_contains") {
        if !contains(decided_by, text) {
            problems.push(format!("decided by {decided_by:?} lacks {text}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("route for {}: {}", measure.id, problems.join(", ")))
    }
}

/// `{"document": {"kind": "request|note|phone|answer", "measure": id, "contains"?,
/// "absent"?, "missing_contains"?, "title_contains"?}}`: the document built for the
/// measure on the golden date, with no staff details, read as its plain text.
fn check_document(
    rule_set: &RuleSet,
    case: &Case,
    date: chrono::NaiveDate,
    expect: &Value,
) -> Result<(), String> {
    known_keys(expect, DOCUMENT_KEYS);
    let measure = measure_of(case, expect);
    let kind_key = expect["kind"]
        .as_str()
        .unwrap_or_else(|| panic!("{expect}: needs \"kind\""));
    let kind = DocumentKind::from_key(kind_key)
        .unwrap_or_else(|| panic!("unknown document kind \"{kind_key}\""));
    let staff = StaffDetails::default();
    let input = DocumentInput {
        case,
        measure_id: &measure.id,
        kind,
        date,
        staff: &staff,
    };
    let doc = document(rule_set, &input).map_err(|e| format!("document: {e}"))?;
    let text = doc.to_text();
    let mut problems = Vec::new();
    if let Some(t) = expect.get("contains") {
        if !contains(Some(&text), t) {
            problems.push(format!("text lacks {t}"));
        }
    }
    if let Some(t) = expect.get("absent") {
        if t.as_str().is_some() && contains(Some(&text), t) {
            problems.push(format!("text has {t}"));
        }
    }
    if let Some(t) = expect.get("missing_contains") {
        if !doc.missing.iter().any(|m| contains(Some(m), t)) {
            problems.push(format!("missing {:?} lacks {t}", doc.missing));
        }
    }
    if let Some(t) = expect.get("title_contains") {
        if !contains(Some(&doc.title), t) {
            problems.push(format!("title {:?} lacks {t}", doc.title));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{kind_key} document for {}: {}\n{text}",
            measure.id,
            problems.join(", ")
        ))
    }
}

fn run_case(rule_set: &RuleSet, golden: &GoldenCase) -> Result<(), String> {
    let facts = validate_case(&golden.case, golden.date).map_err(|e| e.to_string())?;
    validate_date(&facts, golden.date).map_err(|e| e.to_string())?;
    let evaluation = if golden.history {
        let versions: Vec<&RuleSet> = Catalog::embedded()
            .rule_sets
            .iter()
            .filter(|r| r.region == rule_set.region)
            .map(|r| if r.id == rule_set.id { rule_set } else { r })
            .collect();
        CaseIndex::new(RuleChoice::Region(versions), &golden.case, facts)
            .evaluate(golden.date)
            .map_err(|e| e.to_string())?
    } else {
        evaluate_with(rule_set, &golden.case, &facts, golden.date)
    };
    let failures: Vec<String> = golden
        .expect
        .iter()
        .filter_map(|e| check(rule_set, &golden.case, &evaluation, e).err())
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// Change a parameter's value to a different, valid one of the same type.
fn mutate(name: &str, value: &Value) -> Value {
    match value {
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) => json!(n.as_u64().unwrap() + 1),
        Value::Null => match name {
            "blocking_ends_at_age" => json!(13),
            "sealing_ends_at_age" => json!(16),
            "legal_representative_from_age" => json!(16),
            "display_start_date" | "children_journal_connected_on" => json!("2100-01-01"),
            "extended_access_child" | "extended_access_guardian" | "legal_representative_route" => {
                json!({"decided_by": "MUTATED", "form": "MUTATED", "child_must_agree": false})
            }
            "blocking_extension_request"
            | "blocking_lift_request"
            | "sealing_unlock_request"
            | "login_lock_request" => json!({"decided_by": "MUTATED", "form": "MUTATED"}),
            _ => json!("MUTATED"),
        },
        Value::String(s) => match s.as_str() {
            "all_initiating_units" => json!("any_initiating_unit"),
            "any_initiating_unit" => json!("all_initiating_units"),
            _ if name == "display_start_date" || name == "children_journal_connected_on" => {
                Value::Null
            }
            _ => json!("MUTATED"),
        },
        Value::Array(items) if !items.is_empty() => json!([]),
        Value::Array(_) => match name {
            "exception_categories" => {
                json!([{"name": "MUTATED", "hidden_from": "everyone", "only_during_investigation": false}])
            }
            "sealing_scopes" => json!(["whole", "unit", "entry_period"]),
            // A recommended measure must be one the engine knows.
            _ if name.starts_with("scenario_") => json!(["sealing"]),
            _ => json!(["MUTATED"]),
        },
        Value::Object(route) => match name {
            "extended_access_child" | "extended_access_guardian" | "legal_representative_route" => {
                Value::Null
            }
            _ => {
                let mut route = route.clone();
                route.insert("decided_by".into(), json!("MUTATED"));
                route.insert("form".into(), json!("MUTATED"));
                Value::Object(route)
            }
        },
    }
}

fn mutated(rule_set: &RuleSet, name: &str) -> RuleSet {
    let mut value = serde_json::to_value(rule_set).unwrap();
    let parameter = &mut value["parameters"][name];
    assert!(parameter.is_object(), "unknown parameter {name}");
    parameter["value"] = mutate(name, &parameter["value"]);
    // Legal representatives' access needs both an age and a route: giving one where the
    // other is missing would change nothing, so a missing partner is given too.
    let partner = match name {
        "legal_representative_from_age" => Some("legal_representative_route"),
        "legal_representative_route" => Some("legal_representative_from_age"),
        _ => None,
    };
    if let Some(partner) = partner {
        if value["parameters"][partner]["value"].is_null() {
            let changed = mutate(partner, &Value::Null);
            value["parameters"][partner]["value"] = changed;
        }
    }
    serde_json::from_value(value).unwrap_or_else(|e| panic!("mutating {name}: {e}"))
}

/// Run a rule set's golden file; return the parameters its cases exercise.
fn run_golden_file(rule_set_id: &str) -> BTreeSet<String> {
    let catalog = Catalog::embedded();
    let rule_set = catalog
        .get(rule_set_id)
        .unwrap_or_else(|| panic!("no rule set {rule_set_id}"));
    let mut exercised = BTreeSet::new();
    let mut failures = Vec::new();
    for golden in load_golden(rule_set_id) {
        if let Err(why) = run_case(rule_set, &golden) {
            failures.push(format!("{} — \"{}\": {why}", golden.file, golden.name));
            continue;
        }
        // The quoted line must be the citation (or part of it) of a parameter it checks.
        let normalise = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let quote = normalise(&golden.quote);
        let parameters = rule_set.parameter_list();
        for name in &golden.checks {
            assert!(
                parameters.iter().any(|(n, _, _)| n.name() == name),
                "\"{}\" checks unknown parameter {name}",
                golden.name
            );
        }
        let quoted = !quote.is_empty()
            && parameters.iter().any(|(name, citation, _)| {
                golden.checks.iter().any(|c| c == name.name())
                    && normalise(&citation.quote).contains(&quote)
            });
        if !quoted {
            failures.push(format!(
                "\"{}\": its quote is not in the citation of any parameter it checks",
                golden.name
            ));
        }
        for name in &golden.checks {
            match run_case(&mutated(rule_set, name), &golden) {
                Err(_) => {
                    exercised.insert(name.clone());
                }
                Ok(()) => failures.push(format!(
                    "\"{}\" names {name} but passes just the same when {name} is changed: it does not exercise it",
                    golden.name
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden failures:\n{}",
        failures.join("\n")
    );
    exercised
}

/// The parameters a rule set's golden file must exercise: its own, not inherited ones.
fn own_parameters(rule_set_id: &str) -> BTreeSet<String> {
    let rule_set = Catalog::embedded().get(rule_set_id).unwrap();
    rule_set
        .parameter_list()
        .into_iter()
        .filter(|(_, citation, _)| citation.inherited_from.is_none())
        // What a later version does with measures decided under an earlier one can only
        // act where the region has more than one version.
        .filter(|(id, _, _)| {
            *id != insyn_engine::rule_set::ParameterId::EarlierMeasuresStand
                || Catalog::embedded()
                    .rule_sets
                    .iter()
                    .filter(|r| r.region == rule_set.region)
                    .count()
                    > 1
        })
        .map(|(name, _, _)| name.to_string())
        .collect()
}

fn golden_file_covers_every_own_parameter(rule_set_id: &str) {
    let exercised = run_golden_file(rule_set_id);
    let missing: Vec<String> = own_parameters(rule_set_id)
        .difference(&exercised)
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "rule set {rule_set_id}: no golden case exercises these parameters: {}",
        missing.join(", ")
    );
}

#[test]
fn every_rule_set_has_a_golden_file() {
    for rule_set in &Catalog::embedded().rule_sets {
        assert!(
            golden_dir().join(format!("{}.json", rule_set.id)).exists(),
            "rule set {} has no golden file",
            rule_set.id
        );
    }
}

#[test]
fn the_national_baseline_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("national");
}

#[test]
fn the_vgr_2019_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("vgr-2019");
}

#[test]
fn the_vgr_2026_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("vgr-2026");
}

#[test]
fn the_jonkoping_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("rjl");
}

#[test]
fn the_ostergotland_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("ostergotland");
}

#[test]
fn the_skane_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("skane");
}

#[test]
fn the_stockholm_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("stockholm");
}

#[test]
fn the_orebro_golden_cases_hold_and_cover_every_parameter() {
    golden_file_covers_every_own_parameter("orebro");
}
