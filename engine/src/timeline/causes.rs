//! Why a date is a change point: every date on which an outcome may change, with its
//! causes as typed values the app and the CLI render. Outcomes only change on dates the case
//! or the rule sets name: birthdays at the rule sets' ages, registrations, protected
//! identity, the start and the real end of every measure (its period, an age limit, a
//! lifting or an unlock), an investigation's end, the region's connection of children's
//! journals, and the start and end of each rule-set version.

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::{Case, CaseFacts, MeasureKind, MeasureType};
use crate::evaluation::{CaseIndex, EndReason};
use crate::rule_set::Certainty;

/// Why a date is a change point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Cause {
    /// The first day of the timeline, when no other cause names it.
    TimelineStart,
    Birth,
    /// A birthday at an age some rule set names.
    Birthday {
        age: u8,
    },
    RuleSetStarts {
        rule_set: String,
    },
    RuleSetEnds {
        rule_set: String,
    },
    /// The region connected children's journals to 1177 Journal.
    ChildrenJournalConnected,
    /// Protected identity of the child (`guardian: None`) or of a guardian starts or ends.
    ProtectedIdentityStarts {
        guardian: Option<String>,
    },
    ProtectedIdentityEnds {
        guardian: Option<String>,
    },
    CustodyStarts {
        guardian: String,
    },
    CustodyEnds {
        guardian: String,
    },
    LegalRepresentativeAccessDecided {
        representative: String,
    },
    MeasureStarts {
        measure: String,
        measure_type: MeasureType,
    },
    /// A measure stops applying, and why.
    MeasureEnds {
        measure: String,
        measure_type: MeasureType,
        #[serde(flatten)]
        reason: EndReason,
    },
    /// An exception note's investigation ends (an orosanmälan note shown again).
    InvestigationEnds {
        measure: String,
    },
    /// A measure decided under an earlier version stands under this one: an answer the
    /// sources leave open, with its certainty (`earlier_measures_stand`).
    MeasureStands {
        measure: String,
        measure_type: MeasureType,
        rule_set: String,
        certainty: Certainty,
    },
}

impl Cause {
    /// A Swedish label naming measures and guardians by id (the app names them itself).
    pub fn label_sv(&self) -> String {
        match self {
            Cause::TimelineStart => "Tidslinjens början".into(),
            Cause::Birth => "Födelse".into(),
            Cause::Birthday { age } => format!("{age}-årsdagen"),
            Cause::RuleSetStarts { rule_set } => format!("{rule_set} börjar gälla"),
            Cause::RuleSetEnds { rule_set } => format!("{rule_set} upphör att gälla"),
            Cause::ChildrenJournalConnected => {
                "Regionen ansluter barns journaler till 1177 Journal".into()
            }
            Cause::ProtectedIdentityStarts { guardian: None } => {
                "Barnet får skyddad identitet".into()
            }
            Cause::ProtectedIdentityEnds { guardian: None } => {
                "Barnets skyddade identitet upphör".into()
            }
            Cause::ProtectedIdentityStarts { guardian: Some(g) } => {
                format!("Vårdnadshavare {g} får skyddad identitet")
            }
            Cause::ProtectedIdentityEnds { guardian: Some(g) } => {
                format!("Skyddad identitet för vårdnadshavare {g} upphör")
            }
            Cause::CustodyStarts { guardian } => {
                format!("{guardian} registreras som vårdnadshavare")
            }
            Cause::CustodyEnds { guardian } => format!("{guardian} är inte längre vårdnadshavare"),
            Cause::LegalRepresentativeAccessDecided { representative } => {
                format!("Beslut om tillgång för legal ställföreträdare {representative}")
            }
            Cause::MeasureStarts {
                measure,
                measure_type,
            } => format!("{} ({measure}) börjar", measure_type.name_sv()),
            Cause::MeasureEnds {
                measure,
                measure_type,
                reason,
            } => {
                let name = measure_type.name_sv();
                match reason {
                    EndReason::PeriodEnds => format!("{name} ({measure}) upphör"),
                    EndReason::AgeLimit { age } => {
                        format!("{name} ({measure}) upphör automatiskt vid {age} år")
                    }
                    EndReason::LiftedBy { measure: by } => {
                        format!("{name} ({measure}) hävs ({by})")
                    }
                    EndReason::NotKeptBy { rule_set } => {
                        format!("{name} ({measure}) upphör enligt {rule_set}")
                    }
                }
            }
            Cause::InvestigationEnds { measure } => format!("Utredningen ({measure}) avslutas"),
            Cause::MeasureStands {
                measure,
                measure_type,
                rule_set,
                certainty,
            } => format!(
                "{} ({measure}) står kvar enligt {rule_set} ({})",
                measure_type.name_sv(),
                certainty.label_sv()
            ),
        }
    }
}

/// Every date on which an outcome may change, with why, in date order and each date once.
// A sorted list rather than a BTreeMap: a few dozen dates, and the map compiled its own
// insertion, range search and teardown into the web app.
pub(crate) fn candidate_dates(case: &Case, index: &CaseIndex) -> Vec<(NaiveDate, Vec<Cause>)> {
    let facts: &CaseFacts = index.facts();
    let mut dates: Vec<(NaiveDate, Vec<Cause>)> = Vec::new();
    let mut add = |date: Option<NaiveDate>, cause: Cause| {
        let Some(date) = date else { return };
        let at = match dates.binary_search_by_key(&date, |(d, _)| *d) {
            Ok(at) => at,
            Err(at) => {
                dates.insert(at, (date, Vec::new()));
                at
            }
        };
        let causes = &mut dates[at].1;
        if !causes.contains(&cause) {
            causes.push(cause);
        }
    };
    add(Some(facts.birth), Cause::Birth);
    for rule_set in index.rules().rule_sets() {
        for age in rule_set.ages().thresholds() {
            add(Some(facts.birthday(age)), Cause::Birthday { age });
        }
        add(
            Some(rule_set.valid_from),
            Cause::RuleSetStarts {
                rule_set: rule_set.id.clone(),
            },
        );
        add(
            rule_set.valid_to.and_then(|d| d.succ_opt()),
            Cause::RuleSetEnds {
                rule_set: rule_set.id.clone(),
            },
        );
        add(
            rule_set.parameters.children_journal_connected_on.value,
            Cause::ChildrenJournalConnected,
        );
    }
    for period in &case.child.protected_identity {
        add(
            Some(period.from),
            Cause::ProtectedIdentityStarts { guardian: None },
        );
        add(
            period.end_exclusive(),
            Cause::ProtectedIdentityEnds { guardian: None },
        );
    }
    for guardian in &case.guardians {
        let id = || guardian.id.clone();
        add(
            Some(guardian.registered.from),
            Cause::CustodyStarts { guardian: id() },
        );
        add(
            guardian.registered.end_exclusive(),
            Cause::CustodyEnds { guardian: id() },
        );
        for period in &guardian.protected_identity {
            add(
                Some(period.from),
                Cause::ProtectedIdentityStarts {
                    guardian: Some(id()),
                },
            );
            add(
                period.end_exclusive(),
                Cause::ProtectedIdentityEnds {
                    guardian: Some(id()),
                },
            );
        }
    }
    for representative in &case.legal_representatives {
        add(
            representative.access_decided,
            Cause::LegalRepresentativeAccessDecided {
                representative: representative.id.clone(),
            },
        );
    }
    for measure in &case.measures {
        let measure_type = measure.kind.measure_type();
        add(
            Some(measure.period.from),
            Cause::MeasureStarts {
                measure: measure.id.clone(),
                measure_type,
            },
        );
        if let MeasureKind::ExceptionNote {
            investigation_until: Some(until),
            ..
        } = &measure.kind
        {
            add(
                until.succ_opt(),
                Cause::InvestigationEnds {
                    measure: measure.id.clone(),
                },
            );
        }
    }
    // The real end of every measure: its period, an age limit, a lifting or an unlock, as
    // judged once in the index.
    let measures = index.measures();
    let spans = measures
        .blockings
        .iter()
        .map(|b| (b.measure, &b.span))
        .chain(measures.sealings.iter().map(|s| (s.measure, &s.span)))
        .chain(
            measures
                .login_locks
                .iter()
                .filter(|l| !l.from_blocking)
                .map(|l| (l.measure, &l.span)),
        );
    for (measure, span) in spans {
        if let (Some(until), Some(reason)) = (span.until, &span.end) {
            if until > span.from {
                add(
                    Some(until),
                    Cause::MeasureEnds {
                        measure: measure.id.clone(),
                        measure_type: measure.kind.measure_type(),
                        reason: reason.clone(),
                    },
                );
            }
        }
    }
    // A blocking decided after the age at which blockings end never applies (its span is
    // empty), but its notice (`BlockingAfterAgeLimit`) lasts for the blocking's period.
    let never_applying = measures
        .blockings
        .iter()
        .filter(|b| b.void_at_age.is_some());
    for blocking in never_applying {
        let measure = blocking.measure;
        add(
            measure.period.end_exclusive(),
            Cause::MeasureEnds {
                measure: measure.id.clone(),
                measure_type: measure.kind.measure_type(),
                reason: EndReason::PeriodEnds,
            },
        );
    }
    for (_, _, measure) in &measures.extended_access {
        if let Some(end) = measure.period.end_exclusive() {
            add(
                Some(end),
                Cause::MeasureEnds {
                    measure: measure.id.clone(),
                    measure_type: measure.kind.measure_type(),
                    reason: EndReason::PeriodEnds,
                },
            );
        }
    }
    for carried in &measures.carried_over {
        add(
            Some(carried.rule_set.valid_from),
            Cause::MeasureStands {
                measure: carried.measure.id.clone(),
                measure_type: carried.measure.kind.measure_type(),
                rule_set: carried.rule_set.id.clone(),
                certainty: carried
                    .rule_set
                    .parameters
                    .earlier_measures_stand
                    .citation
                    .certainty,
            },
        );
    }
    dates
}
