//! The timeline of every example case, under its region's versions and under every rule
//! set pinned, and of generated cases with many measures or units, is the straightforward
//! one (`reference`): the answer of every date on which anything could change, each
//! evaluated on its own. Random cases are checked in `properties.rs`.

mod reference;

#[path = "../benches/scaling_cases.rs"]
mod scaling_cases;

use std::path::Path;

use insyn_engine::{Case, Catalog};

fn check_under_every_rule_set(name: &str, case: &Case) {
    let ids = Catalog::embedded()
        .rule_sets
        .iter()
        .map(|r| Some(r.id.as_str()));
    for rule_set in std::iter::once(None).chain(ids) {
        if let Err(problem) = reference::check(case, rule_set) {
            panic!("{name} under {rule_set:?}: {problem}");
        }
    }
}

#[test]
fn every_example_case_has_the_straightforward_timeline() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/cases"));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the example cases")
        .map(|entry| entry.expect("a file").path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the example cases are missing");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let case = Case::from_json(&text).expect("an example case is valid");
        check_under_every_rule_set(&file.display().to_string(), &case);
    }
    let complex = include_str!("../benches/complex-case.json");
    check_under_every_rule_set("complex-case", &Case::from_json(complex).expect("valid"));
}

#[test]
fn generated_cases_with_many_measures_or_units_have_the_straightforward_timeline() {
    // Many units in the same state on most dates, and many measures of every kind; under
    // Stockholm's rules the sealings of one unit count too (VGR offers whole-record
    // sealings only).
    for (measures, units) in [(16, 10), (64, 6), (40, 50)] {
        let case = scaling_cases::case_with(measures, units);
        for rule_set in [None, Some("vgr-2019"), Some("vgr-2026"), Some("stockholm")] {
            if let Err(problem) = reference::check(&case, rule_set) {
                panic!("({measures}, {units}) under {rule_set:?}: {problem}");
            }
        }
    }
}
