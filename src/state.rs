//! The app's state, as in Leptos's todomvc example: the plain domain `Case` in one signal,
//! the chosen date and view beside it, and every outcome derived from them as a `Memo`.
//! Components get it by context (`use_app_state`), so write handles need no prop drilling.
//!
//! The case lives in this page's memory; `components::saved_cases` keeps a copy in the
//! tab's `sessionStorage` (see `storage` for what may be stored).

use chrono::NaiveDate;
use insyn_engine::case::Measure;
use insyn_engine::decision::Answers;
use insyn_engine::documents::{DocumentKind, StaffDetails};
use insyn_engine::guardian_view::{guardian_views, GuardianView};
use insyn_engine::support::Observation;
use insyn_engine::timeline::{timeline, Timeline};
use insyn_engine::validation::{validate_case, validate_case_all, validate_date};
use insyn_engine::{Actor, Capability, Case, Catalog, EngineError, Evaluation, RuleSet};
use leptos::prelude::*;

use crate::storage::{has_unsaved_changes, Baseline};
use crate::trainer::{Stage, Training};
use crate::training_cases::TrainingCase;

/// The views staff switch between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// "Läget": the access matrix on the chosen date.
    Situation,
    /// "Vilken åtgärd?": decision support, the measure the guidance recommends.
    Decide,
    /// "Dokument": request, documentation note, phone checklist and standard answer.
    Documents,
    /// "Tidslinje": every change from birth to 18.
    Timeline,
    /// "Jämför": the case under two rule sets.
    Compare,
    /// "Vad ser vårdnadshavaren?"
    GuardianView,
    /// "Supporten": from what a calling guardian describes to the causes and the answer.
    Support,
    /// "Regelverk": every rule set with its citations.
    RuleSets,
    /// "Utbildningsläge": the trainers' mode, for a projector (not a tab: it takes the
    /// whole page, the case editor folded away).
    Training,
}

impl View {
    pub const ALL: [View; 9] = [
        View::Situation,
        View::Decide,
        View::Documents,
        View::Timeline,
        View::Compare,
        View::GuardianView,
        View::Support,
        View::RuleSets,
        View::Training,
    ];

    /// The views chosen by the tabs beside the case.
    pub const TABS: [View; 8] = [
        View::Situation,
        View::Decide,
        View::Documents,
        View::Timeline,
        View::Compare,
        View::GuardianView,
        View::Support,
        View::RuleSets,
    ];

    pub fn label_sv(self) -> &'static str {
        match self {
            View::Situation => "Läget",
            View::Decide => "Vilken åtgärd?",
            View::Documents => "Dokument",
            View::Timeline => "Tidslinje",
            View::Compare => "Jämför",
            View::GuardianView => "Vad ser vårdnadshavaren?",
            View::Support => "Supporten",
            View::RuleSets => "Regelverk",
            View::Training => "Utbildningsläge",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            View::Situation => "situation",
            View::Decide => "decide",
            View::Documents => "documents",
            View::Timeline => "timeline",
            View::Compare => "compare",
            View::GuardianView => "guardian-view",
            View::Support => "support",
            View::RuleSets => "rule-sets",
            View::Training => "training",
        }
    }
}

/// How the caller gave the child's age in "Supporten".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeGiven {
    Age,
    BirthDate,
}

/// What a support call is about ("Supporten"), as staff fill it in. Kept for the session
/// while staff move between views; never stored, and not part of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportCall {
    /// Region code, e.g. "vgr".
    pub region: String,
    pub age_given: AgeGiven,
    pub age: Option<u8>,
    pub birth_date: Option<NaiveDate>,
    /// The day of the call: today unless staff change it.
    pub date: NaiveDate,
    pub observation: Option<Observation>,
}

impl SupportCall {
    pub fn new(region: &str, today: NaiveDate) -> SupportCall {
        SupportCall {
            region: region.to_string(),
            age_given: AgeGiven::Age,
            age: None,
            birth_date: None,
            date: today,
            observation: None,
        }
    }
}

/// An answer staff chose to print: the page prints it alone (`components::support`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedAnswer {
    pub title: String,
    pub text: String,
    /// What the answer rests on, in a line: the rule set and the day.
    pub footer: String,
}

/// A replacement of the case that waits for the user's answer.
#[derive(Clone)]
pub struct PendingReplace {
    /// What would replace the case, in Swedish ("övningsfallet ”Vanlig familj”").
    pub what_sv: String,
    pub replace: Callback<()>,
}

/// A field-level message for the editor and the error summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The engine's path of the field, e.g. `measures[2].period.to`; the editor puts the
    /// message next to the input with `data-path` equal to it.
    pub path: String,
    pub message_sv: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub catalog: &'static Catalog,
    /// Today's date, read once from the browser's clock: the default "Visa läget den".
    pub today: NaiveDate,
    pub case: RwSignal<Case>,
    pub date: RwSignal<NaiveDate>,
    pub view: RwSignal<View>,
    /// The matrix cell whose explanation is open.
    pub selected: RwSignal<Option<(Actor, Capability)>>,
    /// Rule sets compared in "Jämför".
    pub compare: RwSignal<(String, String)>,
    /// Problems the editor finds before the engine sees the case (e.g. an empty date field),
    /// keyed by path; they do not stop the rest of the case from being evaluated.
    pub input_errors: RwSignal<Vec<FieldError>>,
    /// A measure being previewed before it is added: nothing changes in the case until the
    /// user confirms (see `components::preview`).
    pub draft: RwSignal<Option<Measure>>,
    /// The staff member's own details for the documents ("Dina uppgifter").
    pub staff: RwSignal<StaffDetails>,
    /// "Dokument": the measure (id) and the kind of document chosen.
    pub document_measure: RwSignal<Option<String>>,
    pub document_kind: RwSignal<DocumentKind>,
    /// "Vilken åtgärd?": the questions answered yes (kept while staff preview a measure and
    /// come back; never stored, and forgotten when the case is replaced).
    pub answers: RwSignal<Answers>,
    /// What the last action did ("Blockering av Peter Test är tillagd i fallet."), for the
    /// status line above the view.
    pub notice: RwSignal<Option<String>>,
    /// The case as last opened or saved, for unsaved changes (`storage::Baseline`).
    pub baseline: RwSignal<Baseline>,
    /// A replacement of the case waiting for the user's answer, because the case has
    /// unsaved changes (`components::saved_cases::ReplaceCaseDialog` asks).
    pub pending_replace: RwSignal<Option<PendingReplace>>,
    /// "Supporten": the call staff are answering.
    pub support_call: RwSignal<SupportCall>,
    /// An answer being printed on its own, until the browser has printed it.
    pub printed_answer: RwSignal<Option<PrintedAnswer>>,
    /// The trainers' mode: where the trainer is in the case, and the view to go back to.
    pub training: RwSignal<Training>,
    /// How many times a case was opened in this page (a training case, a file, a shared
    /// link, a saved case, a new case): what follows an opening is not an edit.
    pub openings: RwSignal<u32>,
    /// The timeline chart's width in CSS pixels, as last measured. Kept while other views
    /// are shown, so the chart is drawn in the view's first frame when it opens again (and
    /// drawn again only if the panel has changed width meanwhile).
    pub timeline_width: RwSignal<Option<f64>>,

    /// The case's validity and the chosen date's, with the engine's error if any.
    pub validity: Memo<Result<(), EngineError>>,
    /// The rule set answering on the chosen date.
    pub rule_set: Memo<Result<&'static RuleSet, EngineError>>,
    pub evaluation: Memo<Result<Evaluation<'static>, EngineError>>,
    pub timeline: Memo<Result<Timeline, EngineError>>,
    pub guardian_views: Memo<Vec<GuardianView<'static>>>,
    /// Every error to show: the editor's own and the engine's, in Swedish.
    pub errors: Memo<Vec<FieldError>>,
}

/// The state every component reads and writes.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    pub fn new(today: NaiveDate, initial: &TrainingCase) -> AppState {
        let catalog = Catalog::embedded();
        let case = RwSignal::new(initial.case());
        let support_call =
            RwSignal::new(case.with_untracked(|case| SupportCall::new(&case.region, today)));
        let baseline = RwSignal::new(case.with_untracked(Baseline::opened));
        let date = RwSignal::new(initial.start_date(today));
        let input_errors = RwSignal::new(Vec::new());

        let validity = Memo::new(move |_| {
            case.with(|case| {
                let date = date.get();
                let facts = validate_case(case, date)?;
                validate_date(&facts, date)
            })
        });
        let rule_set = Memo::new_with_compare(
            move |_| {
                case.with(|case| {
                    catalog.resolve(&case.region, case.pinned_rule_set.as_deref(), date.get())
                })
            },
            rule_set_changed,
        );
        // The rule set in force on the date answers, and each measure is judged under the
        // version in force when it was decided (a pinned rule set judges everything).
        let evaluation = Memo::new(move |_| {
            validity.get()?;
            let date = date.get();
            case.with(|case| insyn_engine::evaluate(catalog, case, date, None))
        });
        let timeline =
            Memo::new(move |_| case.with(|case| timeline(catalog, case, None, None, None)));
        let guardian_views = Memo::new(move |_| match (evaluation.get(), rule_set.get()) {
            (Ok(evaluation), Ok(rule_set)) => {
                case.with(|case| guardian_views(rule_set, case, &evaluation))
            }
            _ => Vec::new(),
        });
        let errors = Memo::new(move |_| {
            let mut errors: Vec<FieldError> = input_errors.get();
            let date = date.get();
            // Every problem of the case at once, so the summary lists them all.
            let mut engine_errors = case.with(|case| match validate_case_all(case, date) {
                Ok(facts) => validate_date(&facts, date).err().into_iter().collect(),
                Err(problems) => problems,
            });
            engine_errors.extend(rule_set.get().err());
            for error in engine_errors {
                let path = error.path().unwrap_or("date").to_string();
                if !errors.iter().any(|e| e.path == path) {
                    errors.push(FieldError {
                        path,
                        message_sv: error.message_sv(),
                    });
                }
            }
            errors
        });
        AppState {
            catalog,
            today,
            case,
            date,
            view: RwSignal::new(View::Situation),
            selected: RwSignal::new(None),
            compare: RwSignal::new(("vgr-2019".to_string(), "vgr-2026".to_string())),
            input_errors,
            draft: RwSignal::new(None),
            staff: RwSignal::new(StaffDetails::default()),
            document_measure: RwSignal::new(None),
            document_kind: RwSignal::new(DocumentKind::Request),
            answers: RwSignal::new(Answers::default()),
            notice: RwSignal::new(None),
            baseline,
            pending_replace: RwSignal::new(None),
            support_call,
            printed_answer: RwSignal::new(None),
            training: RwSignal::new(Training::default()),
            openings: RwSignal::new(0),
            timeline_width: RwSignal::new(None),
            validity,
            rule_set,
            evaluation,
            timeline,
            guardian_views,
            errors,
        }
    }

    /// Replace the case (a training case chosen, or a file opened) and reset what depends on it.
    pub fn load(&self, training_case: &TrainingCase) {
        self.replace_case(training_case.case(), training_case.start_date(self.today));
    }

    /// Replace the case with `case`, shown on `date`, and reset what depends on it.
    pub fn replace_case(&self, case: Case, date: NaiveDate) {
        self.baseline.set(Baseline::opened(&case));
        self.pending_replace.set(None);
        self.case.set(case);
        self.date.set(date);
        self.selected.set(None);
        self.input_errors.set(Vec::new());
        self.draft.set(None);
        self.document_measure.set(None);
        self.answers.set(Answers::default());
        self.notice.set(None);
        self.training.update(|t| t.stage = Stage::Intro);
        self.openings.update(|n| *n += 1);
    }

    /// Whether the case differs from the one last opened or saved (tracked).
    pub fn has_unsaved_changes(&self) -> bool {
        self.baseline.with(|baseline| {
            self.case
                .with(|case| has_unsaved_changes(case, baseline.case.as_ref()))
        })
    }

    /// Replace the case with `replace` (which calls `replace_case` or `load`); when the case
    /// has unsaved changes, first ask in the page (`what_sv` names what would replace it,
    /// e.g. "övningsfallet ”Vanlig familj”").
    pub fn replace_after_asking(
        &self,
        what_sv: impl Into<String>,
        replace: impl Fn() + Send + Sync + 'static,
    ) {
        if self.baseline.with_untracked(|baseline| {
            self.case
                .with_untracked(|case| has_unsaved_changes(case, baseline.case.as_ref()))
        }) {
            self.pending_replace.set(Some(PendingReplace {
                what_sv: what_sv.into(),
                replace: Callback::new(move |()| replace()),
            }));
        } else {
            replace();
        }
    }

    /// Record or clear an editor-level error for one path.
    pub fn set_input_error(&self, path: &str, message_sv: Option<String>) {
        self.input_errors.update(|errors| {
            errors.retain(|e| e.path != path);
            if let Some(message_sv) = message_sv {
                errors.push(FieldError {
                    path: path.to_string(),
                    message_sv,
                });
            }
        });
    }

    /// The error to show next to the field at `path`, if any.
    pub fn error_at(&self, path: &str) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message_sv.clone())
        })
    }
}

/// Whether a memo's rule set changed. The catalog's rule sets live as long as the page, so
/// the same rule set is the same reference: comparing two field by field, as `Memo::new`
/// would, costs time and wasm size (every parameter's value and citation).
pub fn rule_set_changed(
    old: Option<&Result<&'static RuleSet, EngineError>>,
    new: Option<&Result<&'static RuleSet, EngineError>>,
) -> bool {
    match (old, new) {
        (Some(Ok(old)), Some(Ok(new))) => !std::ptr::eq(*old, *new),
        (Some(Err(old)), Some(Err(new))) => old != new,
        _ => true,
    }
}

/// Today's date from the browser's clock. Only the UI reads the clock; the engine never does.
pub fn today_from_browser() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(NaiveDate::MIN)
}
