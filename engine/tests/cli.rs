//! The command-line program: JSON on stdout, exit 2 with a message on stderr for bad input.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn insyn(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insyn"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the CLI runs")
}

fn json_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn evaluate_prints_every_actor_and_the_guardian_views_as_json() {
    let output = insyn(&[
        "evaluate",
        "cases/one-guardian-risk-blocking.json",
        "--date",
        "2026-11-23",
    ]);
    let value = json_of(&output);
    let evaluation = &value["evaluation"];
    assert_eq!(evaluation["rule_set_id"], "vgr-2026");
    assert_eq!(evaluation["actors"].as_array().unwrap().len(), 3);
    let blocked = &evaluation["actors"][2]["cells"][0];
    assert_eq!(blocked["outcome"], "denied");
    assert_eq!(blocked["reasons"][0]["rule_id"], "blocking_covers_proxy");
    assert!(
        blocked["reasons"][0]["citation"]["quote"]
            .as_str()
            .unwrap()
            .len()
            > 10
    );
    assert_eq!(value["guardian_views"].as_array().unwrap().len(), 2);
}

#[test]
fn evaluate_with_a_pinned_rule_set_uses_it() {
    let output = insyn(&[
        "evaluate",
        "cases/one-guardian-risk-blocking.json",
        "--date",
        "2026-11-23",
        "--rules",
        "vgr-2019",
    ]);
    let value = json_of(&output);
    assert_eq!(value["evaluation"]["rule_set_id"], "vgr-2019");
    // VGR 2019: a blocking closes the journal only; the guardian keeps the e-services.
    assert_eq!(
        value["evaluation"]["actors"][2]["cells"][0]["outcome"],
        "allowed"
    );
}

#[test]
fn timeline_lists_change_points_from_birth_to_18() {
    let value = json_of(&insyn(&["timeline", "cases/normal-family.json"]));
    let points = value["change_points"].as_array().unwrap();
    assert_eq!(
        points[0]["date"], "2019-09-02",
        "VGR's first rule set starts the timeline"
    );
    assert!(
        points.iter().any(|p| p["date"] == "2028-05-10"),
        "the 13th birthday"
    );
    assert!(
        points.iter().any(|p| p["date"] == "2031-05-10"),
        "the 16th birthday"
    );
    assert_eq!(value["to"], "2033-05-10");
}

#[test]
fn timeline_takes_a_range() {
    let value = json_of(&insyn(&[
        "timeline",
        "cases/normal-family.json",
        "--from",
        "2027-01-01",
        "--to",
        "2029-01-01",
    ]));
    let dates: Vec<&str> = value["change_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2027-01-01", "2028-05-10"]);
}

#[test]
fn diff_shows_where_two_rule_sets_differ() {
    let value = json_of(&insyn(&[
        "diff",
        "cases/one-guardian-risk-blocking.json",
        "--rules",
        "vgr-2019",
        "--rules",
        "vgr-2026",
    ]));
    let ranges = value["ranges"].as_array().unwrap();
    assert!(!ranges.is_empty());
    assert!(
        ranges.iter().any(|r| r["from"] == "2026-06-15"),
        "{ranges:?}"
    );
}

#[test]
fn diff_shows_where_two_rule_sets_demand_different_actions_even_with_the_same_outcomes() {
    let value = json_of(&insyn(&[
        "diff",
        "cases/protected-identity.json",
        "--rules",
        "rjl",
        "--rules",
        "vgr-2026",
    ]));
    assert_eq!(value["ranges"].as_array().unwrap().len(), 0, "{value}");
    let actions = value["action_ranges"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["only_b"][0], "protected_child_requires_sealing");
    assert_eq!(actions[0]["from"], "2026-04-20");
}

#[test]
fn timeline_causes_are_typed_for_a_program_to_read() {
    let value = json_of(&insyn(&["timeline", "cases/protected-identity.json"]));
    let causes: Vec<&str> = value["change_points"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["causes"].as_array().unwrap())
        .map(|c| c["cause"].as_str().unwrap())
        .collect();
    assert!(causes.contains(&"protected_identity_starts"), "{causes:?}");
    assert!(causes.contains(&"rule_set_starts"), "{causes:?}");
}

#[test]
fn rules_lists_every_rule_set_with_sources() {
    let value = json_of(&insyn(&["rules"]));
    let ids: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Which rule sets are required is tested once, in rule_sets.rs; here: all are listed.
    for rule_set in &insyn_engine::Catalog::embedded().rule_sets {
        let id = rule_set.id.as_str();
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

#[test]
fn invalid_input_exits_2_with_the_message_on_stderr() {
    for args in [
        vec!["evaluate", "cases/normal-family.json"],
        vec![
            "evaluate",
            "cases/normal-family.json",
            "--date",
            "2015-05-01",
        ],
        vec![
            "evaluate",
            "cases/normal-family.json",
            "--date",
            "yesterday",
        ],
        vec!["evaluate", "no-such-file.json", "--date", "2020-01-01"],
        vec![
            "evaluate",
            "cases/normal-family.json",
            "--date",
            "2020-01-01",
            "--rules",
            "nowhere",
        ],
        vec!["diff", "cases/normal-family.json", "--rules", "vgr-2019"],
        vec!["frobnicate"],
    ] {
        let output = insyn(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("insyn: "), "{args:?}: {stderr}");
    }
}

#[test]
fn every_example_case_evaluates_and_has_a_full_timeline() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let path = path.to_str().unwrap();
        let value = json_of(&insyn(&["timeline", path]));
        assert!(
            !value["change_points"].as_array().unwrap().is_empty(),
            "{path}"
        );
        count += 1;
    }
    assert!(
        count >= 8,
        "at least eight example cases ship, found {count}"
    );
}

fn stderr_of(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn document_prints_the_request_as_plain_text_dated_on_the_decision_by_default() {
    let output = insyn(&[
        "document",
        "cases/one-guardian-risk-blocking.json",
        "--kind",
        "request",
        "--measure",
        "blockering-vh2",
    ]);
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with("Blankett till Spärr- och loggfunktionen\n"),
        "{text}"
    );
    for expected in [
        "Elsa Test",
        "20170101-2393",
        "Peter Test",
        "2026-06-15",
        "[saknas: motivering]",
    ] {
        assert!(text.contains(expected), "lacks {expected}:\n{text}");
    }
}

#[test]
fn document_with_json_gives_the_structured_form_and_staff_details_from_a_file() {
    let staff = std::env::temp_dir().join(format!("insyn-staff-{}.json", std::process::id()));
    std::fs::write(
        &staff,
        r#"{ "name": "Sara Sjuksköterska", "staff_id": "sasj01", "manager": "Vera Verksamhetschef" }"#,
    )
    .unwrap();
    let output = insyn(&[
        "document",
        "cases/one-guardian-risk-blocking.json",
        "--kind",
        "phone",
        "--measure",
        "blockering-vh2",
        "--date",
        "2026-11-25",
        "--staff",
        staff.to_str().unwrap(),
        "--json",
    ]);
    std::fs::remove_file(&staff).ok();
    let value = json_of(&output);
    assert_eq!(value["kind"], "phone");
    assert_eq!(value["date"], "2026-11-25");
    assert_eq!(value["rule_set_id"], "vgr-2026");
    let text = value.to_string();
    assert!(text.contains("sasj01") && text.contains("Vera Verksamhetschef"));
    assert!(value["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "din e-postadress"));
}

#[test]
fn document_refuses_bad_input_with_exit_2_naming_what_is_wrong() {
    let case = "cases/one-guardian-risk-blocking.json";
    let cases: [(&[&str], &str); 5] = [
        (&["document", case, "--measure", "blockering-vh2"], "--kind"),
        (
            &[
                "document",
                case,
                "--kind",
                "letter",
                "--measure",
                "blockering-vh2",
            ],
            "--kind: unknown document kind \"letter\"",
        ),
        (&["document", case, "--kind", "note"], "--measure"),
        (
            &["document", case, "--kind", "note", "--measure", "m9"],
            "no measure \"m9\"",
        ),
        (
            &[
                "document",
                case,
                "--kind",
                "note",
                "--measure",
                "blockering-vh2",
                "--staff",
                "no-such-file.json",
            ],
            "cannot read no-such-file.json",
        ),
    ];
    for (args, expected) in cases {
        let message = stderr_of(&insyn(args));
        assert!(message.contains(expected), "{args:?}: {message}");
    }
}

/// A file in the temp directory with `bytes`, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("insyn-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

/// The one line on stderr of a run that must exit 2 with nothing on stdout.
fn one_line_refusal(args: &[&str]) -> String {
    let output = insyn(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    assert!(output.stdout.is_empty(), "{args:?}");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(stderr.starts_with("insyn: "), "{args:?}: {stderr}");
    assert!(
        stderr.ends_with('\n') && stderr.matches('\n').count() == 1,
        "{args:?}: one line: {stderr:?}"
    );
    assert!(!stderr.contains('\u{1b}'), "{args:?}: {stderr:?}");
    stderr.trim_end().to_string()
}

#[test]
fn a_reversed_range_exits_2_naming_both_flags() {
    let case = "cases/normal-family.json";
    assert_eq!(
        one_line_refusal(&[
            "diff",
            case,
            "--rules",
            "vgr-2019",
            "--rules",
            "vgr-2026",
            "--from",
            "2020-01-01",
            "--to",
            "2019-01-01"
        ]),
        "insyn: --to 2019-01-01 is before --from 2020-01-01"
    );
    assert_eq!(
        one_line_refusal(&[
            "timeline",
            case,
            "--from",
            "2029-01-01",
            "--to",
            "2027-01-01"
        ]),
        "insyn: --to 2027-01-01 is before --from 2029-01-01"
    );
}

#[test]
fn every_kind_of_invalid_input_exits_2_with_one_line_on_stderr() {
    let case = "cases/normal-family.json";
    let cases: [(&[&str], &str); 10] = [
        (
            &[],
            "insyn: give a command; the commands are evaluate, timeline, diff, document and rules",
        ),
        (
            &["frobnicate", "--x"],
            "insyn: unknown command \"frobnicate\"; the commands are",
        ),
        (
            &["timeline", case, "--colour"],
            "insyn: unknown option --colour",
        ),
        (&["timeline", case, "-v"], "insyn: unknown option -v"),
        (&["timeline", case, "--from"], "insyn: --from needs a value"),
        (
            &["evaluate", case, "--date", "2020-02-30"],
            "insyn: --date: \"2020-02-30\" is not a date",
        ),
        (
            &["timeline", "no-such-file.json"],
            "insyn: cannot read no-such-file.json: ",
        ),
        (&["timeline", "cases"], "insyn: cannot read cases: "),
        (
            &["rules", "--date", "2020-01-01"],
            "insyn: rules takes no arguments",
        ),
        (&["help", "me"], "insyn: help takes no arguments"),
    ];
    for (args, expected) in cases {
        let message = one_line_refusal(args);
        assert!(message.starts_with(expected), "{args:?}: {message}");
    }
}

#[test]
fn help_prints_the_usage_on_stdout() {
    let output = insyn(&["help"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("usage:\n  insyn evaluate"), "{text}");
}

#[test]
fn a_case_file_with_a_byte_order_mark_is_read() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read("cases/normal-family.json").unwrap());
    let file = TempFile::new("bom.json", &bytes);
    let value = json_of(&insyn(&["evaluate", file.path(), "--date", "2020-01-01"]));
    assert_eq!(value["evaluation"]["rule_set_id"], "vgr-2019");
}

#[test]
fn a_latin_1_case_file_exits_2_saying_it_is_not_utf_8() {
    let text = std::fs::read_to_string("cases/normal-family.json").unwrap();
    assert!(
        text.contains('å'),
        "the example has a letter Latin-1 writes differently"
    );
    let latin_1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    let file = TempFile::new("latin-1.json", &latin_1);
    let message = one_line_refusal(&["timeline", file.path()]);
    assert!(
        message.starts_with(&format!(
            "insyn: {}: the case file is not UTF-8 text: line ",
            file.path()
        )),
        "{message}"
    );
    assert!(message.ends_with("(save the file as UTF-8)"), "{message}");
}

#[test]
fn a_case_file_error_names_the_file_and_the_field() {
    let file = TempFile::new(
        "region.json",
        br#"{ "format_version": 1, "region": 5, "child": { "birth_date": "2015-05-10" } }"#,
    );
    assert_eq!(
        one_line_refusal(&["timeline", file.path()]),
        format!("insyn: {}: region: expected a string, found 5", file.path())
    );
}

#[test]
fn control_characters_echoed_from_the_input_are_escaped() {
    // A file name with a newline and a terminal escape.
    let message = one_line_refusal(&["timeline", "no\nsuch\u{1b}[31m.json"]);
    assert!(
        message.starts_with("insyn: cannot read no\\nsuch\\u{1b}[31m.json: "),
        "{message}"
    );
    // An id on the command line, with a bidirectional override.
    let message = one_line_refusal(&[
        "document",
        "cases/one-guardian-risk-blocking.json",
        "--kind",
        "note",
        "--measure",
        "m\u{202e}9\r",
    ]);
    assert_eq!(
        message,
        "insyn: --measure: no measure \"m\\u{202e}9\\r\" in the case"
    );
    // A value from the case file.
    let file = TempFile::new(
        "escape.json",
        "{ \"format_version\": 1, \"region\": \"x\\u001b]0;owned\\u0007\\n\", \"child\": { \"birth_date\": \"2015-05-10\" } }"
            .as_bytes(),
    );
    let message = one_line_refusal(&["timeline", file.path()]);
    assert!(
        message.contains("unknown region \"x\\u{1b}]0;owned\\u{7}\\n\""),
        "{message}"
    );
}

#[test]
fn a_reader_that_closes_stdout_early_ends_the_program_quietly_with_status_0() {
    use std::io::Read;
    use std::process::Stdio;
    // `insyn rules | head -c 10`: far more output than a pipe holds, so the program is
    // still writing when the pipe closes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_insyn"))
        .arg("rules")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(&first[..1], b"[");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
