//! Supporten: "Vad ser vårdnadshavaren – och vad svarar jag?". Support staff start from
//! what a calling guardian describes, not from a case they do not know. For the region's
//! rules on the date, each thing that could keep a guardian out (the child's age and the
//! other rules every child meets, ended custody, protected identity, a sealing, a blocking,
//! a login lock, an exception note) is simulated on a fictional case of the caller's child;
//! the causes whose simulation shows what the caller describes are listed, each with
//! whether the guardian may be told, the answer to give and the line it rests on.
//!
//! Nothing here is written per region: the causes, their effects and the answers all come
//! from the rule set's parameters through the evaluation.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::case::{
    CareUnit, Case, CaseFacts, Child, Guardian, Measure, MeasureKind, MeasureType, Period,
    SealingInitiative, SealingScope, FORMAT_VERSION,
};
use crate::documents::{adapt_wording, lower_first};
use crate::error::EngineError;
use crate::evaluation::{Actor, Capability, CaseIndex, Evaluation, Outcome};
use crate::guardian_view::{guardian_views, GuardianView, SwitchJournalEntry};
use crate::rule_set::{Catalog, Citation, ParameterId, RuleChoice, RuleSet};

/// What the caller describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Observation {
    /// "My child is not on my start page any more."
    NotOnStartPage,
    /// "My child's name is greyed out under Växla journal."
    NameGreyed,
    /// "I cannot see my child's journal at all."
    NoJournal,
    /// "I see the journal, but some notes or some units are missing."
    JournalPartlyMissing,
}

impl Observation {
    pub const ALL: [Observation; 4] = [
        Observation::NotOnStartPage,
        Observation::NameGreyed,
        Observation::NoJournal,
        Observation::JournalPartlyMissing,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Observation::NotOnStartPage => "not_on_start_page",
            Observation::NameGreyed => "name_greyed",
            Observation::NoJournal => "no_journal",
            Observation::JournalPartlyMissing => "journal_partly_missing",
        }
    }

    pub fn from_key(key: &str) -> Option<Observation> {
        Observation::ALL.into_iter().find(|o| o.key() == key)
    }

    /// As the caller might say it.
    pub fn label_sv(self) -> &'static str {
        match self {
            Observation::NotOnStartPage => "Barnet syns inte längre på startsidan",
            Observation::NameGreyed => "Barnets namn är gråmarkerat under \"Växla journal\"",
            Observation::NoJournal => "Ser inte barnets journal alls",
            Observation::JournalPartlyMissing => {
                "Ser journalen, men vissa anteckningar eller vårdenheter saknas"
            }
        }
    }
}

/// What the support desk knows of the call.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    pub region: &'a str,
    pub birth_date: NaiveDate,
    /// The day of the call (the app passes today).
    pub date: NaiveDate,
    pub observation: Observation,
}

/// One thing that could explain what the caller sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Cause {
    /// A rule every child meets (the age limits, the region's connection date, an excluded
    /// kind of unit, notes never shown): `rule` is the parameter that decides.
    Rule { rule: ParameterId },
    /// The caller is no longer registered as guardian.
    CustodyEnded,
    /// The child has protected identity (skyddade personuppgifter).
    ChildProtectedIdentity,
    /// The caller has protected identity.
    GuardianProtectedIdentity,
    /// A protective measure staff decided.
    Measure { measure_type: MeasureType },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PossibleCause<'r> {
    #[serde(flatten)]
    pub cause: Cause,
    /// What the cause is, in Swedish.
    pub name_sv: String,
    /// Whether staff may tell the caller that this is the cause.
    pub may_tell: bool,
    /// The answer to give, in Swedish.
    pub answer_sv: String,
    pub rule_id: ParameterId,
    pub citation: &'r Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportAnswer<'r> {
    pub rule_set_id: &'r str,
    pub child_age: u32,
    pub causes: Vec<PossibleCause<'r>>,
}

const CALLER: &str = "vh1";
const UNIT: &str = "vardcentralen";

/// The caller's child as a fictional case: two guardians from birth, one ordinary unit and
/// one unit of each kind the rule set excludes.
fn base_case(call: &Call, rule_set: &RuleSet) -> Case {
    let guardian = |id: &str| Guardian {
        id: id.into(),
        name: None,
        identity_number: None,
        registered: Period::starting(call.birth_date),
        protected_identity: Vec::new(),
    };
    let mut care_units = vec![CareUnit {
        id: UNIT.into(),
        name: "Vårdcentralen".into(),
        kind: None,
    }];
    for (index, kind) in rule_set
        .parameters
        .excluded_unit_kinds
        .value
        .iter()
        .enumerate()
    {
        care_units.push(CareUnit {
            id: format!("undantagen-{index}"),
            name: kind.clone(),
            kind: Some(kind.clone()),
        });
    }
    Case {
        format_version: FORMAT_VERSION,
        title: None,
        region: call.region.into(),
        pinned_rule_set: None,
        child: Child {
            birth_date: Some(call.birth_date),
            ..Child::default()
        },
        guardians: vec![guardian(CALLER), guardian("vh2")],
        legal_representatives: Vec::new(),
        care_units,
        measures: Vec::new(),
    }
}

fn measure(id: &str, from: NaiveDate, kind: MeasureKind) -> Measure {
    Measure {
        id: id.into(),
        decided_on: Some(from),
        decided_by: None,
        unit: Some(UNIT.into()),
        period: Period::starting(from),
        kind,
        motivation: None,
        renewal_on: None,
    }
}

/// What the caller sees in a simulated case.
fn sees<'r>(
    view: &GuardianView<'r>,
    evaluation: &Evaluation<'r>,
    observation: Observation,
) -> bool {
    match observation {
        Observation::NotOnStartPage => !view.child_on_start_page,
        Observation::NameGreyed => matches!(view.switch_journal, SwitchJournalEntry::Greyed { .. }),
        Observation::NoJournal => view.readable_units.is_empty(),
        Observation::JournalPartlyMissing => {
            let journals = evaluation
                .actors
                .iter()
                .find(|a| a.actor == Actor::Guardian { id: CALLER.into() })
                .into_iter()
                .flat_map(|a| &a.cells)
                .filter(|c| matches!(c.capability, Capability::Journal { .. }));
            let (mut some_open, mut something_missing) = (false, false);
            for cell in journals {
                if cell.outcome == Outcome::Allowed {
                    some_open = true;
                    something_missing |= !cell.filters.is_empty();
                } else {
                    something_missing = true;
                }
            }
            some_open && something_missing
        }
    }
}

/// The evaluation of a simulated case on the call's date, and what the caller sees in it.
fn simulate<'r>(
    catalog: &'r Catalog,
    case: &Case,
    date: NaiveDate,
) -> Result<(Evaluation<'r>, GuardianView<'r>, &'r RuleSet), EngineError> {
    let facts = CaseFacts::new(case, date)?;
    let rules = RuleChoice::for_case(catalog, &case.region, None)?;
    let rule_set = rules
        .on(date)
        .ok_or_else(|| EngineError::NoRuleSetInForce {
            region: case.region.clone(),
            date,
        })?;
    let evaluation = CaseIndex::new(rules, case, facts).evaluate(date)?;
    let view = guardian_views(rule_set, case, &evaluation)
        .into_iter()
        .next()
        .ok_or_else(|| EngineError::invalid("guardians", crate::error::Problem::Empty))?;
    Ok((evaluation, view, rule_set))
}

/// Every cause consistent with what the caller describes, under the region's rules on the
/// day of the call. The rules every child meets come first: when they already explain what
/// the caller sees, a measure would not change it, and the answer is the rule.
pub fn possible_causes<'r>(
    catalog: &'r Catalog,
    call: &Call,
) -> Result<SupportAnswer<'r>, EngineError> {
    let rules = RuleChoice::for_case(catalog, call.region, None)?;
    let rule_set = rules
        .on(call.date)
        .ok_or_else(|| EngineError::NoRuleSetInForce {
            region: call.region.to_string(),
            date: call.date,
        })?;
    crate::validation::validate_date(
        &CaseFacts::new(&base_case(call, rule_set), call.date)?,
        call.date,
    )?;
    let p = &rule_set.parameters;
    let base = base_case(call, rule_set);
    let (evaluation, view, _) = simulate(catalog, &base, call.date)?;
    let mut causes = Vec::new();

    if sees(&view, &evaluation, call.observation) {
        causes.extend(rule_causes(rule_set, &evaluation, call.observation));
        return Ok(SupportAnswer {
            rule_set_id: &rule_set.id,
            child_age: evaluation.child_age,
            causes,
        });
    }

    // Started well before the call, so nothing depends on the exact day.
    let since = call
        .date
        .checked_sub_days(Days::new(30))
        .unwrap_or(call.date)
        .max(call.birth_date);
    let may_tell_measures = p.guardian_always_informed.value;
    let standard = |measure_type: MeasureType, kind: &MeasureKind| -> String {
        match p.standard_answer.value.as_deref() {
            Some(text) => {
                let (adapted, _) = adapt_wording(text, kind);
                if matches!(measure_type, MeasureType::Sealing | MeasureType::Blocking) {
                    adapted
                } else {
                    format!(
                        "{adapted}\n\n(Källans standardsvar gäller försegling och blockering: anpassa det till {} innan du lämnar det.)",
                        lower_first(measure_type.name_sv())
                    )
                }
            }
            None => "Regelverket anger inget standardsvar. Berätta inte om åtgärden; hänvisa till den vårdenhet som beslutade den.".into(),
        }
    };

    let mut try_variant = |cause: Cause,
                           change: &dyn Fn(&mut Case),
                           make: &dyn Fn() -> (String, bool, String, ParameterId)|
     -> Result<(), EngineError> {
        let mut case = base.clone();
        change(&mut case);
        let (evaluation, view, _) = simulate(catalog, &case, call.date)?;
        if sees(&view, &evaluation, call.observation) {
            let (name_sv, may_tell, answer_sv, rule_id) = make();
            causes.push(PossibleCause {
                cause,
                name_sv,
                may_tell,
                answer_sv,
                rule_id,
                citation: p.citation(rule_id),
            });
        }
        Ok(())
    };

    if since > call.birth_date {
        try_variant(
            Cause::CustodyEnded,
            &|case| case.guardians[0].registered.to = since.pred_opt(),
            &|| {
                (
                    "Vårdnaden har ändrats: du är inte längre registrerad som vårdnadshavare".into(),
                    true,
                    "Tillgången följer vårdnaden som den är registrerad hos Skatteverket. Kontakta Skatteverket om uppgiften om vårdnad är fel.".into(),
                    ParameterId::GuardianAccessFollowsCustody,
                )
            },
        )?;
    }
    try_variant(
        Cause::ChildProtectedIdentity,
        &|case| case.child.protected_identity.push(Period::starting(since)),
        &|| {
            (
                "Barnet har skyddade personuppgifter".into(),
                false,
                "Bekräfta inte att barnet har skyddade personuppgifter. Hänvisa till Skatteverket."
                    .into(),
                ParameterId::ProtectedChildDeniesGuardians,
            )
        },
    )?;
    try_variant(
        Cause::GuardianProtectedIdentity,
        &|case| {
            case.guardians[0]
                .protected_identity
                .push(Period::starting(since))
        },
        &|| {
            (
                "Du har själv skyddade personuppgifter".into(),
                true,
                "När vårdnadshavaren har skyddade personuppgifter kan hen inte vara ombud eller se barnets journal i 1177.".into(),
                ParameterId::ProtectedGuardianDeniesThatGuardian,
            )
        },
    )?;
    let measures: [(MeasureType, MeasureKind, ParameterId); 3] = [
        (
            MeasureType::Sealing,
            MeasureKind::Sealing {
                initiating_units: vec![UNIT.into()],
                scope: SealingScope::Whole,
                initiative: SealingInitiative::Staff,
            },
            ParameterId::SealingCoversJournal,
        ),
        (
            MeasureType::Blocking,
            MeasureKind::Blocking {
                guardians: vec![CALLER.into()],
            },
            ParameterId::BlockingCoversJournal,
        ),
        (
            MeasureType::LoginLock,
            MeasureKind::LoginLock,
            ParameterId::LoginLockStopsProxy,
        ),
    ];
    for (measure_type, kind, rule_id) in measures {
        let added = measure("simulerad", since, kind.clone());
        try_variant(
            Cause::Measure { measure_type },
            &|case| case.measures.push(added.clone()),
            &|| {
                (
                    measure_type.name_sv().to_string(),
                    may_tell_measures,
                    standard(measure_type, &kind),
                    rule_id,
                )
            },
        )?;
    }
    if let Some(category) = p
        .exception_categories
        .value
        .iter()
        .find(|c| c.only_during_investigation)
    {
        let note = measure(
            "simulerad",
            since,
            MeasureKind::ExceptionNote {
                category: category.name.clone(),
                note_unit: UNIT.into(),
                investigation_until: None,
            },
        );
        let name = category.name.clone();
        try_variant(
            Cause::Measure {
                measure_type: MeasureType::ExceptionNote,
            },
            &|case| case.measures.push(note.clone()),
            &|| {
                (
                    format!("En anteckning under sökordet \"{name}\" visas inte medan utredningen pågår"),
                    false,
                    "Vissa anteckningar visas inte i 1177 under en pågående utredning. Berätta inte om anteckningen; hänvisa till vårdenheten.".into(),
                    ParameterId::ExceptionCategories,
                )
            },
        )?;
    }
    Ok(SupportAnswer {
        rule_set_id: &rule_set.id,
        child_age: evaluation.child_age,
        causes,
    })
}

/// The rules every child meets that explain what the caller sees: the decisive reason of
/// each of the caller's closed cells, and the filters of the open ones.
fn rule_causes<'r>(
    rule_set: &'r RuleSet,
    evaluation: &Evaluation<'r>,
    observation: Observation,
) -> Vec<PossibleCause<'r>> {
    let Some(caller) = evaluation
        .actors
        .iter()
        .find(|a| a.actor == Actor::Guardian { id: CALLER.into() })
    else {
        return Vec::new();
    };
    // A journal closed everywhere is explained by the cell of the units not in the case,
    // which no unit-specific rule touches; a partly missing one by every unit's cell.
    let relevant = |capability: &Capability| match observation {
        Observation::NotOnStartPage => *capability == Capability::Proxy,
        Observation::NameGreyed | Observation::NoJournal => {
            *capability == Capability::Journal { unit: None }
        }
        Observation::JournalPartlyMissing => matches!(capability, Capability::Journal { .. }),
    };
    let mut causes: Vec<PossibleCause<'r>> = Vec::new();
    let mut add = |rule_id: ParameterId, name_sv: String, answer_sv: String| {
        if !causes.iter().any(|c| c.rule_id == rule_id) {
            causes.push(PossibleCause {
                cause: Cause::Rule { rule: rule_id },
                name_sv,
                may_tell: true,
                answer_sv,
                rule_id,
                citation: rule_set.parameters.citation(rule_id),
            });
        }
    };
    for cell in caller.cells.iter().filter(|c| relevant(&c.capability)) {
        if cell.outcome == Outcome::Allowed {
            for filter in &cell.filters {
                let rule_id = match filter {
                    crate::evaluation::ContentFilter::DisplayStart { .. } => {
                        ParameterId::DisplayStartDate
                    }
                    crate::evaluation::ContentFilter::ExcludedUnitKinds { .. } => {
                        ParameterId::ExcludedUnitKinds
                    }
                    _ => ParameterId::ExceptionCategories,
                };
                add(rule_id, rule_id.term_sv().to_string(), filter.sentence_sv());
            }
        } else if let Some(reason) = cell.reasons.first() {
            let rule_id = reason.rule.parameter();
            add(rule_id, rule_id.term_sv().to_string(), reason.sentence_sv());
        }
    }
    causes
}
