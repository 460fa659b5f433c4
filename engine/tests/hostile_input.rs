//! Property tests over hostile input: arbitrary bytes, and the example cases broken the
//! ways files break (a key deleted or written twice, a value of another JSON type, the text
//! cut short, control characters, a byte order mark, Latin-1). The reader, the evaluator
//! and the timeline never panic and always answer with a case or an error; the CLI exits 0,
//! or 2 with one line on stderr.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use insyn_engine::guardian_view::guardian_views;
use insyn_engine::validation::validate_case_all;
use insyn_engine::{diff, evaluate, timeline, Case, Catalog};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};

/// The example cases, as JSON values.
fn examples() -> &'static [Value] {
    static EXAMPLES: OnceLock<Vec<Value>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap())
            .collect()
    })
}

fn pointer_key(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer of every value inside `value`, parents before their children.
fn pointers(value: &Value, at: &str, list: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(key, item)| (format!("{at}/{}", pointer_key(key)), item))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (format!("{at}/{index}"), item))
            .collect(),
        _ => Vec::new(),
    };
    for (pointer, item) in children {
        list.push(pointer.clone());
        pointers(item, &pointer, list);
    }
}

/// `value` as JSON text, the entry (or list item) at `twice` written twice.
fn write_json(value: &Value, at: &str, twice: &str, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            let mut first = true;
            for (key, item) in map {
                let pointer = format!("{at}/{}", pointer_key(key));
                for _ in 0..if pointer == twice { 2 } else { 1 } {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    write_json(item, &pointer, twice, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            let mut first = true;
            for (index, item) in items.iter().enumerate() {
                let pointer = format!("{at}/{index}");
                for _ in 0..if pointer == twice { 2 } else { 1 } {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    write_json(item, &pointer, twice, out);
                }
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// One way a file breaks.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteKey(Index),
    WriteKeyTwice(Index),
    Replace(Index, Value),
    Truncate(Index),
    Insert(Index, char),
    ByteOrderMark,
    Latin1,
}

/// Strings a case holds, and strings it should not: ids and tags of the examples, dates
/// at the edges of the calendar, control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "vh1",
            "vh2",
            "vgr",
            "rjl",
            "national",
            "vgr-2019",
            "blocking",
            "sealing",
            "login_lock",
            "unlock_request",
            "whole",
            "unit",
            "entry_period",
            "staff",
            "god_man",
            "BUP",
            "Orosanmälan gällande barn",
            "20170101-2393",
            "170101-2393",
            "191212121212",
            "2017-01-01",
            "2016-02-29",
            "2030-05-10",
            "0000-01-01",
            "9999-12-31",
            "2100-02-28",
            "",
            " ",
        ])
        .prop_map(String::from),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202e}\\u{2066}a-zåäö\"\\\\]{0,12}",
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        text().prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        text().prop_map(|t| json!([t])),
        text().prop_map(|t| json!({ "from": t })),
        Just(json!({ "from": "2020-01-01", "to": "2019-01-01" })),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::DeleteKey),
        2 => any::<Index>().prop_map(Mutation::WriteKeyTwice),
        6 => (any::<Index>(), json_value()).prop_map(|(at, value)| Mutation::Replace(at, value)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), prop::sample::select(vec![
            '\0', '\n', '\r', '\t', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '"', '\\', '{', ',',
        ])).prop_map(|(at, c)| Mutation::Insert(at, c)),
        1 => Just(Mutation::ByteOrderMark),
        1 => Just(Mutation::Latin1),
    ]
}

/// An example case with `mutations` applied in turn, as the bytes of a file.
fn broken_case(example: usize, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&examples()[example]).unwrap();
    for mutation in mutations {
        let value: Option<Value> = serde_json::from_slice(&bytes).ok();
        let targets = || {
            let mut list = Vec::new();
            if let Some(value) = &value {
                pointers(value, "", &mut list);
            }
            list
        };
        match mutation {
            Mutation::DeleteKey(at) | Mutation::WriteKeyTwice(at) | Mutation::Replace(at, _) => {
                let (Some(mut value), list) = (value.clone(), targets()) else {
                    continue;
                };
                if list.is_empty() {
                    continue;
                }
                let pointer = at.get(&list).clone();
                match mutation {
                    Mutation::Replace(_, replacement) => {
                        *value.pointer_mut(&pointer).unwrap() = replacement.clone();
                        bytes = value.to_string().into_bytes();
                    }
                    Mutation::DeleteKey(_) => {
                        let (parent, last) = pointer.rsplit_once('/').unwrap();
                        match value.pointer_mut(parent).unwrap() {
                            Value::Object(map) => {
                                map.remove(&last.replace("~1", "/").replace("~0", "~"));
                            }
                            Value::Array(items) => {
                                items.remove(last.parse::<usize>().unwrap());
                            }
                            _ => unreachable!("a parent holds its children"),
                        }
                        bytes = value.to_string().into_bytes();
                    }
                    _ => {
                        let mut text = String::new();
                        write_json(&value, "", &pointer, &mut text);
                        bytes = text.into_bytes();
                    }
                }
            }
            Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
            Mutation::Insert(at, c) => {
                let mut buffer = [0; 4];
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, c.encode_utf8(&mut buffer).bytes());
            }
            Mutation::ByteOrderMark => bytes.splice(0..0, *b"\xEF\xBB\xBF").for_each(drop),
            Mutation::Latin1 => {
                bytes = String::from_utf8_lossy(&bytes)
                    .chars()
                    .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                    .collect();
            }
        }
    }
    bytes
}

fn broken_cases() -> impl Strategy<Value = Vec<u8>> {
    (0..examples().len(), prop::collection::vec(mutation(), 1..4))
        .prop_map(|(example, mutations)| broken_case(example, &mutations))
}

/// Read `bytes`; if they are a case, evaluate it on dates across the childhood and at the
/// edges, draw its timeline and diff two rule sets. Every answer is a value or an error.
fn read_and_run(bytes: &[u8]) -> Option<Case> {
    let catalog = Catalog::embedded();
    let case = match Case::from_bytes(bytes) {
        Ok(case) => case,
        Err(error) => {
            // Both languages can be written.
            assert!(!error.to_string().is_empty());
            assert!(!error.message_sv().is_empty());
            return None;
        }
    };
    let reference = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut dates = vec![
        reference,
        NaiveDate::MIN,
        NaiveDate::MAX,
        NaiveDate::from_ymd_opt(2019, 9, 2).unwrap(),
    ];
    if let Ok(facts) = validate_case_all(&case, reference) {
        let birth = facts.birth;
        dates.push(birth);
        dates.extend(birth.checked_add_days(Days::new(13 * 365)));
        dates.push(facts.eighteenth_birthday());
    }
    for date in dates {
        if let Ok(evaluation) = evaluate(catalog, &case, date, None) {
            let rule_set = catalog.get(evaluation.rule_set_id).unwrap();
            guardian_views(rule_set, &case, &evaluation);
        }
    }
    let _ = timeline(catalog, &case, None, None, None);
    let _ = timeline(catalog, &case, None, None, Some("vgr-2026"));
    let _ = diff(catalog, &case, "vgr-2019", "rjl", None, None);
    Some(case)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_are_read_as_a_case_or_refused_without_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        read_and_run(&bytes);
    }

    #[test]
    fn arbitrary_text_is_read_as_a_case_or_refused_without_a_panic(text in any::<String>()) {
        let read = Case::from_json(&text);
        prop_assert_eq!(read.is_ok(), Case::from_bytes(text.as_bytes()).is_ok());
    }

    #[test]
    fn a_broken_example_case_is_read_evaluated_and_drawn_or_refused_without_a_panic(
        bytes in broken_cases(),
    ) {
        if let Some(case) = read_and_run(&bytes) {
            // What was read writes back and reads as the same case.
            prop_assert_eq!(Case::from_json(&case.to_json_pretty()).ok(), Some(case));
        }
    }

    #[test]
    fn a_key_written_twice_anywhere_is_refused(example in 0..examples().len(), at in any::<Index>()) {
        let value = &examples()[example];
        let mut list = Vec::new();
        pointers(value, "", &mut list);
        // Object entries only: a list item written twice is a longer list.
        list.retain(|pointer| {
            let (parent, _) = pointer.rsplit_once('/').unwrap();
            value.pointer(parent).is_some_and(Value::is_object)
        });
        let pointer = at.get(&list);
        let mut text = String::new();
        write_json(value, "", pointer, &mut text);
        let error = Case::from_json(&text).unwrap_err();
        prop_assert_eq!(error.to_string(), format!("{}: the key appears twice", path_of(value, pointer)));
    }
}

/// The reader's path (`measures[0].period`) of a JSON pointer (`/measures/0/period`).
fn path_of(value: &Value, pointer: &str) -> String {
    let mut path = String::new();
    let mut at = value;
    for segment in pointer.split('/').skip(1) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        match at {
            Value::Array(items) => {
                let index: usize = key.parse().unwrap();
                path.push_str(&format!("[{index}]"));
                at = &items[index];
            }
            _ => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key);
                at = &at[key.as_str()];
            }
        }
    }
    path
}

static RUNS: AtomicUsize = AtomicUsize::new(0);

/// Arguments of a CLI run over `file`: a command, and options that are sometimes odd.
fn cli_args() -> impl Strategy<Value = (usize, String, String)> {
    (
        0usize..6,
        prop_oneof![
            prop::sample::select(vec!["2020-01-01", "2026-11-23", "2019-09-02", "1900-01-01"])
                .prop_map(String::from),
            "[^\\x00]{0,12}",
        ],
        prop_oneof![
            prop::sample::select(vec!["blockering-vh2", "s1", "m1", "vgr-2026", "vgr-2019"])
                .prop_map(String::from),
            "[^\\x00]{0,12}",
        ],
    )
}

proptest! {
    // Each case starts the program: kept few so the suite stays fast.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_cli_exits_0_or_2_with_one_line_on_every_input(
        bytes in prop_oneof![
            4 => broken_cases(),
            1 => prop::collection::vec(any::<u8>(), 0..200),
        ],
        (command, date, id) in cli_args(),
    ) {
        let run = RUNS.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir()
            .join(format!("insyn-hostile-{}-{run}.json", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let file = path.to_str().unwrap().to_string();
        let args: Vec<&str> = match command {
            0 => vec!["evaluate", &file, "--date", &date],
            1 => vec!["timeline", &file],
            2 => vec!["timeline", &file, "--from", &date, "--to", "2026-11-23"],
            3 => vec!["diff", &file, "--rules", "vgr-2019", "--rules", &id],
            4 => vec!["document", &file, "--kind", "note", "--measure", &id],
            _ => vec!["evaluate", &file, "--date", "2026-11-23", "--rules", &id, &date],
        };
        let output = Command::new(env!("CARGO_BIN_EXE_insyn")).args(&args).output().unwrap();
        std::fs::remove_file(&path).ok();
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => prop_assert!(stderr.is_empty(), "{:?}: {}", args, stderr),
            Some(2) => {
                prop_assert!(stderr.starts_with("insyn: "), "{:?}: {}", args, stderr);
                prop_assert_eq!(stderr.matches('\n').count(), 1, "{:?}: {}", args, stderr);
                prop_assert!(!stderr.contains('\u{1b}'), "{:?}: {}", args, stderr);
                prop_assert!(output.stdout.is_empty());
            }
            other => prop_assert!(false, "{:?} exited {:?}: {}", args, other, stderr),
        }
    }
}
