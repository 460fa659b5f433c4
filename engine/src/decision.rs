//! Decision support, "Vilken åtgärd?": a few yes/no questions about the child's situation
//! (VGR 2026 "Val av åtgärd och scenarier", and the triggers other regions name) mapped to
//! the measure the rule set recommends, each with the guidance's own line.
//!
//! The recommendations are rule data: one `scenario_*` parameter per question, cited like
//! every other parameter. A rule set without scenario guidance inherits the national
//! baseline's, which is marked inferred, so the answer never rests on a silent default.
//!
//! This module also builds the measure a recommendation proposes (`proposed_measure`), so the
//! app's "Lägg till i fallet" and the tests share one rule for ids, guardians and dates.

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::MeasureType;
use crate::case::{Case, Measure, MeasureKind, Period, SealingInitiative, SealingScope};
use crate::rule_set::{Citation, ParameterId, Parameters, RuleSet};

/// A question of the decision support; "yes" makes its scenario apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    ChildTellsOfViolence,
    BothGuardiansRisk,
    OneGuardianRisk,
    EIdControl,
    JournalDemanded,
    ProtectedIdentity,
    BlockedGuardianMayGetEId,
}

impl Concern {
    /// Every question, in the order the guidance asks them.
    pub const ALL: [Concern; 7] = [
        Concern::ChildTellsOfViolence,
        Concern::BothGuardiansRisk,
        Concern::OneGuardianRisk,
        Concern::EIdControl,
        Concern::JournalDemanded,
        Concern::ProtectedIdentity,
        Concern::BlockedGuardianMayGetEId,
    ];

    /// The question as staff are asked it.
    pub fn question_sv(self) -> &'static str {
        match self {
            Concern::ChildTellsOfViolence => "Berättar barnet om hot, våld eller övergrepp?",
            Concern::BothGuardiansRisk => "Kan båda vårdnadshavarna vara del av barnets riskmiljö?",
            Concern::OneGuardianRisk => "Utgör endast en vårdnadshavare en risk?",
            Concern::EIdControl => {
                "Kan en vårdnadshavare kontrollera barnets e-legitimation eller bestraffa barnet för vårdkontakter?"
            }
            Concern::JournalDemanded => "Kräver någon att barnet visar sin journal?",
            Concern::ProtectedIdentity => "Har barnet skyddad identitet?",
            Concern::BlockedGuardianMayGetEId => {
                "Kan en blockerad vårdnadshavare få tag på barnets e-legitimation?"
            }
        }
    }

    /// The key of the question in the CLI, tests and the app's element ids.
    pub fn key(self) -> &'static str {
        // Every parameter starts with "scenario_"; slicing it off needs no pattern search.
        &self.parameter().name()["scenario_".len()..]
    }

    pub fn from_key(key: &str) -> Option<Concern> {
        Concern::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The rule id of the scenario parameter that answers this question.
    pub fn parameter(self) -> ParameterId {
        match self {
            Concern::ChildTellsOfViolence => ParameterId::ScenarioChildTellsOfViolence,
            Concern::BothGuardiansRisk => ParameterId::ScenarioBothGuardiansRisk,
            Concern::OneGuardianRisk => ParameterId::ScenarioOneGuardianRisk,
            Concern::EIdControl => ParameterId::ScenarioEIdControl,
            Concern::JournalDemanded => ParameterId::ScenarioJournalDemanded,
            Concern::ProtectedIdentity => ParameterId::ScenarioProtectedIdentity,
            Concern::BlockedGuardianMayGetEId => ParameterId::ScenarioBlockedGuardianMayGetEId,
        }
    }

    fn measures(self, p: &Parameters) -> (&[MeasureType], &Citation) {
        let cited = match self {
            Concern::ChildTellsOfViolence => &p.scenario_child_tells_of_violence,
            Concern::BothGuardiansRisk => &p.scenario_both_guardians_risk,
            Concern::OneGuardianRisk => &p.scenario_one_guardian_risk,
            Concern::EIdControl => &p.scenario_e_id_control,
            Concern::JournalDemanded => &p.scenario_journal_demanded,
            Concern::ProtectedIdentity => &p.scenario_protected_identity,
            Concern::BlockedGuardianMayGetEId => &p.scenario_blocked_guardian_may_get_e_id,
        };
        (&cited.value, &cited.citation)
    }
}

/// What staff answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// The questions answered "yes".
    pub yes: Vec<Concern>,
    /// For `OneGuardianRisk`: which guardian (id in the case).
    pub risk_guardian: Option<String>,
}

/// The rule set's answer to one question answered "yes".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioAdvice<'r> {
    pub concern: Concern,
    pub rule_id: ParameterId,
    /// Empty: the rule set names no measure for staff (1177 acts by itself, or it is left
    /// to the region's routine; the citation's note says which).
    pub measures: &'r [MeasureType],
    pub citation: &'r Citation,
}

/// The whole answer: each scenario's advice and the measures they add up to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation<'r> {
    pub rule_set_id: &'r str,
    pub scenarios: Vec<ScenarioAdvice<'r>>,
    /// The measures to take, strongest first, without one that another already covers.
    pub measures: Vec<MeasureType>,
    /// Which guardians a recommended blocking should name, from the answers.
    pub blocking_guardians: BlockingTarget,
}

/// Whom a recommended blocking is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockingTarget {
    /// Both (all registered) guardians: both may be part of the risk.
    Both,
    /// The one guardian named as the risk.
    One { guardian: String },
    /// Staff must choose: the answers do not say who is the risk.
    Choose,
}

/// The rule set's recommendation for the answers.
pub fn recommend<'r>(rule_set: &'r RuleSet, answers: &Answers) -> Recommendation<'r> {
    let p = &rule_set.parameters;
    // The questions in the guidance's order, each once. Filtering the fixed lists keeps
    // order and uniqueness without sorting, whose generic code the web app pays for.
    let yes: Vec<Concern> = Concern::ALL
        .into_iter()
        .filter(|c| answers.yes.contains(c))
        .collect();
    let scenarios: Vec<ScenarioAdvice<'r>> = yes
        .iter()
        .map(|&concern| {
            let (measures, citation) = concern.measures(p);
            ScenarioAdvice {
                concern,
                rule_id: concern.parameter(),
                measures,
                citation,
            }
        })
        .collect();
    let mut measures: Vec<MeasureType> = RECOMMENDABLE
        .into_iter()
        .filter(|m| scenarios.iter().any(|s| s.measures.contains(m)))
        .collect();
    // A sealing that closes both the journal and the proxy for every guardian already does
    // what a blocking would: recommending both would have staff file two requests.
    let sealing_covers_blocking = p.sealing_covers_journal.value && p.sealing_covers_proxy.value;
    if measures.contains(&MeasureType::Sealing) && sealing_covers_blocking {
        measures.retain(|m| *m != MeasureType::Blocking);
    }
    let blocking_guardians = if yes.iter().any(|c| {
        matches!(
            c,
            Concern::BothGuardiansRisk | Concern::JournalDemanded | Concern::EIdControl
        )
    }) {
        BlockingTarget::Both
    } else {
        match (
            &answers.risk_guardian,
            yes.contains(&Concern::OneGuardianRisk),
        ) {
            (Some(guardian), true) => BlockingTarget::One {
                guardian: guardian.clone(),
            },
            _ => BlockingTarget::Choose,
        }
    };
    Recommendation {
        rule_set_id: &rule_set.id,
        scenarios,
        measures,
        blocking_guardians,
    }
}

/// The measures the scenarios recommend, strongest first (the order recommendations list
/// them in): försegling, blockering, låsning av inloggning.
pub const RECOMMENDABLE: [MeasureType; 3] = [
    MeasureType::Sealing,
    MeasureType::Blocking,
    MeasureType::LoginLock,
];

/// A fresh measure id for the case: `prefix` and the first free number.
pub fn next_measure_id(case: &Case, prefix: &str) -> String {
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| case.measure(id).is_none())
        .unwrap_or_else(|| prefix.to_string())
}

/// The measure a recommendation proposes, from `from` (normally today), requested by `unit`
/// when staff named one. A blocking names the guardians the answers point to, and no one
/// when they do not: staff then choose, never a silent first guardian. `None` for a type
/// the scenarios never recommend (see `RECOMMENDABLE`).
pub fn proposed_measure(
    case: &Case,
    rule_set: &RuleSet,
    measure: MeasureType,
    target: &BlockingTarget,
    from: NaiveDate,
    unit: Option<&str>,
) -> Option<Measure> {
    let unit = unit.filter(|u| !u.is_empty()).map(str::to_string);
    let kind = match measure {
        MeasureType::Blocking => MeasureKind::Blocking {
            guardians: match target {
                BlockingTarget::Both => case
                    .guardians
                    .iter()
                    .filter(|g| g.registered.contains(from))
                    .map(|g| g.id.clone())
                    .collect(),
                BlockingTarget::One { guardian } => vec![guardian.clone()],
                BlockingTarget::Choose => Vec::new(),
            },
        },
        MeasureType::Sealing => MeasureKind::Sealing {
            initiating_units: unit.clone().into_iter().collect(),
            // The whole account: the scope every rule set offers and the scenarios mean.
            scope: SealingScope::Whole,
            initiative: SealingInitiative::Staff,
        },
        MeasureType::LoginLock => MeasureKind::LoginLock,
        _ => return None,
    };
    let prefix = match measure {
        MeasureType::Blocking => "blockering-",
        MeasureType::Sealing => "forsegling-",
        _ => "lasning-",
    };
    let decided_by = match measure {
        MeasureType::Blocking => &rule_set.parameters.blocking_request.value.decided_by,
        MeasureType::Sealing => &rule_set.parameters.sealing_request.value.decided_by,
        _ => rule_set
            .parameters
            .login_lock_request
            .value
            .as_ref()
            .map_or(
                &rule_set.parameters.blocking_request.value.decided_by,
                |r| &r.decided_by,
            ),
    };
    Some(Measure {
        id: next_measure_id(case, prefix),
        decided_on: Some(from),
        decided_by: Some(short_decider(decided_by)),
        unit,
        period: Period::starting(from),
        kind,
        motivation: None,
        renewal_on: None,
    })
}

/// The decider as a case field wants it: the route's first words, before any comment.
fn short_decider(route: &str) -> String {
    route
        .split([',', ';', '('])
        .next()
        .unwrap_or(route)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    fn answers(yes: &[Concern]) -> Answers {
        Answers {
            yes: yes.to_vec(),
            risk_guardian: None,
        }
    }

    #[test]
    fn every_question_has_its_own_scenario_parameter_and_key() {
        let mut keys: Vec<&str> = Concern::ALL.iter().map(|c| c.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Concern::ALL.len());
        for concern in Concern::ALL {
            assert!(concern.parameter().name().starts_with("scenario_"));
            assert_eq!(Concern::from_key(concern.key()), Some(concern));
        }
    }

    #[test]
    fn in_vgr_2026_a_child_who_tells_of_violence_gets_a_sealing_quoted_from_the_guidance() {
        let rule_set = Catalog::embedded().get("vgr-2026").unwrap();
        let r = recommend(rule_set, &answers(&[Concern::ChildTellsOfViolence]));
        assert_eq!(r.measures, vec![MeasureType::Sealing]);
        assert!(r.scenarios[0]
            .citation
            .quote
            .contains("hot, våld eller övergrepp"));
    }

    #[test]
    fn a_sealing_that_covers_everything_makes_a_blocking_redundant() {
        let rule_set = Catalog::embedded().get("vgr-2026").unwrap();
        let r = recommend(
            rule_set,
            &answers(&[Concern::ChildTellsOfViolence, Concern::OneGuardianRisk]),
        );
        assert_eq!(r.measures, vec![MeasureType::Sealing]);
        assert_eq!(r.scenarios.len(), 2);
    }

    #[test]
    fn a_proposed_blocking_names_the_risk_guardian_and_no_one_when_unknown() {
        let case = Case::from_json(include_str!("../cases/normal-family.json")).unwrap();
        let rule_set = Catalog::embedded().get("vgr-2026").unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let one = proposed_measure(
            &case,
            rule_set,
            MeasureType::Blocking,
            &BlockingTarget::One {
                guardian: "vh2".into(),
            },
            day,
            None,
        )
        .unwrap();
        assert_eq!(
            one.kind,
            MeasureKind::Blocking {
                guardians: vec!["vh2".into()]
            }
        );
        assert_eq!(one.period, Period::starting(day));
        let unknown = proposed_measure(
            &case,
            rule_set,
            MeasureType::Blocking,
            &BlockingTarget::Choose,
            day,
            None,
        )
        .unwrap();
        assert_eq!(unknown.kind, MeasureKind::Blocking { guardians: vec![] });
    }
}
