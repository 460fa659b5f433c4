//! The one case-file reader (`Case::from_json`, `Case::from_bytes`) is strict: UTF-8 only,
//! with or without a byte order mark; no key twice; every error names its field.

use insyn_engine::{Case, EngineError};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "format_version": 1,
        "region": "vgr",
        "child": { "birth_date": "2015-05-10", "name": "Åsa Öberg" },
        "guardians": [
            { "id": "vh1", "registered": { "from": "2015-05-10" } },
            { "id": "vh2", "registered": { "from": "2015-05-10" } }
        ],
        "care_units": [ { "id": "a", "name": "Enhet A" } ],
        "measures": [
            { "id": "m1", "period": { "from": "2020-05-01" }, "type": "blocking", "guardians": ["vh1"] }
        ]
    })
}

fn refusal(text: &str) -> EngineError {
    match Case::from_json(text) {
        Err(error) => error,
        Ok(_) => panic!("the case should be refused:\n{text}"),
    }
}

/// The message for the base case with the value at `pointer` (a JSON pointer) set.
fn message_with(pointer: &str, value: Value) -> String {
    let mut case = base();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match case
        .pointer_mut(parent)
        .expect("the parent is in the base case")
    {
        Value::Object(object) => {
            object.insert(key.to_string(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        other => panic!("{parent} is {other}"),
    }
    let error = refusal(&case.to_string());
    let message = error.to_string();
    assert!(!message.contains('\n'), "one line: {message}");
    message
}

#[test]
fn a_file_with_a_byte_order_mark_reads_as_one_without() {
    let text = base().to_string();
    let plain = Case::from_json(&text).unwrap();
    assert_eq!(Case::from_json(&format!("\u{feff}{text}")).unwrap(), plain);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    assert_eq!(Case::from_bytes(&bytes).unwrap(), plain);
    assert_eq!(Case::from_bytes(text.as_bytes()).unwrap(), plain);
}

#[test]
fn a_latin_1_file_is_refused_as_not_utf_8_rather_than_read_with_its_letters_replaced() {
    let text = serde_json::to_string_pretty(&base()).unwrap();
    // Latin-1: every character below U+0100 as one byte ("Å" is 0xC5).
    let latin_1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    let error = Case::from_bytes(&latin_1).unwrap_err();
    assert!(
        matches!(error, EngineError::NotUtf8 { byte: 0xC5, .. }),
        "{error:?}"
    );
    let line = 1 + text[..text.find('Å').unwrap()].matches('\n').count();
    assert_eq!(
        error.to_string(),
        format!(
            "the case file is not UTF-8 text: line {line} has the byte 0xC5, which is not UTF-8 (save the file as UTF-8)"
        )
    );
    assert!(
        error.message_sv().contains("UTF-8"),
        "{}",
        error.message_sv()
    );
}

#[test]
fn bytes_cut_inside_a_letter_are_refused_as_not_utf_8() {
    let text = base().to_string();
    let cut = text.find('Å').unwrap() + 1;
    let error = Case::from_bytes(&text.as_bytes()[..cut]).unwrap_err();
    assert!(
        matches!(error, EngineError::NotUtf8 { line: 1, .. }),
        "{error:?}"
    );
}

#[test]
fn a_key_written_twice_is_refused_at_every_level_naming_its_path() {
    let base = base().to_string();
    let cases = [
        (
            base.replacen(
                "\"region\":\"vgr\"",
                "\"region\":\"vgr\",\"region\":\"rjl\"",
                1,
            ),
            "region",
        ),
        (
            base.replacen(
                "\"birth_date\":\"2015-05-10\"",
                "\"birth_date\":\"2015-05-10\",\"birth_date\":\"2016-01-01\"",
                1,
            ),
            "child.birth_date",
        ),
        (
            base.replacen("\"id\":\"vh2\"", "\"id\":\"vh2\",\"id\":\"vh3\"", 1),
            "guardians[1].id",
        ),
        (
            base.replacen(
                "\"from\":\"2020-05-01\"",
                "\"from\":\"2020-05-01\",\"from\":\"2020-05-01\"",
                1,
            ),
            "measures[0].period.from",
        ),
    ];
    for (text, path) in cases {
        assert_ne!(text, base, "the key was doubled for {path}");
        let error = refusal(&text);
        assert_eq!(error.path(), Some(path), "{error}");
        assert_eq!(error.to_string(), format!("{path}: the key appears twice"));
        assert!(
            error.message_sv().contains("två gånger"),
            "{}",
            error.message_sv()
        );
    }
}

#[test]
fn a_value_of_the_wrong_type_at_the_top_level_names_its_field() {
    assert_eq!(
        message_with("/region", json!(5)),
        "region: expected a string, found 5"
    );
    assert_eq!(
        message_with("/title", json!(["a"])),
        "title: expected a string, found a list"
    );
    assert_eq!(
        message_with("/guardians", json!({})),
        "guardians: expected a list, found an object"
    );
    assert_eq!(
        message_with("/child", json!("Åsa")),
        "child: expected an object, found \"Åsa\""
    );
    assert_eq!(
        message_with("/format_version", json!("1")),
        "format_version: expected a whole number"
    );
}

#[test]
fn a_value_of_the_wrong_type_in_the_child_names_its_field() {
    assert_eq!(
        message_with("/child/birth_date", json!(20150510)),
        "child.birth_date: expected a date (YYYY-MM-DD), found 20150510"
    );
    assert_eq!(
        message_with("/child/has_e_id", json!("yes")),
        "child.has_e_id: expected true or false, found \"yes\""
    );
    assert_eq!(
        message_with("/child/protected_identity", json!([{ "from": null }])),
        "child.protected_identity[0].from: expected a date (YYYY-MM-DD), found null"
    );
}

#[test]
fn a_list_item_of_the_wrong_type_names_its_index() {
    assert_eq!(
        message_with("/guardians/1", json!("vh2")),
        "guardians[1]: expected an object, found \"vh2\""
    );
    assert_eq!(
        message_with("/care_units/0/name", json!(7)),
        "care_units[0].name: expected a string, found 7"
    );
    assert_eq!(
        message_with("/guardians/0/registered", json!(true)),
        "guardians[0].registered: expected an object, found true"
    );
}

#[test]
fn a_measure_field_of_the_wrong_type_names_the_measure_and_the_field() {
    assert_eq!(
        message_with("/measures/0/guardians", json!("vh1")),
        "measures[0].guardians: expected a list, found \"vh1\""
    );
    assert_eq!(
        message_with("/measures/0/guardians/0", json!(1)),
        "measures[0].guardians[0]: expected a string, found 1"
    );
    assert_eq!(
        message_with("/measures/0/period/to", json!(2.5)),
        "measures[0].period.to: expected a date (YYYY-MM-DD), found a decimal number"
    );
    assert_eq!(
        message_with("/measures/0/type", json!(3)),
        "measures[0].type: expected one of \"blocking\", \"blocking_extension\", \"blocking_lifted\", \"sealing\", \"unlock_request\", \"login_lock\", \"login_unlock\", \"extended_access_child\", \"extended_access_guardian\", \"exception_note\", found 3"
    );
    assert!(message_with("/measures/0/type", json!("blokking"))
        .starts_with("measures[0].type: unknown value \"blokking\"; expected one of \"blocking\""));
}

#[test]
fn a_missing_required_field_is_named() {
    let mut case = base();
    case["guardians"][0]
        .as_object_mut()
        .unwrap()
        .remove("registered");
    let error = refusal(&case.to_string());
    assert_eq!(
        error.to_string(),
        "guardians[0].registered: a required field is missing"
    );
    assert_eq!(error.path(), Some("guardians[0].registered"));
}

#[test]
fn a_syntax_error_names_the_value_it_is_in_and_the_line() {
    let text = serde_json::to_string_pretty(&base()).unwrap();
    let cut = text.find("\"type\": \"blocking\"").unwrap();
    let error = refusal(&text[..cut]);
    let message = error.to_string();
    assert!(
        message.starts_with("measures[0]: not valid JSON: EOF while parsing"),
        "{message}"
    );
    let error = refusal("{\"format_version\": 1,}");
    assert!(
        error
            .to_string()
            .starts_with("the case file is not valid JSON: trailing comma at line 1"),
        "{error}"
    );
}

#[test]
fn a_quoted_value_is_cut_so_a_message_stays_short() {
    let long = "x".repeat(400);
    let message = message_with("/guardians/1", json!(long));
    assert!(message.len() < 120, "{message}");
    assert!(message.ends_with("xxx…\""), "{message}");
}

#[test]
fn every_example_case_reads_the_same_from_bytes_and_from_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let from_bytes = Case::from_bytes(&bytes).unwrap();
        let from_text = Case::from_json(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(from_bytes, from_text, "{}", path.display());
    }
}

fn every_problem(case: &Value) -> Vec<String> {
    match Case::from_bytes_all(case.to_string().as_bytes()) {
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
        Ok(_) => panic!("the case should be refused:\n{case}"),
    }
}

#[test]
fn every_type_error_of_a_file_is_listed_not_only_the_first() {
    let mut case = base();
    case["region"] = json!(5);
    case["guardians"][1]["registered"]["from"] = json!("2015-13-01");
    case["care_units"][0]["name"] = json!(false);
    case["measures"][0]["guardians"] = json!("vh1");
    let problems = every_problem(&case);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].starts_with("region: expected a string, found 5"));
    for field in [
        "guardians[1].registered.from: ",
        "care_units[0].name: ",
        "measures[0].guardians: ",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(field)),
            "{field} in {problems:#?}"
        );
    }
    // The first-error readers give the first of them.
    assert_eq!(
        Case::from_json(&case.to_string()).unwrap_err().to_string(),
        problems[0]
    );
}

#[test]
fn an_error_inside_a_measure_is_listed_once() {
    let mut case = base();
    case["measures"][0]["period"]["to"] = json!(2.5);
    assert_eq!(
        every_problem(&case),
        ["measures[0].period.to: expected a date (YYYY-MM-DD), found a decimal number"]
    );
}

#[test]
fn every_limit_a_file_goes_over_is_listed() {
    let mut case = base();
    case["title"] = json!("x".repeat(2001));
    case["child"]["name"] = json!("y".repeat(2001));
    let problems = every_problem(&case);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("title: "), "{problems:#?}");
    assert!(problems[1].starts_with("child.name: "), "{problems:#?}");
}

#[test]
fn a_date_outside_the_years_1900_to_2100_is_refused_naming_its_field() {
    assert_eq!(
        message_with("/measures/0/period/to", json!("2150-01-01")),
        "measures[0].period.to: \"2150-01-01\" is outside the years 1900–2100"
    );
    assert_eq!(
        message_with("/child/birth_date", json!("0002-05-10")),
        "child.birth_date: \"0002-05-10\" is outside the years 1900–2100"
    );
    assert!(Case::from_json(&{
        let mut case = base();
        case["measures"][0]["period"]["to"] = json!("2100-12-31");
        case.to_string()
    })
    .is_ok());
}
