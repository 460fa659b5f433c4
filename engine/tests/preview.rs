//! "What the measure will change, before it is added": the preview of a measure, and the
//! measure a recommendation proposes.

use chrono::NaiveDate;
use insyn_engine::case::MeasureType as RecommendedMeasure;
use insyn_engine::decision::{proposed_measure, recommend, Answers, BlockingTarget, Concern};
use insyn_engine::evaluation::OutcomeKind;
use insyn_engine::preview::preview;
use insyn_engine::{Actor, Capability, Case, Catalog};

fn day(text: &str) -> NaiveDate {
    insyn_engine::parse_iso_date(text).unwrap()
}

/// An eight-year-old with two guardians and no measures, in `region`.
fn family(region: &str) -> Case {
    let mut case = Case::from_json(include_str!("../cases/normal-family.json")).unwrap();
    case.region = region.to_string();
    case.measures.clear();
    case.child.birth_date = Some(day("2018-03-10"));
    case.child.identity_number = None;
    for guardian in &mut case.guardians {
        guardian.registered.from = day("2018-03-10");
    }
    case
}

fn texts(p: &insyn_engine::preview::Preview) -> Vec<String> {
    p.consequences.iter().map(|c| c.text_sv.clone()).collect()
}

#[test]
fn a_recommended_vgr_2026_blocking_of_one_guardian_ends_by_itself_on_the_13th_birthday() {
    let catalog = Catalog::embedded();
    let case = family("vgr");
    let today = day("2026-11-25");
    let rule_set = catalog.resolve("vgr", None, today).unwrap();
    let advice = recommend(
        rule_set,
        &Answers {
            yes: vec![Concern::OneGuardianRisk],
            risk_guardian: Some("vh2".into()),
        },
    );
    assert_eq!(advice.measures, vec![RecommendedMeasure::Blocking]);
    let measure = proposed_measure(
        &case,
        rule_set,
        RecommendedMeasure::Blocking,
        &advice.blocking_guardians,
        today,
        None,
    )
    .unwrap();
    let p = preview(catalog, &case, &measure, today).unwrap();
    assert!(
        texts(&p)
            .iter()
            .any(|t| t == "Blockeringen upphör automatiskt på 13-årsdagen 2031-03-10."),
        "{:?}",
        texts(&p)
    );
    let blocked = Actor::Guardian { id: "vh2".into() };
    assert!(p.changed.contains(&(blocked.clone(), Capability::Proxy)));
    assert!(!p
        .changed
        .iter()
        .any(|(a, _)| *a == Actor::Guardian { id: "vh1".into() }));
    let range = p
        .timeline_changes
        .iter()
        .find(|r| r.differences.iter().any(|d| d.actor == blocked))
        .expect("the timeline changes for vh2");
    assert_eq!(range.from, today);
    assert_eq!(
        range.to,
        day("2031-03-09"),
        "until the day before the 13th birthday"
    );
    assert!(range
        .differences
        .iter()
        .all(|d| d.a == OutcomeKind::Allowed && d.b == OutcomeKind::Denied));
    assert!(
        case.measures.is_empty(),
        "the preview never changes the case"
    );
}

#[test]
fn an_rjl_blocking_warns_that_the_childs_login_is_locked_too() {
    let catalog = Catalog::embedded();
    let case = family("rjl");
    let today = day("2026-11-25");
    let rule_set = catalog.get("rjl").unwrap();
    let measure = proposed_measure(
        &case,
        rule_set,
        RecommendedMeasure::Blocking,
        &BlockingTarget::One {
            guardian: "vh1".into(),
        },
        today,
        None,
    )
    .unwrap();
    let p = preview(catalog, &case, &measure, today).unwrap();
    let lock = p
        .consequences
        .iter()
        .find(|c| c.rule_id.name() == "blocking_locks_child_login")
        .expect("the login lock is a consequence");
    assert!(lock.warning && lock.text_sv.contains("Barnets inloggning låses också"));
    assert!(texts(&p)
        .iter()
        .any(|t| t.contains("gäller tills den bryts")));
}

#[test]
fn a_vgr_2026_sealing_keeps_the_child_from_the_journal_at_16_until_every_initiating_unit_agrees() {
    let catalog = Catalog::embedded();
    let case = family("vgr");
    let today = day("2026-11-25");
    let rule_set = catalog.get("vgr-2026").unwrap();
    let advice = recommend(
        rule_set,
        &Answers {
            yes: vec![Concern::ChildTellsOfViolence],
            risk_guardian: None,
        },
    );
    assert_eq!(advice.measures, vec![RecommendedMeasure::Sealing]);
    let measure = proposed_measure(
        &case,
        rule_set,
        RecommendedMeasure::Sealing,
        &advice.blocking_guardians,
        today,
        Some("vc-lunden"),
    )
    .unwrap();
    let p = preview(catalog, &case, &measure, today).unwrap();
    assert!(texts(&p).contains(
        &"Barnet kan inte läsa sin journal vid 16 år förrän förseglingen låses upp av samtliga initierande enheter."
            .to_string()
    ), "{:?}", texts(&p));
    assert!(texts(&p)
        .iter()
        .any(|t| t == "Förseglingen upphör automatiskt på 18-årsdagen 2036-03-10."));
}

#[test]
fn a_blocking_with_no_guardian_chosen_is_refused_naming_the_field() {
    let catalog = Catalog::embedded();
    let case = family("vgr");
    let today = day("2026-11-25");
    let measure = proposed_measure(
        &case,
        catalog.get("vgr-2026").unwrap(),
        RecommendedMeasure::Blocking,
        &BlockingTarget::Choose,
        today,
        None,
    )
    .unwrap();
    let errors = preview(catalog, &case, &measure, today).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.path() == Some("measures[0].guardians")),
        "{errors:?}"
    );
}

#[test]
fn a_vgr_2026_blocking_for_a_14_year_old_warns_that_it_cannot_take_effect() {
    let catalog = Catalog::embedded();
    let case = family("vgr");
    let late = day("2032-06-01");
    let measure = proposed_measure(
        &case,
        catalog.get("vgr-2026").unwrap(),
        RecommendedMeasure::Blocking,
        &BlockingTarget::One {
            guardian: "vh1".into(),
        },
        late,
        None,
    )
    .unwrap();
    let p = preview(catalog, &case, &measure, late).unwrap();
    assert!(p
        .consequences
        .iter()
        .any(|c| c.warning && c.text_sv.contains("kan inte få verkan")));
    assert!(p.timeline_changes.is_empty());
}
