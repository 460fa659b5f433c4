//! Property tests over random cases, dates and rule sets: the invariants the guidance
//! implies must hold everywhere, not only in the examples.

use chrono::{Datelike, Duration, NaiveDate};
use insyn_engine::age::birthday;
use insyn_engine::case::CaseFacts;
use insyn_engine::case::{
    CareUnit, Case, Child, Guardian, LegalRepresentative, LegalRepresentativeKind, Measure,
    MeasureKind, Period, SealingInitiative, SealingScope,
};
use insyn_engine::evaluation::{evaluate_with, Actor, OutcomeKind};
use insyn_engine::validation::validate_case;
use insyn_engine::{timeline, Catalog, RuleSet, FORMAT_VERSION};
use proptest::prelude::*;

mod reference;

fn rule_sets() -> &'static [RuleSet] {
    &Catalog::embedded().rule_sets
}

fn day(birth: NaiveDate, offset: u32) -> NaiveDate {
    birth + Duration::days(offset as i64)
}

/// Days from birth to the day before the 18th birthday, roughly.
const MINORITY_DAYS: u32 = 18 * 365;

fn measure_strategy(
    guardians: usize,
) -> impl Strategy<Value = (u8, u32, Option<u32>, usize, usize, usize)> {
    (
        0u8..9,
        0..MINORITY_DAYS,
        prop::option::of(0u32..3000),
        0..guardians.max(1),
        0usize..3,
        0usize..3,
    )
}

prop_compose! {
    fn case_strategy()(
        birth_offset in 0i64..(20 * 365),
        guardian_count in 0usize..=2,
        second_guardian_ends in prop::option::of(100u32..4000),
        unit_count in 1usize..=3,
        bup in any::<bool>(),
        protected_child in prop::option::of((0u32..MINORITY_DAYS, prop::option::of(0u32..2000))),
        protected_guardian in prop::option::of(0u32..MINORITY_DAYS),
        representative in prop::option::of((16u32 * 365 + 10..MINORITY_DAYS, any::<bool>())),
        raw_measures in prop::collection::vec(measure_strategy(2), 0..8),
        has_e_id in any::<bool>(),
    ) -> Case {
        let birth = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(birth_offset);
        let guardians: Vec<Guardian> = (0..guardian_count)
            .map(|i| Guardian {
                id: format!("vh{}", i + 1),
                name: None,
                identity_number: None,
                registered: Period {
                    from: birth,
                    to: if i == 1 { second_guardian_ends.map(|d| day(birth, d)) } else { None },
                },
                protected_identity: if i == 0 {
                    protected_guardian.map(|d| Period::starting(day(birth, d))).into_iter().collect()
                } else {
                    Vec::new()
                },
            })
            .collect();
        let units: Vec<CareUnit> = (0..unit_count)
            .map(|i| CareUnit {
                id: format!("enhet{i}"),
                name: format!("Enhet {i}"),
                kind: (bup && i == 0).then(|| "BUP".to_string()),
            })
            .collect();
        let thirteen = birthday(birth, 13);
        let sixteen = birthday(birth, 16);
        let mut measures = Vec::new();
        for (index, (kind, start, length, guardian, unit, other_unit)) in raw_measures.into_iter().enumerate() {
            let from = day(birth, start);
            let to = length.map(|l| from + Duration::days(l as i64));
            let unit_id = format!("enhet{}", unit % unit_count);
            let guardian_id = format!("vh{}", guardian + 1);
            let kind = match kind {
                0 | 1 if guardian_count > 0 => MeasureKind::Blocking {
                    guardians: vec![format!("vh{}", guardian % guardian_count + 1)],
                },
                2 => MeasureKind::Sealing {
                    initiating_units: vec![unit_id.clone(), format!("enhet{}", other_unit % unit_count)]
                        .into_iter()
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    scope: if other_unit == 2 { SealingScope::Unit { sealed_unit: unit_id.clone() } } else { SealingScope::Whole },
                    initiative: SealingInitiative::Staff,
                },
                3 => MeasureKind::LoginLock,
                4 => MeasureKind::LoginUnlock,
                5 => {
                    // Extended access only at 13–15.
                    let from = thirteen + Duration::days((start % 700) as i64);
                    if from >= sixteen { continue; }
                    measures.push(Measure {
                        id: format!("m{index}"),
                        decided_on: None,
                        decided_by: None,
                        motivation: None,
                        renewal_on: None,
                        unit: None,
                        period: Period::starting(from),
                        kind: MeasureKind::ExtendedAccessChild { access_unit: unit_id.clone() },
                    });
                    continue;
                }
                6 if guardian_count > 0 => {
                    let from = thirteen + Duration::days((start % 700) as i64);
                    if from >= sixteen { continue; }
                    measures.push(Measure {
                        id: format!("m{index}"),
                        decided_on: None,
                        decided_by: None,
                        motivation: None,
                        renewal_on: None,
                        unit: None,
                        period: Period::starting(from),
                        kind: MeasureKind::ExtendedAccessGuardian {
                            guardian: format!("vh{}", guardian % guardian_count + 1),
                            access_unit: unit_id.clone(),
                        },
                    });
                    continue;
                }
                7 if guardian_count > 0 => MeasureKind::BlockingLifted {
                    guardian: format!("vh{}", guardian % guardian_count + 1),
                },
                8 => MeasureKind::ExceptionNote {
                    category: "Tredje person".into(),
                    note_unit: unit_id.clone(),
                    investigation_until: None,
                },
                _ => { let _ = guardian_id; continue; }
            };
            measures.push(Measure {
                id: format!("m{index}"),
                decided_on: None,
                decided_by: None,
                motivation: None,
                renewal_on: None,
                unit: None,
                period: Period { from, to },
                kind,
            });
        }
        Case {
            format_version: FORMAT_VERSION,
            title: None,
            region: "vgr".into(),
            pinned_rule_set: None,
            child: Child {
                birth_date: Some(birth),
                identity_number: None,
                name: None,
                protected_identity: protected_child
                    .map(|(start, length)| Period {
                        from: day(birth, start),
                        to: length.map(|l| day(birth, start + l)),
                    })
                    .into_iter()
                    .collect(),
                has_e_id,
            },
            guardians,
            legal_representatives: representative
                .map(|(decided, granted)| LegalRepresentative {
                    id: "godman".into(),
                    name: None,
                    kind: LegalRepresentativeKind::GodMan,
                    appointed: birthday(birth, 16),
                    access_decided: granted.then(|| day(birth, decided)),
                })
                .into_iter()
                .collect(),
            care_units: units,
            measures,
        }
    }
}

/// A valid case, a rule set and a date in the child's minority.
fn scenario() -> impl Strategy<Value = (Case, usize, u32)> {
    (case_strategy(), 0..rule_sets().len(), 0..=MINORITY_DAYS + 5)
        .prop_filter("the case must be valid", |(case, _, _)| {
            validate_case(case, NaiveDate::from_ymd_opt(2100, 1, 1).unwrap()).is_ok()
        })
}

fn facts(case: &Case) -> CaseFacts {
    validate_case(case, NaiveDate::from_ymd_opt(2100, 1, 1).unwrap()).expect("valid")
}

fn date_in_minority(facts: &CaseFacts, offset: u32) -> NaiveDate {
    day(facts.birth, offset).min(facts.eighteenth_birthday())
}

fn is_restriction(kind: &MeasureKind) -> bool {
    matches!(
        kind,
        MeasureKind::Blocking { .. }
            | MeasureKind::BlockingExtension { .. }
            | MeasureKind::Sealing { .. }
            | MeasureKind::LoginLock
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_restriction_never_grants_access((case, rule_set, offset) in scenario()) {
        let rule_set = &rule_sets()[rule_set];
        let facts = facts(&case);
        let date = date_in_minority(&facts, offset);
        let mut unrestricted = case.clone();
        unrestricted.measures.retain(|m| !is_restriction(&m.kind));
        unrestricted.child.protected_identity.clear();
        for guardian in &mut unrestricted.guardians {
            guardian.protected_identity.clear();
        }
        prop_assume!(validate_case(&unrestricted, date).is_ok());
        let with = evaluate_with(rule_set, &case, &facts, date).outcome_kinds();
        let without = evaluate_with(rule_set, &unrestricted, &facts, date).outcome_kinds();
        for ((actor, capability, restricted), (_, _, free)) in with.iter().zip(&without) {
            if *restricted != OutcomeKind::Denied {
                prop_assert_eq!(restricted, free, "{:?} × {:?} on {} under {}", actor, capability, date, rule_set.id);
            }
        }
    }

    #[test]
    fn adding_a_blocking_or_sealing_never_adds_an_allowed(
        (case, rule_set, offset) in scenario(),
        sealing in any::<bool>(),
        start in 0..MINORITY_DAYS,
        guardian in 0usize..2,
    ) {
        let rule_set = &rule_sets()[rule_set];
        let facts = facts(&case);
        let date = date_in_minority(&facts, offset);
        let mut restricted = case.clone();
        let kind = if sealing || case.guardians.is_empty() {
            MeasureKind::Sealing {
                initiating_units: vec![case.care_units[0].id.clone()],
                scope: SealingScope::Whole,
                initiative: SealingInitiative::Staff,
            }
        } else {
            MeasureKind::Blocking { guardians: vec![case.guardians[guardian % case.guardians.len()].id.clone()] }
        };
        restricted.measures.push(Measure {
            id: "added".into(),
            decided_on: None,
            decided_by: None,
            motivation: None,
            renewal_on: None,
            unit: None,
            period: Period::starting(day(facts.birth, start)),
            kind,
        });
        let before = evaluate_with(rule_set, &case, &facts, date).outcome_kinds();
        let after = evaluate_with(rule_set, &restricted, &facts, date).outcome_kinds();
        for ((actor, capability, was), (_, _, now)) in before.iter().zip(&after) {
            if *now == OutcomeKind::Allowed {
                prop_assert_eq!(*was, OutcomeKind::Allowed, "{:?} × {:?} on {} under {}", actor, capability, date, rule_set.id);
            }
        }
    }

    #[test]
    fn nobody_but_the_child_and_granted_legal_representatives_has_access_on_the_18th_birthday(
        (case, rule_set, _) in scenario(),
    ) {
        let rule_set = &rule_sets()[rule_set];
        let facts = facts(&case);
        let date = facts.eighteenth_birthday();
        let evaluation = evaluate_with(rule_set, &case, &facts, date);
        for actor in &evaluation.actors {
            for cell in &actor.cells {
                match &actor.actor {
                    Actor::Guardian { .. } => prop_assert_eq!(cell.outcome.kind(), OutcomeKind::Denied),
                    Actor::LegalRepresentative { .. } => {
                        if cell.outcome.kind() == OutcomeKind::Allowed {
                            prop_assert!(case.legal_representatives.iter().any(|r| r.access_decided.is_some_and(|d| d <= date)));
                        }
                    }
                    Actor::Child => {}
                }
            }
        }
    }

    #[test]
    fn evaluating_a_date_gives_the_timelines_state_on_that_date(
        (case, rule_set, offset) in scenario(),
    ) {
        let rule_set = &rule_sets()[rule_set];
        let facts = facts(&case);
        let date = date_in_minority(&facts, offset);
        let timeline = timeline(Catalog::embedded(), &case, None, None, Some(&rule_set.id)).expect("timeline");
        let segment = timeline.segment_at(date).expect("the timeline covers every day of minority");
        let evaluation = evaluate_with(rule_set, &case, &facts, date);
        prop_assert_eq!(&segment.outcomes, &evaluation.kinds());
    }

    /// The whole timeline, not only one date: every change point and every date on which
    /// anything could change agree with full evaluations (see `reference`), under the
    /// region's versions or a pinned rule set.
    #[test]
    fn the_timeline_is_the_straightforward_one(
        (case, rule_set, _) in scenario(),
        pinned in any::<bool>(),
    ) {
        let rule_set = pinned.then(|| rule_sets()[rule_set].id.as_str());
        prop_assert_eq!(reference::check(&case, rule_set), Ok(()));
    }

    #[test]
    fn a_leap_day_child_turns_13_on_28_february_in_a_common_year(
        leap_year in (2000i32..2024).prop_filter("leap years", |y| NaiveDate::from_ymd_opt(*y, 2, 29).is_some()),
        rule_set in 0..rule_sets().len(),
    ) {
        let rule_set = &rule_sets()[rule_set];
        let birth = NaiveDate::from_ymd_opt(leap_year, 2, 29).unwrap();
        let thirteenth = NaiveDate::from_ymd_opt(leap_year + 13, 2, 28).unwrap();
        let case = Case {
            format_version: FORMAT_VERSION,
            title: None,
            region: "national".into(),
            pinned_rule_set: None,
            child: Child { birth_date: Some(birth), ..Child::default() },
            guardians: vec![Guardian {
                id: "vh1".into(), name: None, identity_number: None,
                registered: Period::starting(birth), protected_identity: vec![],
            }],
            legal_representatives: vec![],
            care_units: vec![],
            measures: vec![],
        };
        let facts = facts(&case);
        let guardian = Actor::Guardian { id: "vh1".into() };
        let proxy = insyn_engine::Capability::Proxy;
        let on = |date| evaluate_with(rule_set, &case, &facts, date);
        let the_day_before = on(thirteenth.pred_opt().unwrap());
        let on_the_day = on(thirteenth);
        prop_assert_eq!(the_day_before.cell(&guardian, &proxy).unwrap().outcome.kind(), OutcomeKind::Allowed);
        prop_assert_eq!(on_the_day.cell(&guardian, &proxy).unwrap().outcome.kind(), OutcomeKind::Denied);
        prop_assert_eq!(thirteenth.month(), 2);
        prop_assert!(on_the_day.cell(&guardian, &proxy).unwrap().reasons.iter().any(|r| r.leap_day_rule));
    }
}
