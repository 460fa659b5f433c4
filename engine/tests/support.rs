//! Supporten: from what a calling guardian describes to every cause consistent with it under
//! the region's rules, with whether the guardian may be told and the answer to give.

use insyn_engine::case::MeasureType;
use insyn_engine::rule_set::ParameterId;
use insyn_engine::support::{possible_causes, Call, Cause, Observation};
use insyn_engine::{parse_date, Catalog};

fn call(region: &'static str, birth: &str, date: &str, observation: Observation) -> Call<'static> {
    Call {
        region,
        birth_date: parse_date(birth).unwrap(),
        date: parse_date(date).unwrap(),
        observation,
    }
}

#[test]
fn a_child_who_just_turned_13_explains_a_missing_journal_by_the_age_rule_which_may_be_told() {
    let answer = possible_causes(
        Catalog::embedded(),
        &call("vgr", "2013-11-20", "2026-11-25", Observation::NoJournal),
    )
    .unwrap();
    assert_eq!(answer.child_age, 13);
    assert_eq!(answer.causes.len(), 1, "{:?}", answer.causes);
    let cause = &answer.causes[0];
    assert_eq!(
        cause.cause,
        Cause::Rule {
            rule: ParameterId::GuardianAccessUntilAge
        }
    );
    assert!(cause.may_tell);
    assert!(cause.answer_sv.contains("13 år"), "{}", cause.answer_sv);
    assert!(cause.citation.quote.contains("13"));
}

#[test]
fn a_young_childs_missing_journal_lists_every_measure_that_could_close_it() {
    let answer = possible_causes(
        Catalog::embedded(),
        &call("vgr", "2018-03-01", "2026-11-25", Observation::NoJournal),
    )
    .unwrap();
    let causes: Vec<&Cause> = answer.causes.iter().map(|c| &c.cause).collect();
    for expected in [
        Cause::ChildProtectedIdentity,
        Cause::Measure {
            measure_type: MeasureType::Sealing,
        },
        Cause::Measure {
            measure_type: MeasureType::Blocking,
        },
    ] {
        assert!(
            causes.contains(&&expected),
            "{expected:?} not in {causes:?}"
        );
    }
    // A login lock leaves the journal open in VGR 2026.
    assert!(!causes.contains(&&Cause::Measure {
        measure_type: MeasureType::LoginLock
    }));
    let sealing = answer
        .causes
        .iter()
        .find(|c| {
            c.cause
                == Cause::Measure {
                    measure_type: MeasureType::Sealing,
                }
        })
        .unwrap();
    assert!(!sealing.may_tell, "VGR 2026: guardians are not always told");
    assert!(sealing.answer_sv.contains("förseglad"));
    let blocking = answer
        .causes
        .iter()
        .find(|c| {
            c.cause
                == Cause::Measure {
                    measure_type: MeasureType::Blocking,
                }
        })
        .unwrap();
    assert!(
        blocking.answer_sv.contains("blockerad"),
        "{}",
        blocking.answer_sv
    );
}

#[test]
fn a_greyed_name_in_jonkoping_points_to_a_blocking() {
    let answer = possible_causes(
        Catalog::embedded(),
        &call("rjl", "2018-03-01", "2026-11-25", Observation::NameGreyed),
    )
    .unwrap();
    assert_eq!(
        answer.causes.iter().map(|c| &c.cause).collect::<Vec<_>>(),
        [&Cause::Measure {
            measure_type: MeasureType::Blocking
        }]
    );
}

#[test]
fn a_partly_missing_journal_in_vgr_2019_is_explained_by_the_rules_every_child_meets() {
    let answer = possible_causes(
        Catalog::embedded(),
        &call(
            "vgr",
            "2015-03-01",
            "2021-06-01",
            Observation::JournalPartlyMissing,
        ),
    )
    .unwrap();
    let rules: Vec<ParameterId> = answer.causes.iter().map(|c| c.rule_id).collect();
    assert!(rules.contains(&ParameterId::ExcludedUnitKinds), "{rules:?}");
    assert!(rules.contains(&ParameterId::DisplayStartDate), "{rules:?}");
    assert!(answer.causes.iter().all(|c| c.may_tell));
}

#[test]
fn a_call_before_the_region_has_rules_is_refused_with_a_clear_error() {
    let error = possible_causes(
        Catalog::embedded(),
        &call("vgr", "2015-03-01", "2018-06-01", Observation::NoJournal),
    )
    .unwrap_err();
    assert!(error.to_string().contains("no rule set"), "{error}");
}
