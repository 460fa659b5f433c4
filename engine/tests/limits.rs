//! The case format's limits (`case::limits`): a case at every limit is read, validated,
//! evaluated and drawn as a timeline; one over any limit is refused with a message naming
//! the field and the limit, by the reader and by validation alike.

#[path = "../benches/scaling_cases.rs"]
mod scaling_cases;

use insyn_engine::case::limits::*;
use insyn_engine::validation::validate_case_all;
use insyn_engine::{diff, evaluate, parse_iso_date, timeline, Case, Catalog, EngineError};
use serde_json::{json, Value};

fn text(chars: usize) -> String {
    // Two-byte letters: the limits count characters, not bytes.
    "å".repeat(chars)
}

/// The scaling benchmark's case with the most measures and care units, grown to every
/// other limit: guardians over time (two at a time), legal representatives, periods of
/// protected identity, and the longest texts.
fn case_at_the_limits() -> Value {
    let mut case: Value =
        serde_json::from_str(&scaling_cases::case_json(MAX_MEASURES, MAX_CARE_UNITS)).unwrap();
    case["title"] = json!(text(MAX_FREE_TEXT_CHARS));
    case["child"]["name"] = json!(text(MAX_FREE_TEXT_CHARS));
    // Short periods, one a year from 2013 (the child was born 2012-05-10).
    let periods = |count: usize| -> Value {
        (0..count)
            .map(|i| {
                let year = 2013 + i % 17;
                let month = 1 + i / 17;
                json!({ "from": format!("{year}-0{month}-01"), "to": format!("{year}-0{month}-20") })
            })
            .collect()
    };
    case["child"]["protected_identity"] = periods(MAX_PROTECTED_IDENTITY_PERIODS);
    // vh1 throughout; vh2 and the later guardians one after another, so never more than
    // two at a time.
    let guardians = case["guardians"].as_array_mut().unwrap();
    guardians[0]["name"] = json!(text(MAX_FREE_TEXT_CHARS));
    guardians[0]["protected_identity"] = periods(MAX_PROTECTED_IDENTITY_PERIODS);
    guardians[1]["registered"]["to"] = json!("2020-12-31");
    for number in 3..=MAX_GUARDIANS {
        let from = format!("{}-01-01", 2018 + number);
        let mut registered = json!({ "from": from });
        if number < MAX_GUARDIANS {
            registered["to"] = json!(format!("{}-12-31", 2018 + number));
        }
        guardians.push(
            json!({ "id": format!("vh{number}"), "name": text(100), "registered": registered }),
        );
    }
    case["legal_representatives"] = (0..MAX_LEGAL_REPRESENTATIVES)
        .map(|i| {
            json!({
                "id": format!("gm{i}"), "name": text(MAX_FREE_TEXT_CHARS / 4), "kind": "god_man",
                "appointed": "2028-05-10", "access_decided": "2028-06-01"
            })
        })
        .collect();
    case["care_units"][1]["kind"] = json!(text(MAX_STRING_CHARS));
    for measure in case["measures"].as_array_mut().unwrap() {
        measure["motivation"] = json!(text(MAX_FREE_TEXT_CHARS / 2));
    }
    case["measures"][0]["motivation"] = json!(text(MAX_FREE_TEXT_CHARS));
    case
}

#[test]
fn a_case_at_every_limit_is_read_evaluated_and_drawn_as_a_timeline() {
    let json = case_at_the_limits().to_string();
    assert!(json.len() <= MAX_TEXT_BYTES, "{} bytes", json.len());
    let case = Case::from_bytes(json.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(case.guardians.len(), MAX_GUARDIANS);
    assert_eq!(case.legal_representatives.len(), MAX_LEGAL_REPRESENTATIVES);
    assert_eq!(case.care_units.len(), MAX_CARE_UNITS);
    assert_eq!(case.measures.len(), MAX_MEASURES);
    let catalog = Catalog::embedded();
    for date in [
        "2019-09-02",
        "2024-01-31",
        "2027-06-01",
        "2028-07-01",
        "2030-05-10",
    ] {
        let date = parse_iso_date(date).unwrap();
        if let Err(error) = evaluate(catalog, &case, date, None) {
            panic!("{date}: {error}");
        }
    }
    let timeline = timeline(catalog, &case, None, None, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(timeline.change_points.len() > MAX_MEASURES / 2);
    diff(catalog, &case, "vgr-2019", "vgr-2026", None, None).unwrap_or_else(|e| panic!("{e}"));
}

/// The error for the base case changed by `change`, from the reader and from validation
/// of the same case built without the reader (as the app's editor does).
fn refusals(change: impl Fn(&mut Value)) -> (EngineError, EngineError) {
    let mut value = json!({
        "format_version": 1, "region": "vgr",
        "child": { "birth_date": "2015-05-10" },
        "guardians": [ { "id": "vh1", "registered": { "from": "2015-05-10" } } ],
        "care_units": [ { "id": "a", "name": "Enhet A" } ],
        "measures": [ { "id": "m0", "period": { "from": "2020-01-01" }, "type": "login_lock" } ]
    });
    change(&mut value);
    let text = value.to_string();
    let read = Case::from_json(&text).expect_err("the reader refuses the case");
    let case: Case = serde_json::from_value(value).expect("serde reads the case");
    let date = parse_iso_date("2021-01-01").unwrap();
    let mut problems = validate_case_all(&case, date).expect_err("validation refuses the case");
    assert_eq!(problems[0], read, "the reader and validation agree");
    assert_ne!(read.message_sv(), read.to_string());
    (read, problems.remove(0))
}

fn message(change: impl Fn(&mut Value)) -> String {
    refusals(change).0.to_string()
}

fn repeat(value: Value, count: usize) -> Value {
    (0..count)
        .map(|i| {
            let mut item = value.clone();
            if item.get("id").is_some() {
                item["id"] = json!(format!("x{i}"));
            }
            item
        })
        .collect()
}

#[test]
fn a_list_over_its_limit_is_refused_naming_the_list_and_the_limit() {
    let unit = json!({ "id": "u", "name": "U" });
    let lock = json!({ "id": "m", "period": { "from": "2020-01-01" }, "type": "login_lock" });
    let representative = json!({ "id": "g", "kind": "god_man", "appointed": "2031-05-10" });
    // Guardians one after another: the number in the file is limited, not only the
    // number at a time.
    let guardians: Value = (0..=MAX_GUARDIANS)
        .map(|i| {
            json!({ "id": format!("vh{i}"), "registered": {
                "from": format!("{}-01-01", 2016 + i), "to": format!("{}-12-31", 2016 + i)
            } })
        })
        .collect();
    let period = json!({ "from": "2020-01-01", "to": "2020-01-02" });
    let over = |n: usize| n + 1;
    assert_eq!(
        message(|case| case["measures"] = repeat(lock.clone(), over(MAX_MEASURES))),
        "measures: 201 items; the case format allows at most 200"
    );
    assert_eq!(
        message(|case| case["care_units"] = repeat(unit.clone(), over(MAX_CARE_UNITS))),
        "care_units: 51 items; the case format allows at most 50"
    );
    assert_eq!(
        message(|case| case["legal_representatives"] =
            repeat(representative.clone(), over(MAX_LEGAL_REPRESENTATIVES))),
        "legal_representatives: 11 items; the case format allows at most 10"
    );
    assert_eq!(
        message(|case| case["guardians"] = guardians.clone()),
        "guardians: 7 items; the case format allows at most 6"
    );
    assert_eq!(
        message(|case| case["child"]["protected_identity"] =
            repeat(period.clone(), over(MAX_PROTECTED_IDENTITY_PERIODS))),
        "child.protected_identity: 21 items; the case format allows at most 20"
    );
    assert_eq!(
        message(|case| case["measures"][0] = json!({
            "id": "b", "period": { "from": "2020-01-01" }, "type": "blocking",
            "guardians": repeat(json!("vh1"), over(MAX_GUARDIANS))
        })),
        "measures[0].guardians: 7 items; the case format allows at most 6"
    );
}

#[test]
fn six_guardians_one_after_another_are_accepted_but_never_three_at_a_time() {
    let guardians: Value = (0..MAX_GUARDIANS)
        .map(|i| {
            json!({ "id": format!("vh{i}"), "registered": {
                "from": format!("{}-01-01", 2016 + i), "to": format!("{}-12-31", 2016 + i)
            } })
        })
        .collect();
    let mut case = json!({
        "format_version": 1, "region": "vgr",
        "child": { "birth_date": "2015-05-10" }, "guardians": guardians
    });
    let read = Case::from_json(&case.to_string()).unwrap();
    if let Err(error) = evaluate(
        Catalog::embedded(),
        &read,
        parse_iso_date("2020-06-01").unwrap(),
        None,
    ) {
        panic!("{error}");
    }
    case["guardians"][2]["registered"]["to"] = Value::Null;
    case["guardians"][4]["registered"]["to"] = Value::Null;
    let read = Case::from_json(&case.to_string()).unwrap();
    let error = evaluate(
        Catalog::embedded(),
        &read,
        parse_iso_date("2021-06-01").unwrap(),
        None,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("third concurrent guardian"),
        "{error}"
    );
}

#[test]
fn a_text_over_its_limit_is_refused_naming_the_field_and_the_limit() {
    assert_eq!(
        message(|case| case["measures"][0]["motivation"] = json!(text(MAX_FREE_TEXT_CHARS + 1))),
        "measures[0].motivation: 2001 characters; the case format allows at most 2000"
    );
    assert_eq!(
        message(|case| case["title"] = json!(text(MAX_FREE_TEXT_CHARS + 1))),
        "title: 2001 characters; the case format allows at most 2000"
    );
    assert_eq!(
        message(|case| case["care_units"][0]["kind"] = json!(text(MAX_STRING_CHARS + 1))),
        "care_units[0].kind: 501 characters; the case format allows at most 500"
    );
    assert_eq!(
        message(|case| case["region"] = json!("v".repeat(MAX_STRING_CHARS + 1))),
        "region: 501 characters; the case format allows at most 500"
    );
    let (_, problem) = refusals(|case| {
        case["guardians"][0]["name"] = json!(text(MAX_FREE_TEXT_CHARS + 1));
    });
    assert_eq!(problem.path(), Some("guardians[0].name"));
    assert!(
        problem.message_sv().contains("högst 2000 tecken"),
        "{}",
        problem.message_sv()
    );
}

#[test]
fn a_text_at_its_limit_in_two_byte_letters_is_accepted() {
    let mut case = json!({
        "format_version": 1, "region": "vgr", "title": text(MAX_FREE_TEXT_CHARS),
        "child": { "birth_date": "2015-05-10", "name": text(MAX_FREE_TEXT_CHARS) },
        "care_units": [ { "id": text(MAX_STRING_CHARS), "name": "A", "kind": text(MAX_STRING_CHARS) } ]
    });
    assert!(Case::from_json(&case.to_string()).is_ok());
    case["care_units"][0]["kind"] = json!(text(MAX_STRING_CHARS + 1));
    assert!(Case::from_json(&case.to_string()).is_err());
}

#[test]
fn a_file_over_1_mb_is_refused_before_it_is_read() {
    let case =
        json!({ "format_version": 1, "region": "vgr", "child": { "birth_date": "2015-05-10" } })
            .to_string();
    let padded = format!("{case}{}", " ".repeat(MAX_TEXT_BYTES + 1 - case.len()));
    assert!(Case::from_json(&padded[..MAX_TEXT_BYTES]).is_ok());
    for error in [
        Case::from_json(&padded).unwrap_err(),
        Case::from_bytes(padded.as_bytes()).unwrap_err(),
        // Not even read as UTF-8 first.
        Case::from_bytes(&vec![0xFF; MAX_TEXT_BYTES + 1]).unwrap_err(),
    ] {
        assert_eq!(
            error,
            EngineError::TooLarge {
                limit: MAX_TEXT_BYTES
            }
        );
        assert_eq!(
            error.to_string(),
            "the case file is larger than 1000000 bytes (1 MB), the most the case format allows"
        );
        assert!(
            error.message_sv().contains("1 MB"),
            "{}",
            error.message_sv()
        );
    }
}
