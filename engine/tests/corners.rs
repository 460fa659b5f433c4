//! The corners a review of the engine against the sources found: rule-set versions and
//! time, VGR's connection of children's journals, the child's own e-ID, each reason quoting
//! its own line, typed timeline causes, measures that cannot act, required actions in the
//! diff, and a "BUP" unit entered without a kind.

use insyn_engine::case::MeasureType;
use insyn_engine::evaluation::{
    suggested_unit_kind, Actor, Capability, EndReason, Evaluation, NoticeKind, OutcomeKind,
};
use insyn_engine::rule_set::ParameterId;
use insyn_engine::timeline::Cause;
use insyn_engine::{diff, evaluate, parse_date, timeline, Case, Catalog};
use serde_json::{json, Value};

fn case(value: Value) -> Case {
    Case::from_json(&value.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn on(case: &Case, date: &str) -> Evaluation<'static> {
    evaluate(Catalog::embedded(), case, parse_date(date).unwrap(), None)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn outcome(evaluation: &Evaluation, actor: Actor, capability: Capability) -> OutcomeKind {
    evaluation
        .cell(&actor, &capability)
        .unwrap_or_else(|| panic!("no cell {actor:?} × {capability:?}"))
        .outcome
        .kind()
}

fn guardian(id: &str) -> Actor {
    Actor::Guardian { id: id.into() }
}

fn journal(unit: &str) -> Capability {
    Capability::Journal {
        unit: Some(unit.into()),
    }
}

fn vgr_family(birth: &str, measures: Value) -> Value {
    json!({
        "format_version": 1,
        "region": "vgr",
        "child": { "birth_date": birth },
        "guardians": [
            { "id": "vh1", "registered": { "from": birth } },
            { "id": "vh2", "registered": { "from": birth } }
        ],
        "care_units": [
            { "id": "a", "name": "Vårdcentralen A" },
            { "id": "b", "name": "Barnmottagningen B" }
        ],
        "measures": measures
    })
}

// 1. Rule-set versions and time.

fn sealing_unlocked_in_2022() -> Case {
    case(vgr_family(
        "2016-02-01",
        json!([
            { "id": "s1", "decided_on": "2021-03-01", "period": { "from": "2021-03-01" },
              "type": "sealing", "initiating_units": ["a", "b"], "scope": "whole",
              "initiative": "staff" },
            { "id": "u1", "period": { "from": "2022-05-01" }, "type": "unlock_request",
              "sealing": "s1", "requesting_unit": "a" }
        ]),
    ))
}

#[test]
fn a_sealing_unlocked_under_the_2019_rules_does_not_come_back_when_the_2026_rules_take_over() {
    let case = sealing_unlocked_in_2022();
    // One initiating unit's request sufficed under VGR 2019.
    let sealed = on(&case, "2022-04-30");
    assert_eq!(
        outcome(&sealed, guardian("vh1"), journal("a")),
        OutcomeKind::Denied
    );
    for date in ["2022-05-01", "2026-03-25", "2026-03-26", "2027-01-01"] {
        let evaluation = on(&case, date);
        assert_eq!(
            outcome(&evaluation, guardian("vh1"), journal("a")),
            OutcomeKind::Allowed,
            "on {date}"
        );
    }
}

#[test]
fn the_timeline_invents_no_sealing_change_when_the_2026_rules_take_over() {
    let case = sealing_unlocked_in_2022();
    let timeline = timeline(Catalog::embedded(), &case, None, None, None).unwrap();
    let point = timeline
        .change_points
        .iter()
        .find(|p| p.date == parse_date("2026-03-26").unwrap())
        .expect("the version change is a change point");
    assert!(
        point
            .changes
            .iter()
            .all(|c| c.rule_id != Some(ParameterId::SealingCoversJournal)),
        "{:?}",
        point.changes
    );
}

#[test]
fn an_unlock_requested_under_the_2026_rules_needs_every_initiating_unit() {
    let case = case(vgr_family(
        "2016-02-01",
        json!([
            { "id": "s1", "decided_on": "2026-04-01", "period": { "from": "2026-04-01" },
              "type": "sealing", "initiating_units": ["a", "b"], "scope": "whole",
              "initiative": "staff" },
            { "id": "u1", "period": { "from": "2026-05-01" }, "type": "unlock_request",
              "sealing": "s1", "requesting_unit": "a" },
            { "id": "u2", "period": { "from": "2026-06-01" }, "type": "unlock_request",
              "sealing": "s1", "requesting_unit": "b" }
        ]),
    ));
    let half = on(&case, "2026-05-15");
    assert_eq!(
        outcome(&half, guardian("vh1"), journal("a")),
        OutcomeKind::Denied
    );
    let both = on(&case, "2026-06-01");
    assert_eq!(
        outcome(&both, guardian("vh1"), journal("a")),
        OutcomeKind::Allowed
    );
}

#[test]
fn a_2019_blocking_that_stands_under_the_2026_rules_is_a_change_point_marked_unknown() {
    let case = case(vgr_family(
        "2014-01-10",
        json!([{ "id": "bl1", "decided_on": "2024-05-01", "period": { "from": "2024-05-01" },
                 "type": "blocking", "guardians": ["vh1"] }]),
    ));
    // Past the 13th birthday, when a 2026 blocking would have lapsed.
    let later = on(&case, "2027-03-01");
    assert_eq!(
        outcome(&later, guardian("vh1"), journal("a")),
        OutcomeKind::Denied
    );
    let timeline = timeline(Catalog::embedded(), &case, None, None, None).unwrap();
    let point = timeline
        .change_points
        .iter()
        .find(|p| p.date == parse_date("2026-03-26").unwrap())
        .unwrap();
    assert!(point.causes.iter().any(|c| matches!(
        c,
        Cause::MeasureStands { measure, certainty: insyn_engine::rule_set::Certainty::Unknown, .. }
            if measure == "bl1"
    )), "{:?}", point.causes);
}

// 2. VGR: when children's journals were connected.

#[test]
fn before_vgr_connected_childrens_journals_a_guardian_reads_none_and_the_connection_is_a_change_point(
) {
    let case = case(vgr_family("2015-05-01", json!([])));
    let before = on(&case, "2019-10-31");
    assert_eq!(
        outcome(&before, guardian("vh1"), journal("a")),
        OutcomeKind::Denied
    );
    let cell = before.cell(&guardian("vh1"), &journal("a")).unwrap();
    assert_eq!(
        cell.reasons[0].rule.parameter(),
        ParameterId::ChildrenJournalConnectedOn
    );
    let after = on(&case, "2019-11-01");
    assert_eq!(
        outcome(&after, guardian("vh1"), journal("a")),
        OutcomeKind::Allowed
    );
    let timeline = timeline(Catalog::embedded(), &case, None, None, None).unwrap();
    assert!(timeline
        .change_points
        .iter()
        .any(|p| p.date == parse_date("2019-11-01").unwrap()
            && p.causes.contains(&Cause::ChildrenJournalConnected)));
}

#[test]
fn a_sixteen_year_old_in_vgr_reads_the_own_journal_without_the_connections_filters() {
    let mut value = vgr_family("2003-03-01", json!([]));
    value["care_units"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "bup", "name": "BUP Centrum", "kind": "BUP" }));
    let case = case(value);
    let evaluation = on(&case, "2019-12-01");
    assert_eq!(
        outcome(&evaluation, Actor::Child, journal("bup")),
        OutcomeKind::Allowed
    );
    let cell = evaluation.cell(&Actor::Child, &journal("a")).unwrap();
    assert!(cell.filters.iter().all(|f| !matches!(
        f,
        insyn_engine::evaluation::ContentFilter::DisplayStart { .. }
    )));
}

// 3. The child's own account before 13.

#[test]
fn a_child_with_an_e_id_of_their_own_logs_in_before_13_and_one_without_does_not() {
    let mut value = json!({
        "format_version": 1, "region": "national",
        "child": { "birth_date": "2016-01-01", "has_e_id": true }
    });
    let with = on(&case(value.clone()), "2025-01-01");
    assert_eq!(
        outcome(&with, Actor::Child, Capability::Account),
        OutcomeKind::Allowed
    );
    value["child"]["has_e_id"] = json!(false);
    let without = on(&case(value), "2025-01-01");
    assert_eq!(
        outcome(&without, Actor::Child, Capability::Account),
        OutcomeKind::Denied
    );
}

// 4. Every reason quotes its own line.

/// Words the line a reason quotes must contain, by the parameter it rests on.
fn words_of(parameter: ParameterId) -> &'static [&'static str] {
    use ParameterId as P;
    match parameter {
        P::AdultAge => &["18"],
        P::GuardianAccessUntilAge => &["13"],
        P::ChildJournalFromAge => &["16"],
        P::ChildAccountFromAge => &["13"],
        P::ChildAccountWithOwnEId => &["e-legitimation"],
        P::LoginLockCoversAccount => &["lås", "spärr"],
        P::LoginLockCoversJournal => &["journal"],
        P::LoginLockStopsProxy => &["ombud", "lås"],
        P::GuardianAccessFollowsCustody => &["vårdnad"],
        P::ExtendedAccessGuardian | P::ExtendedAccessChild => &["13"],
        P::BlockingCoversJournal | P::BlockingCoversProxy => &["block"],
        P::BlockingLocksChildLogin => &["lås", "inlogg"],
        P::SealingCoversJournal | P::SealingCoversChildAccount | P::SealingCoversProxy => {
            &["försegl"]
        }
        P::ProtectedChildDeniesGuardians | P::ProtectedGuardianDeniesThatGuardian => &["skydd"],
        P::ChildrenJournalConnectedOn => &["anslut"],
        _ => &[],
    }
}

#[test]
fn every_reason_quotes_the_line_of_the_rule_that_decided() {
    let catalog = Catalog::embedded();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/cases");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let case = Case::from_json(&text).unwrap();
        for rule_set in &catalog.rule_sets {
            let Ok(timeline) = timeline(catalog, &case, None, None, Some(&rule_set.id)) else {
                continue;
            };
            for point in &timeline.change_points {
                let evaluation = evaluate(catalog, &case, point.date, Some(&rule_set.id)).unwrap();
                for cell in evaluation.actors.iter().flat_map(|a| &a.cells) {
                    for reason in &cell.reasons {
                        let parameter = reason.rule.parameter();
                        let citation = reason.citation.expect("every reason cites");
                        assert_eq!(citation, rule_set.parameters.citation(parameter));
                        let quote = citation.quote.to_lowercase();
                        let words = words_of(parameter);
                        if words.is_empty() || quote.is_empty() {
                            continue;
                        }
                        assert!(
                            words.iter().any(|w| quote.contains(w)),
                            "{}: {:?} quotes \"{}\" (from {parameter})",
                            rule_set.id,
                            reason.rule,
                            citation.quote
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} reasons checked");
}

// 5. Timeline causes name what decided.

#[test]
fn a_sealing_that_ends_at_18_and_a_2026_blocking_that_lapses_at_13_are_named_as_causes() {
    let causes_on = |measures: Value, date: &str| {
        let case = case(vgr_family("2014-01-10", measures));
        let timeline = timeline(Catalog::embedded(), &case, None, None, None).unwrap();
        timeline
            .change_points
            .iter()
            .find(|p| p.date == parse_date(date).unwrap())
            .map(|p| p.causes.clone())
            .unwrap_or_default()
    };
    let blocking = json!([{ "id": "bl1", "decided_on": "2026-04-01",
        "period": { "from": "2026-04-01" }, "type": "blocking", "guardians": ["vh2"] }]);
    assert!(
        causes_on(blocking, "2027-01-10").contains(&Cause::MeasureEnds {
            measure: "bl1".into(),
            measure_type: MeasureType::Blocking,
            reason: EndReason::AgeLimit { age: 13 },
        })
    );
    let sealing = json!([{ "id": "s1", "decided_on": "2026-04-01",
        "period": { "from": "2026-04-01" }, "type": "sealing", "initiating_units": ["a"],
        "scope": "whole", "initiative": "staff" }]);
    assert!(
        causes_on(sealing, "2032-01-10").contains(&Cause::MeasureEnds {
            measure: "s1".into(),
            measure_type: MeasureType::Sealing,
            reason: EndReason::AgeLimit { age: 18 },
        })
    );
}

#[test]
fn an_orosanmalan_note_shown_again_after_the_investigation_is_a_change_point() {
    let case = case(vgr_family(
        "2016-02-01",
        json!([{ "id": "n1", "period": { "from": "2021-03-01" }, "type": "exception_note",
                 "category": "Orosanmälan gällande barn", "note_unit": "a",
                 "investigation_until": "2021-06-30" }]),
    ));
    let timeline = timeline(Catalog::embedded(), &case, None, None, None).unwrap();
    let point = timeline
        .change_points
        .iter()
        .find(|p| p.date == parse_date("2021-07-01").unwrap())
        .expect("the investigation's end is a change point");
    assert!(point.causes.contains(&Cause::InvestigationEnds {
        measure: "n1".into()
    }));
    assert!(point
        .filter_changes
        .iter()
        .any(|f| f.actor == guardian("vh1") && !f.starts));
}

// 6. Nothing silently void.

#[test]
fn a_2026_blocking_decided_for_a_14_year_old_warns_that_it_cannot_take_effect_under_vgr_2026() {
    let case = case(vgr_family(
        "2012-01-10",
        json!([{ "id": "bl1", "decided_on": "2026-06-01", "period": { "from": "2026-06-01" },
                 "type": "blocking", "guardians": ["vh1"] }]),
    ));
    let evaluation = on(&case, "2026-07-01");
    let notice = evaluation
        .notices
        .iter()
        .find(|n| n.subject == "bl1")
        .expect("a notice for the void blocking");
    assert_eq!(
        notice.kind,
        NoticeKind::BlockingAfterAgeLimit {
            measure_type: MeasureType::Blocking,
            age: 13,
            judged_by: "vgr-2026".to_string(),
        }
    );
    assert!(notice.sentence_sv().contains("13 år"));
    assert!(notice.sentence_sv().contains("(vgr-2026)"));
}

#[test]
fn extended_access_outside_13_to_15_is_a_valid_case_with_a_warning() {
    let case = case(vgr_family(
        "2015-05-10",
        json!([{ "id": "ua1", "period": { "from": "2027-01-01" },
                 "type": "extended_access_child", "access_unit": "a" }]),
    ));
    let evaluation = on(&case, "2027-06-01");
    assert!(evaluation.notices.iter().any(|n| n.subject == "ua1"
        && matches!(
            n.kind,
            NoticeKind::ExtendedAccessOutsideWindow {
                from_age: 13,
                until_age: 16
            }
        )));
    let inside = on(&case, "2028-06-01");
    assert!(inside.notices.iter().all(|n| n.subject != "ua1"));
}

#[test]
fn an_unlock_from_a_unit_that_did_not_initiate_leaves_the_sealing_and_is_forwarded() {
    let case = case(vgr_family(
        "2016-02-01",
        json!([
            { "id": "s1", "decided_on": "2026-04-01", "period": { "from": "2026-04-01" },
              "type": "sealing", "initiating_units": ["a"], "scope": "whole",
              "initiative": "staff" },
            { "id": "u1", "period": { "from": "2026-05-01" }, "type": "unlock_request",
              "sealing": "s1", "requesting_unit": "b" }
        ]),
    ));
    let evaluation = on(&case, "2026-05-02");
    assert_eq!(
        outcome(&evaluation, guardian("vh1"), journal("a")),
        OutcomeKind::Denied
    );
    let notice = evaluation
        .notices
        .iter()
        .find(|n| n.subject == "u1")
        .unwrap();
    assert!(
        matches!(&notice.kind, NoticeKind::UnlockRequestForwarded { initiating_units, .. }
        if initiating_units == &["a".to_string()])
    );
    assert!(notice.sentence_sv().contains("vidarebefordras"));
}

// 7. The diff shows what staff must do differently.

#[test]
fn the_diff_reports_that_vgr_2026_but_not_rjl_requires_a_sealing_for_protected_identity() {
    let case = case(json!({
        "format_version": 1, "region": "vgr",
        "child": { "birth_date": "2012-01-10",
                   "protected_identity": [{ "from": "2020-01-01" }] },
        "guardians": [{ "id": "vh1", "registered": { "from": "2012-01-10" } }]
    }));
    let diff = diff(Catalog::embedded(), &case, "rjl", "vgr-2026", None, None).unwrap();
    let range = diff
        .action_ranges
        .iter()
        .find(|r| {
            r.only_b
                .contains(&ParameterId::ProtectedChildRequiresSealing)
        })
        .expect("a range where only VGR 2026 requires a sealing");
    assert_eq!(range.from, parse_date("2020-01-01").unwrap());
    assert!(range.only_a.is_empty());
}

// 9. A care unit called "BUP …" without a kind.

#[test]
fn a_unit_named_bup_without_a_kind_gets_the_exclusions_question() {
    let mut value = vgr_family("2016-02-01", json!([]));
    value["care_units"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "bup", "name": "BUP Mölndal" }));
    let case = case(value);
    let evaluation = on(&case, "2024-01-01");
    assert!(evaluation.notices.iter().any(|n| n.subject == "bup"
        && matches!(&n.kind, NoticeKind::UnitKindMissing { suggested_kind, .. } if suggested_kind == "BUP")));
    let rule_set = Catalog::embedded().get("vgr-2026").unwrap();
    assert_eq!(
        suggested_unit_kind(rule_set, &case.care_units[2]),
        Some("BUP")
    );
    assert_eq!(suggested_unit_kind(rule_set, &case.care_units[0]), None);
}
