//! Supporten: from what a calling guardian describes to every cause consistent with it under
//! the region's rules, with whether the guardian may be told and the answer to give.

use insyn_engine::case::MeasureType;
use insyn_engine::guardian_view::guardian_views;
use insyn_engine::rule_set::{Certainty, ParameterId, SealingScopeKind};
use insyn_engine::support::{
    possible_causes, AnswerSource, Call, Cause, ChildAge, Disclosure, Observation, PossibleCause,
    SupportAnswer,
};
use insyn_engine::{evaluate, parse_date, Case, Catalog};

fn born(region: &'static str, birth: &str, date: &str, observation: Observation) -> Call<'static> {
    Call {
        region,
        child: ChildAge::BirthDate(parse_date(birth).unwrap()),
        date: parse_date(date).unwrap(),
        observation,
    }
}

fn aged(region: &'static str, age: u8, date: &str, observation: Observation) -> Call<'static> {
    Call {
        region,
        child: ChildAge::Age(age),
        date: parse_date(date).unwrap(),
        observation,
    }
}

fn ask(call: &Call) -> SupportAnswer<'static> {
    possible_causes(Catalog::embedded(), call).unwrap()
}

fn kinds<'a>(answer: &'a SupportAnswer) -> Vec<&'a Cause> {
    answer.causes.iter().map(|c| &c.cause).collect()
}

fn cause<'a, 'r>(answer: &'a SupportAnswer<'r>, wanted: &Cause) -> &'a PossibleCause<'r> {
    answer
        .causes
        .iter()
        .find(|c| &c.cause == wanted)
        .unwrap_or_else(|| panic!("{wanted:?} not in {:?}", kinds(answer)))
}

fn answer_text<'a>(cause: &'a PossibleCause) -> &'a str {
    &cause.answer.as_ref().expect("an answer to give").text
}

fn cites(cause: &PossibleCause, rule: ParameterId) -> bool {
    cause.sources.iter().any(|s| s.rule_id == rule)
}

const BLOCKING: Cause = Cause::Measure {
    measure_type: MeasureType::Blocking,
};
const SEALING: Cause = Cause::Measure {
    measure_type: MeasureType::Sealing,
};
const LOGIN_LOCK: Cause = Cause::Measure {
    measure_type: MeasureType::LoginLock,
};
const AGE_13: Cause = Cause::Rule {
    rule: ParameterId::GuardianAccessUntilAge,
};

#[test]
fn a_child_who_just_turned_13_explains_a_missing_journal_by_the_age_rule_which_may_be_told() {
    let answer = ask(&born(
        "vgr",
        "2013-11-20",
        "2026-11-25",
        Observation::NoJournal,
    ));
    assert_eq!(answer.child_age, 13);
    assert_eq!(kinds(&answer), [&AGE_13]);
    let cause = &answer.causes[0];
    assert_eq!(cause.disclosure, Disclosure::May);
    assert!(
        answer_text(cause).contains("13 år"),
        "{}",
        answer_text(cause)
    );
    assert!(cause.citation().quote.contains("13"));
    assert_eq!(cause.citation().certainty, Certainty::Stated);
}

#[test]
fn a_call_about_a_13th_birthday_gives_the_age_rule_with_the_day_and_how_to_ask_a_unit_for_more() {
    let answer = ask(&born(
        "vgr",
        "2013-11-20",
        "2026-11-25",
        Observation::JustHadBirthday,
    ));
    assert_eq!(answer.birthday, Some(parse_date("2026-11-20").unwrap()));
    assert_eq!(kinds(&answer), [&AGE_13]);
    let cause = &answer.causes[0];
    assert_eq!(cause.answer.as_ref().unwrap().source, AnswerSource::Rule);
    let text = answer_text(cause);
    assert!(
        text.starts_with("Ditt barn fyllde 13 år den 20 november 2026."),
        "{text}"
    );
    assert!(text.contains("göra ärenden"), "the proxy ends too: {text}");
    assert!(text.contains("kan barnet själv logga in"), "{text}");
    assert!(text.contains("fråga mottagningen"), "{text}");
    assert!(text.contains("tills barnet fyller 16 år"), "{text}");
    for rule in [
        ParameterId::GuardianAccessUntilAge,
        ParameterId::GuardianProxyUntilAccessAge,
        ParameterId::ChildAccountFromAge,
        ParameterId::ExtendedAccessGuardian,
    ] {
        assert!(cites(cause, rule), "{rule} not cited");
    }
    // VGR 2026's extended access for guardians is read from the guidance, not stated.
    let extended = cause
        .sources
        .iter()
        .find(|s| s.rule_id == ParameterId::ExtendedAccessGuardian)
        .unwrap();
    assert_eq!(extended.citation.certainty, Certainty::Inferred);
}

#[test]
fn a_call_about_a_16th_birthday_says_extended_access_has_ended_and_the_child_reads_the_journal() {
    let answer = ask(&born(
        "vgr",
        "2010-11-20",
        "2026-11-25",
        Observation::JustHadBirthday,
    ));
    assert_eq!(
        kinds(&answer),
        [&Cause::Rule {
            rule: ParameterId::ExtendedAccessGuardian
        }]
    );
    let text = answer_text(&answer.causes[0]);
    assert!(text.contains("bara tills barnet fyller 16 år"), "{text}");
    assert!(text.contains("läser barnet själv sin journal"), "{text}");
    assert!(cites(&answer.causes[0], ParameterId::ChildJournalFromAge));
}

#[test]
fn a_birthday_on_which_no_rule_changes_anything_has_no_cause() {
    let answer = ask(&born(
        "vgr",
        "2012-11-20",
        "2026-11-25",
        Observation::JustHadBirthday,
    ));
    assert_eq!(answer.child_age, 14);
    assert!(answer.causes.is_empty(), "{:?}", kinds(&answer));
}

#[test]
fn an_age_alone_is_read_as_a_birthday_on_the_day_of_the_call_and_no_day_is_claimed() {
    let answer = ask(&aged("rjl", 13, "2026-11-25", Observation::JustHadBirthday));
    assert!(answer.birth_date_assumed);
    assert_eq!(answer.birth_date, parse_date("2013-11-25").unwrap());
    assert_eq!(kinds(&answer), [&AGE_13]);
    let text = answer_text(&answer.causes[0]);
    assert!(text.starts_with("Ditt barn har fyllt 13 år."), "{text}");
    assert!(!text.contains("den 25 november"), "{text}");
    assert!(!answer.causes[0].explanation_sv.contains("2026-11-25"));
}

#[test]
fn a_young_childs_missing_journal_lists_every_measure_that_could_close_it() {
    let answer = ask(&aged("vgr", 7, "2026-11-25", Observation::NoJournal));
    for expected in [
        Cause::CustodyEnded,
        Cause::ChildProtectedIdentity,
        Cause::GuardianProtectedIdentity,
        SEALING,
        BLOCKING,
    ] {
        cause(&answer, &expected);
    }
    // A login lock leaves the journal open in VGR 2026.
    assert!(!kinds(&answer).contains(&&LOGIN_LOCK));
    let sealing = cause(&answer, &SEALING);
    assert_eq!(sealing.disclosure, Disclosure::NotAlways);
    assert!(sealing
        .disclosure_citation
        .unwrap()
        .quote
        .contains("inte alltid informeras"));
    assert!(answer_text(sealing).starts_with("Ditt barns journal är för närvarande förseglad"));
    let child_protected = cause(&answer, &Cause::ChildProtectedIdentity);
    assert_eq!(child_protected.disclosure, Disclosure::MayNot);
    assert!(child_protected.guidance_sv[0].contains("Bekräfta inte"));
}

#[test]
fn a_greyed_name_in_jonkoping_points_to_a_blocking_with_its_message_and_no_invented_answer() {
    let answer = ask(&born(
        "rjl",
        "2018-03-01",
        "2026-11-25",
        Observation::NameGreyed,
    ));
    assert_eq!(kinds(&answer), [&BLOCKING]);
    let blocking = &answer.causes[0];
    assert_eq!(
        blocking.screen_text.as_deref(),
        Some("Du har för närvarande inte tillgång till Förnamn Efternamns journal. Vid frågor kontakta din region")
    );
    assert!(
        blocking.answer.is_none(),
        "Jönköping gives no standard answer"
    );
    assert!(blocking.guidance_sv[0].contains("inget standardsvar"));
    let message = blocking
        .sources
        .iter()
        .find(|s| s.rule_id == ParameterId::BlockedGuardianMessage)
        .unwrap();
    assert_eq!(message.citation.certainty, Certainty::Stated);
}

#[test]
fn a_greyed_name_in_vgr_points_to_a_blocking_answered_with_the_standard_answer_reworded() {
    let answer = ask(&aged("vgr", 8, "2026-11-25", Observation::NameGreyed));
    assert_eq!(kinds(&answer), [&BLOCKING]);
    let blocking = &answer.causes[0];
    assert!(blocking
        .screen_text
        .as_deref()
        .unwrap()
        .starts_with("Du har för närvarande inte tillgång till"));
    let text = answer_text(blocking);
    assert!(
        text.starts_with("Ditt barns journal är för närvarande blockerad"),
        "{text}"
    );
    assert!(!text.contains("förseglad"), "{text}");
    assert!(matches!(
        &blocking.answer.as_ref().unwrap().source,
        AnswerSource::StandardAnswer { changes } if !changes.is_empty()
    ));
    assert_eq!(blocking.disclosure, Disclosure::NotAlways);
    // VGR's sources do not describe the screen: the greyed name is inferred, and says so.
    let message = blocking
        .sources
        .iter()
        .find(|s| s.rule_id == ParameterId::BlockedGuardianMessage)
        .unwrap();
    assert_eq!(message.citation.certainty, Certainty::Inferred);
    assert!(message.citation.note.as_deref().unwrap().contains("VGR"));
}

#[test]
fn a_region_whose_blocking_leaves_the_proxy_has_no_blocking_behind_a_missing_start_page() {
    // VGR 2019: a blocking closed the journal only; the guardian kept the e-services.
    let answer = ask(&aged("vgr", 6, "2021-06-01", Observation::NotOnStartPage));
    assert!(!kinds(&answer).contains(&&BLOCKING), "{:?}", kinds(&answer));
    cause(&answer, &SEALING);
    let now = ask(&aged("vgr", 6, "2026-11-25", Observation::NotOnStartPage));
    cause(&now, &BLOCKING);
}

#[test]
fn a_login_lock_behind_a_missing_start_page_is_not_given_the_answer_written_for_a_sealing() {
    let answer = ask(&aged("vgr", 6, "2026-11-25", Observation::NotOnStartPage));
    let lock = cause(&answer, &LOGIN_LOCK);
    assert!(lock.answer.is_none());
    assert!(
        lock.guidance_sv[0].contains("passar inte"),
        "{:?}",
        lock.guidance_sv
    );
}

#[test]
fn a_partly_missing_journal_in_vgr_2019_is_explained_by_the_rules_every_child_meets() {
    let answer = ask(&born(
        "vgr",
        "2015-03-01",
        "2021-06-01",
        Observation::JournalPartlyMissing,
    ));
    let rules: Vec<ParameterId> = answer.causes.iter().map(|c| c.rule_id()).collect();
    assert!(rules.contains(&ParameterId::ExcludedUnitKinds), "{rules:?}");
    assert!(rules.contains(&ParameterId::DisplayStartDate), "{rules:?}");
    let excluded = cause(
        &answer,
        &Cause::Rule {
            rule: ParameterId::ExcludedUnitKinds,
        },
    );
    assert_eq!(excluded.disclosure, Disclosure::May);
    assert!(answer_text(excluded).contains("BUP"));
    // …and a note kept from guardians during an investigation, which may not be told.
    let note = cause(&answer, &Cause::NoteDuringInvestigation);
    assert_eq!(note.disclosure, Disclosure::MayNot);
    assert!(note.answer.is_none());
    assert!(note.name_sv.contains("Orosanmälan gällande barn"));
}

#[test]
fn a_partly_missing_journal_lists_a_sealing_of_one_unit_only_where_the_routine_offers_it() {
    let unit = Cause::PartialSealing {
        scope: SealingScopeKind::Unit,
    };
    let stockholm = ask(&aged(
        "stockholm",
        7,
        "2026-11-25",
        Observation::JournalPartlyMissing,
    ));
    cause(&stockholm, &unit);
    cause(
        &stockholm,
        &Cause::PartialSealing {
            scope: SealingScopeKind::EntryPeriod,
        },
    );
    let vgr = ask(&aged(
        "vgr",
        7,
        "2026-11-25",
        Observation::JournalPartlyMissing,
    ));
    assert!(!kinds(&vgr).contains(&&unit), "{:?}", kinds(&vgr));
    // A whole sealing closes everything, so it never explains a partly missing journal.
    assert!(!kinds(&stockholm).contains(&&SEALING));
}

#[test]
fn a_call_about_custody_lists_ended_and_not_yet_registered_custody_under_the_registration_rule() {
    let answer = ask(&aged(
        "ostergotland",
        9,
        "2026-11-25",
        Observation::CustodyChanged,
    ));
    assert_eq!(
        kinds(&answer),
        [&Cause::CustodyEnded, &Cause::CustodyNotYetRegistered]
    );
    for cause in &answer.causes {
        assert_eq!(cause.rule_id(), ParameterId::GuardianAccessFollowsCustody);
        assert_eq!(cause.disclosure, Disclosure::May);
        assert!(answer_text(cause).contains("Skatteverket"));
    }
}

#[test]
fn a_call_about_custody_for_a_teenager_is_answered_by_the_age_rule() {
    let answer = ask(&aged("vgr", 14, "2026-11-25", Observation::CustodyChanged));
    assert_eq!(kinds(&answer), [&AGE_13]);
}

#[test]
fn the_causes_and_answers_follow_the_rule_data_not_the_region_name() {
    let mut catalog = Catalog::embedded().clone();
    let vgr = catalog
        .rule_sets
        .iter_mut()
        .find(|r| r.id == "vgr-2026")
        .unwrap();
    vgr.parameters.guardian_always_informed.value = true;
    vgr.parameters.blocked_guardian_message.value = None;
    vgr.parameters.guardian_access_until_age.value = 12;
    let call = aged("vgr", 12, "2026-11-25", Observation::NoJournal);
    let answer = possible_causes(&catalog, &call).unwrap();
    assert_eq!(kinds(&answer), [&AGE_13]);
    assert!(answer_text(&answer.causes[0]).contains("12 år"));

    let greyed = aged("vgr", 8, "2026-11-25", Observation::NameGreyed);
    assert!(possible_causes(&catalog, &greyed)
        .unwrap()
        .causes
        .is_empty());
    let missing = aged("vgr", 8, "2026-11-25", Observation::NoJournal);
    let answer = possible_causes(&catalog, &missing).unwrap();
    assert_eq!(cause(&answer, &BLOCKING).disclosure, Disclosure::May);
}

#[test]
fn a_call_before_the_region_has_rules_is_refused_with_a_clear_error() {
    let error = possible_causes(
        Catalog::embedded(),
        &born("vgr", "2015-03-01", "2018-06-01", Observation::NoJournal),
    )
    .unwrap_err();
    assert!(error.to_string().contains("no rule set"), "{error}");
}

#[test]
fn an_adult_child_is_refused_rather_than_answered() {
    let error = possible_causes(
        Catalog::embedded(),
        &aged("vgr", 19, "2026-11-25", Observation::NoJournal),
    )
    .unwrap_err();
    assert!(error.to_string().contains("18"), "{error}");
}

#[test]
fn a_guardian_whose_child_just_turned_13_is_shown_the_age_rule_and_an_answer_not_only_that_no_measure_applies(
) {
    let case = Case::from_json(include_str!("../cases/normal-family.json")).unwrap();
    let date = parse_date("2028-05-10").unwrap();
    let catalog = Catalog::embedded();
    let evaluation = evaluate(catalog, &case, date, None).unwrap();
    let rule_set = catalog.get(evaluation.rule_set_id).unwrap();
    let views = guardian_views(rule_set, &case, &evaluation);
    for view in &views {
        assert!(!view.restricted_by_measure);
        let causes: Vec<&Cause> = view.closed_by_rules.iter().map(|c| &c.cause).collect();
        assert_eq!(causes, [&AGE_13], "{}", view.label);
        let text = answer_text(&view.closed_by_rules[0]);
        assert!(
            text.starts_with("Ditt barn fyllde 13 år den 10 maj 2028."),
            "{text}"
        );
    }
    // The day before, nothing closes their access, so nothing is listed.
    let eve = evaluate(catalog, &case, parse_date("2028-05-09").unwrap(), None).unwrap();
    for view in guardian_views(rule_set, &case, &eve) {
        assert!(view.closed_by_rules.is_empty(), "{}", view.label);
    }
}

/// A Stockholm child (7 on 2026-11-25) whose one unit's journal is sealed.
fn unit_sealed_in_stockholm() -> Case {
    Case::from_json(
        r#"{
          "format_version": 1, "region": "stockholm",
          "child": { "birth_date": "2019-03-01", "has_e_id": false },
          "guardians": [ { "id": "vh1", "registered": { "from": "2019-03-01" } } ],
          "care_units": [ { "id": "bup", "name": "BUP Söder" }, { "id": "vc", "name": "Vårdcentralen" } ],
          "measures": [ {
            "id": "s1", "decided_on": "2026-05-04", "decided_by": "verksamhetschef", "unit": "bup",
            "period": { "from": "2026-05-04" }, "type": "sealing", "initiating_units": ["bup"],
            "scope": "unit", "sealed_unit": "bup", "initiative": "staff"
          } ]
        }"#,
    )
    .unwrap()
}

#[test]
fn a_sealing_of_one_unit_gets_the_same_answer_in_the_guardian_view_as_in_supporten_and_not_the_whole_account_answer(
) {
    let case = unit_sealed_in_stockholm();
    let catalog = Catalog::embedded();
    let evaluation = evaluate(catalog, &case, parse_date("2026-11-25").unwrap(), None).unwrap();
    let rule_set = catalog.get(evaluation.rule_set_id).unwrap();
    let views = guardian_views(rule_set, &case, &evaluation);
    let view = &views[0];
    assert!(
        view.restricted_by_measure,
        "the sealed unit keeps the guardian out of it"
    );
    assert!(view.fitted_answer.is_none(), "{:?}", view.fitted_answer);

    let desk = ask(&aged(
        "stockholm",
        7,
        "2026-11-25",
        Observation::JournalPartlyMissing,
    ));
    let partial = cause(
        &desk,
        &Cause::PartialSealing {
            scope: SealingScopeKind::Unit,
        },
    );
    assert!(partial.answer.is_none());
    assert_eq!(
        view.answer_guidance.as_deref(),
        Some(partial.guidance_sv.join(" ").as_str()),
        "the same words on both views"
    );
    // Stockholm's routine has no standard answer: said, with what to do instead.
    assert!(
        partial.guidance_sv[0].starts_with("Regelverket anger inget standardsvar"),
        "{:?}",
        partial.guidance_sv
    );
    assert_eq!(view.disclosure, Some(partial.disclosure));
}
