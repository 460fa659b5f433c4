//! The generated cases of the scaling benchmark (`benches/scaling.rs`) are valid cases of
//! the size asked for: a benchmark of a case the engine refuses would only time the
//! refusal. Criterion runs no `#[test]` in a bench file, so the check lives here and
//! includes the generator itself.

#[path = "../benches/scaling_cases.rs"]
mod scaling_cases;

use insyn_engine::{diff, evaluate, parse_iso_date, timeline, Catalog};
use scaling_cases::{case_json, case_with, sizes, EVALUATION_DATE};

/// Dates across the childhood from the first day a VGR rule set is in force (before it,
/// evaluate rightly answers "no rule set in force"): age 7, 9, the 13th birthday, inside
/// extended access, the 16th birthday and the 18th (the last day asked).
const DATES: [&str; 7] = [
    "2019-09-02",
    "2021-09-15",
    "2024-01-31",
    "2025-05-10",
    EVALUATION_DATE,
    "2028-05-10",
    "2030-05-10",
];

/// How many items a list of the case file has (read from the JSON, not from `Case`'s
/// fields: like the benchmark, this test keeps to the engine's stable surface).
fn list_len(json: &str, list: &str) -> usize {
    let value: serde_json::Value = serde_json::from_str(json).expect("the generator writes JSON");
    value[list].as_array().map_or(0, Vec::len)
}

#[test]
fn every_benchmarked_size_is_a_valid_case_of_that_size() {
    let catalog = Catalog::embedded();
    for (measures, units) in sizes() {
        let json = case_json(measures, units);
        assert_eq!(
            list_len(&json, "measures"),
            measures,
            "({measures}, {units})"
        );
        assert_eq!(
            list_len(&json, "care_units"),
            units,
            "({measures}, {units})"
        );
        assert_eq!(list_len(&json, "guardians"), 2);
        let case = case_with(measures, units);
        for date in DATES {
            let date = parse_iso_date(date).unwrap();
            if let Err(error) = evaluate(catalog, &case, date, None) {
                panic!("({measures}, {units}) on {date}: {error}");
            }
        }
        if let Err(error) = timeline(catalog, &case, None, None, None) {
            panic!("timeline ({measures}, {units}): {error}");
        }
        if let Err(error) = diff(catalog, &case, "vgr-2019", "vgr-2026", None, None) {
            panic!("diff ({measures}, {units}): {error}");
        }
    }
}

#[test]
fn the_mix_has_every_kind_of_measure() {
    let json = case_json(64, 6);
    for kind in [
        "\"sealing\"",
        "\"unlock_request\"",
        "\"blocking\"",
        "\"blocking_lifted\"",
        "\"login_lock\"",
        "\"login_unlock\"",
        "\"extended_access_child\"",
        "\"extended_access_guardian\"",
        "\"exception_note\"",
        "\"scope\": \"whole\"",
        "\"scope\": \"unit\"",
        "\"guardians\": [\"vh1\"]",
        "\"guardians\": [\"vh2\"]",
        "\"guardian\": \"vh1\", \"access_unit\"",
        "\"guardian\": \"vh2\", \"access_unit\"",
        "\"kind\": \"BUP\"",
    ] {
        assert!(json.contains(kind), "no {kind} in the 64-measure case");
    }
}

#[test]
fn the_same_size_gives_the_same_case() {
    assert_eq!(case_json(16, 10), case_json(16, 10));
    assert_eq!(list_len(&case_json(1, 1), "measures"), 1);
    // No measures at all is a valid case too.
    assert_eq!(list_len(&case_json(0, 1), "measures"), 0);
    let date = parse_iso_date(EVALUATION_DATE).unwrap();
    assert!(evaluate(Catalog::embedded(), &case_with(0, 1), date, None).is_ok());
}
