//! The storage rules, natively: `cargo test -p insyn --lib storage`.
//!
//! The only personnummer written out is Skatteverket's test number 20170101-2393; the
//! samordningsnummer is made from it at run time.

use super::*;
use crate::personal_data::{has_personal_data, without_personal_data, HIDDEN_NUMBER};
use crate::training_cases::{example_case, training_case};
use insyn_engine::identity::IdentityNumber;
use insyn_engine::validation::validate_case;
use insyn_engine::Catalog;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 23) {
    Some(date) => date,
    None => panic!(),
};

fn at(date: NaiveDate, hour: u32, minute: u32) -> Moment {
    Moment {
        date,
        hour,
        minute,
        second: 7,
    }
}

fn now() -> Moment {
    at(TODAY, 12, 3)
}

/// The example case: Alva Exempel with guardians Sara and Johan Exempel.
fn named_case() -> Case {
    example_case().case()
}

/// Elsa Test, 20170101-2393, with a blocking of Peter Test.
fn numbered_case() -> Case {
    training_case("one-guardian-risk-blocking").unwrap().case()
}

/// Skatteverket's test number with 60 added to the day and the check digit redone.
fn samordningsnummer() -> String {
    let nine = "170161239";
    let sum: u32 = nine
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let d = c.to_digit(10).unwrap() * if i % 2 == 0 { 2 } else { 1 };
            d / 10 + d % 10
        })
        .sum();
    format!("20170161-239{}", (10 - sum % 10) % 10)
}

fn session(case: Case, keep_names: bool) -> SessionCase {
    SessionCase {
        case,
        date: Some(date(2026, 11, 20)),
        keep_names,
        unsaved: true,
        saved: None,
    }
}

/// Whether the matrix shows the same outcomes for both cases on `on` (the explanations'
/// wording may differ: it names people).
fn same_answer(a: &Case, b: &Case, on: NaiveDate) -> bool {
    let catalog = Catalog::embedded();
    let a = insyn_engine::evaluate(catalog, a, on, None).expect("evaluates");
    let b = insyn_engine::evaluate(catalog, b, on, None).expect("evaluates");
    a.same_outcomes(&b)
}

// ---- Names and personnummer ----

#[test]
fn stripping_takes_out_every_name_and_number_and_nothing_else() {
    let mut case = numbered_case();
    case.guardians[0].identity_number = Some("19121212-1212".into());
    case.legal_representatives.push(
        training_case("sixteen-with-legal-representative")
            .unwrap()
            .case()
            .legal_representatives[0]
            .clone(),
    );
    assert!(has_personal_data(&case));
    let stripped = without_personal_data(&case, TODAY);
    assert!(!has_personal_data(&stripped));
    assert_eq!(stripped.child.name, None);
    assert_eq!(stripped.child.identity_number, None);
    assert!(stripped
        .guardians
        .iter()
        .all(|g| g.name.is_none() && g.identity_number.is_none()));
    assert!(stripped
        .legal_representatives
        .iter()
        .all(|r| r.name.is_none()));
    let text = stripped.to_json_pretty();
    for secret in ["Elsa", "Peter", "Maria", "Ulf", "2393", "1212"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    // Everything else is as it was: the units, the measures, the title, the ids.
    assert_eq!(stripped.measures, case.measures);
    assert_eq!(stripped.care_units, case.care_units);
    assert_eq!(stripped.title, case.title);
    assert_eq!(stripped.guardians[1].id, case.guardians[1].id);
    assert_eq!(
        stripped.guardians[1].registered,
        case.guardians[1].registered
    );
    // Stripping twice is stripping once.
    assert_eq!(without_personal_data(&stripped, TODAY), stripped);
}

#[test]
fn a_birth_date_only_the_personnummer_gave_is_kept_so_the_answer_is_the_same() {
    let mut case = numbered_case();
    case.child.birth_date = None;
    let stripped = without_personal_data(&case, TODAY);
    assert_eq!(stripped.child.birth_date, Some(date(2017, 1, 1)));
    assert_eq!(stripped.child.identity_number, None);
    assert!(same_answer(&stripped, &case, TODAY));
}

#[test]
fn a_samordningsnummer_or_reservnummer_becomes_a_number_that_is_nobodys_and_still_gives_no_login() {
    let reserv = training_case("reservnummer-child").unwrap().case();
    let mut samordning = numbered_case();
    samordning.child.birth_date = None;
    samordning.child.identity_number = Some(samordningsnummer());
    assert!(validate_case(&samordning, TODAY).is_ok(), "a valid number");
    for case in [reserv, samordning] {
        let stripped = without_personal_data(&case, TODAY);
        assert_eq!(
            stripped.child.identity_number.as_deref(),
            Some(HIDDEN_NUMBER)
        );
        assert!(!has_personal_data(&stripped));
        assert!(stripped.child.birth_date.is_some());
        assert!(same_answer(&stripped, &case, TODAY));
    }
    assert!(matches!(
        parse_identity_number(HIDDEN_NUMBER, TODAY),
        Ok(IdentityNumber::Reservnummer { .. })
    ));
}

#[test]
fn a_number_still_being_typed_is_taken_out_too() {
    let mut case = named_case();
    case.child.identity_number = Some("2017010".into());
    assert_eq!(
        without_personal_data(&case, TODAY).child.identity_number,
        None
    );
}

#[test]
fn a_label_that_names_someone_of_the_case_is_noticed() {
    let case = numbered_case();
    for label in [
        "Elsa",
        "elsa t",
        "Fallet med Peter",
        "ELSA TEST",
        "20170101-2393",
        "170101-2393",
    ] {
        assert!(label_reveals_identity(label, &case), "{label}");
    }
    for label in [
        "Blockering vh2",
        "Fall 3, barnmottagningen",
        "2026-11-23",
        "Testfall",
    ] {
        assert!(!label_reveals_identity(label, &case), "{label}");
    }
    let mut swedish = named_case();
    swedish.child.name = Some("Åsa Öberg".into());
    assert!(label_reveals_identity("åsa", &swedish));
    assert!(label_reveals_identity("ÖBERG", &swedish));
}

// ---- Unsaved changes ----

#[test]
fn the_case_has_unsaved_changes_when_it_is_not_the_one_opened_or_saved() {
    let case = named_case();
    assert!(!has_unsaved_changes(&case, Some(&case.clone())));
    let mut edited = case.clone();
    edited.child.has_e_id = !edited.child.has_e_id;
    assert!(has_unsaved_changes(&edited, Some(&case)));
    // Undoing the edit by hand brings it back to what was saved.
    edited.child.has_e_id = case.child.has_e_id;
    assert!(!has_unsaved_changes(&edited, Some(&case)));
    // A reload of a case that had unsaved changes keeps them until saved.
    assert!(has_unsaved_changes(&case, None));
}

// ---- Expiry ----

#[test]
fn kept_names_expire_at_the_end_of_the_day_they_were_saved() {
    let saved_on = date(2026, 11, 23);
    assert!(!names_expired(saved_on, saved_on));
    assert!(names_expired(saved_on, date(2026, 11, 24)));
    assert!(names_expired(saved_on, date(2027, 1, 1)));
    // A clock set back does not bring them back either: only after the day counts.
    assert!(!names_expired(saved_on, date(2026, 11, 22)));
}

#[test]
fn a_saved_case_read_the_next_day_has_lost_its_names_but_nothing_else() {
    let store = MemoryStore::default();
    let saved = save_case(
        &store,
        SaveRequest {
            case: &numbered_case(),
            label: "Blockering",
            keep_names: true,
            base: None,
            new_id: "a1",
        },
        now(),
    )
    .unwrap();
    assert_eq!(saved.names_until, Some(TODAY));
    let key = saved_key("a1");
    let raw = store.value(&key).unwrap();
    assert!(raw.contains("Elsa Test") && raw.contains("20170101-2393"));

    // The same day: listed with names.
    let (cases, _) = list_saved(&store, at(TODAY, 23, 59)).unwrap();
    assert_eq!(cases[0].case, numbered_case());
    assert_eq!(store.value(&key).unwrap(), raw, "nothing rewritten");

    // The next morning: without them, in storage too; same revision, so no tab conflicts.
    let (cases, findings) = list_saved(&store, at(date(2026, 11, 24), 7, 0)).unwrap();
    assert!(findings.is_empty());
    assert_eq!(
        cases[0].case,
        without_personal_data(&numbered_case(), TODAY)
    );
    assert_eq!(cases[0].names_until, None);
    assert_eq!(cases[0].revision, 1);
    assert_eq!(cases[0].saved_at, saved.saved_at);
    let raw = store.value(&key).unwrap();
    assert!(!raw.contains("Elsa") && !raw.contains("2393"), "{raw}");
    assert!(!raw.contains("names_until"), "{raw}");
}

// ---- The envelope and migration ----

#[test]
fn every_value_is_a_versioned_envelope() {
    let text = session_json(&session(named_case(), false), now());
    let value: Value = serde_json::from_str(&text).unwrap();
    let object = value.as_object().unwrap();
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["data", "saved_at", "schema_version"]);
    assert_eq!(object["schema_version"], 1);
    assert_eq!(object["saved_at"], "2026-11-23T12:03:07");
    assert_eq!(object["data"]["date"], "2026-11-20");
    assert_eq!(object["data"]["keep_names"], false);
    assert_eq!(read_envelope(&text).unwrap().version, SCHEMA_VERSION);
}

#[test]
fn the_open_case_reads_back_with_names_only_if_they_were_to_be_kept() {
    let mut kept = session(named_case(), true);
    kept.saved = Some(SavedRef {
        id: "x".into(),
        revision: 3,
        saved_at: "2026-11-23T11:00:00".into(),
    });
    let text = session_json(&kept, now());
    assert!(text.contains("Alva Exempel"));
    assert_eq!(read_session(&text, TODAY), Ok(kept));

    let not_kept = session(named_case(), false);
    let text = session_json(&not_kept, now());
    for name in ["Alva", "Sara", "Johan"] {
        assert!(!text.contains(name), "{name} in {text}");
    }
    let back = read_session(&text, TODAY).unwrap();
    assert_eq!(back.case, without_personal_data(&named_case(), TODAY));
    assert_eq!(back.date, Some(date(2026, 11, 20)));
    assert!(!back.keep_names && back.unsaved && back.saved.is_none());
}

#[test]
fn a_session_value_with_names_it_should_not_have_is_read_without_them() {
    let mut data = Map::new();
    data.insert("case".into(), case_value(&named_case()));
    data.insert("keep_names".into(), false.into());
    let text = write_envelope("2026-11-23T12:00:00", data);
    assert!(!has_personal_data(
        &read_session(&text, TODAY).unwrap().case
    ));
}

#[test]
fn migration_from_version_0_the_bare_case_of_the_open_tab() {
    // How a first prototype kept the open case: the case file's JSON, nothing around it.
    let bare = named_case().to_json_pretty();
    assert_eq!(read_envelope(&bare).unwrap().version, 0);
    let migrated = read_session(&bare, TODAY).unwrap();
    assert_eq!(
        migrated,
        SessionCase {
            case: without_personal_data(&named_case(), TODAY),
            date: None,
            keep_names: false,
            unsaved: true,
            saved: None,
        }
    );
    // Written again, it is version 1.
    let rewritten = session_json(&migrated, now());
    assert_eq!(read_envelope(&rewritten).unwrap().version, 1);
    assert_eq!(read_session(&rewritten, TODAY).unwrap().case, migrated.case);
}

#[test]
fn migration_from_version_0_a_bare_saved_case_is_written_back_without_names() {
    let store = MemoryStore::with(&[("insyn.saved-case.old", &numbered_case().to_json_pretty())]);
    let (cases, findings) = list_saved(&store, now()).unwrap();
    assert!(findings.is_empty());
    assert_eq!(cases.len(), 1);
    let saved = &cases[0];
    assert_eq!(saved.id, "old");
    assert_eq!(saved.label, numbered_case().title.unwrap());
    assert_eq!(saved.revision, 1);
    assert_eq!(saved.names_until, None);
    assert_eq!(saved.case, without_personal_data(&numbered_case(), TODAY));
    let raw = store.value("insyn.saved-case.old").unwrap();
    assert_eq!(read_envelope(&raw).unwrap().version, SCHEMA_VERSION);
    assert!(!raw.contains("Elsa"), "{raw}");
    // Read again: unchanged, nothing more to write.
    let (again, changed) = read_saved("old", &raw, TODAY, now()).unwrap();
    assert_eq!(&again, saved);
    assert!(!changed);
}

#[test]
fn a_future_version_or_a_damaged_value_cannot_be_read() {
    let future = r#"{"schema_version":2,"saved_at":"2027-01-01T00:00:00","data":{"x":1}}"#;
    assert_eq!(read_envelope(future), Err(Unreadable::Future(2)));
    assert_eq!(read_session(future, TODAY), Err(Unreadable::Future(2)));
    for damaged in [
        "",
        "{",
        "null",
        "[1,2]",
        r#"{"hello":"world"}"#,
        r#"{"schema_version":"1","saved_at":"x","data":{}}"#,
        r#"{"schema_version":0,"saved_at":"x","data":{}}"#,
        r#"{"schema_version":1,"data":{}}"#,
        r#"{"schema_version":1,"saved_at":"x","data":{},"extra":1}"#,
        r#"{"schema_version":1,"saved_at":"x","data":{"case":{"format_version":1}}}"#,
        r#"{"schema_version":1,"saved_at":"x","data":{"case":{}, "date":"2026-13-01"}}"#,
        r#"{"format_version":1,"region":"vgr"}"#,
    ] {
        assert!(read_session(damaged, TODAY).is_err(), "{damaged}");
        assert!(read_saved("x", damaged, TODAY, now()).is_err(), "{damaged}");
    }
    assert_eq!(classify(future), Unreadable::Future(2));
    assert_eq!(classify("{"), Unreadable::Corrupt);
}

// ---- Kept aside, never overwritten ----

#[test]
fn a_damaged_open_case_is_kept_aside_unchanged_and_reported() {
    let store = MemoryStore::with(&[(SESSION_KEY, "{ not json")]);
    let restored = restore_session(&store, TODAY).unwrap();
    assert_eq!(restored.session, None);
    assert_eq!(
        restored.finding,
        Some(Finding::KeptAside {
            kept_as: "insyn.kept-aside.current-case".into(),
            reason: Unreadable::Corrupt,
        })
    );
    assert_eq!(
        store.value("insyn.kept-aside.current-case").as_deref(),
        Some("{ not json")
    );
    assert_eq!(
        store.value(SESSION_KEY),
        None,
        "the key is free for the work again"
    );
    let kept = kept_aside(&store).unwrap();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].message_sv().contains("skadade"));
    assert!(kept[0].message_sv().contains("det öppna fallet"));
}

#[test]
fn a_value_kept_aside_is_never_overwritten_by_the_next_one() {
    let future = r#"{"schema_version":9,"saved_at":"2030-01-01T00:00:00","data":{}}"#;
    let store = MemoryStore::with(&[
        ("insyn.kept-aside.current-case", "first"),
        (SESSION_KEY, future),
    ]);
    let restored = restore_session(&store, TODAY).unwrap();
    assert_eq!(
        restored.finding,
        Some(Finding::KeptAside {
            kept_as: "insyn.kept-aside.current-case.2".into(),
            reason: Unreadable::Future(9),
        })
    );
    assert_eq!(
        store.value("insyn.kept-aside.current-case").as_deref(),
        Some("first")
    );
    assert_eq!(
        store.value("insyn.kept-aside.current-case.2").as_deref(),
        Some(future)
    );
    let reasons: Vec<Unreadable> = kept_aside(&store)
        .unwrap()
        .iter()
        .map(|k| k.reason)
        .collect();
    assert_eq!(reasons, [Unreadable::Corrupt, Unreadable::Future(9)]);
    assert!(kept_aside(&store).unwrap()[1]
        .message_sv()
        .contains("nyare version"));
}

#[test]
fn damaged_and_future_saved_cases_are_kept_aside_and_the_others_listed() {
    let good = save_case(
        &MemoryStore::default(),
        SaveRequest {
            case: &named_case(),
            label: "Bra",
            keep_names: false,
            base: None,
            new_id: "good",
        },
        now(),
    )
    .unwrap();
    let future = r#"{"schema_version":2,"saved_at":"2027-01-01T00:00:00","data":{}}"#;
    let store = MemoryStore::with(&[
        ("insyn.saved-case.good", &saved_json(&good)),
        ("insyn.saved-case.bad", "[]"),
        ("insyn.saved-case.new", future),
        ("insyn.staff-details", r#"{"name":"Anna"}"#),
    ]);
    let (cases, mut findings) = list_saved(&store, now()).unwrap();
    assert_eq!(cases, [good]);
    findings.sort_by_key(|f| format!("{f:?}"));
    assert_eq!(
        findings,
        [
            Finding::KeptAside {
                kept_as: "insyn.kept-aside.saved-case.bad".into(),
                reason: Unreadable::Corrupt
            },
            Finding::KeptAside {
                kept_as: "insyn.kept-aside.saved-case.new".into(),
                reason: Unreadable::Future(2)
            },
        ]
    );
    assert_eq!(
        store.value("insyn.kept-aside.saved-case.new").as_deref(),
        Some(future)
    );
    assert_eq!(store.value("insyn.saved-case.new"), None);
    assert_eq!(
        store.value("insyn.staff-details").as_deref(),
        Some(r#"{"name":"Anna"}"#),
        "another key is left alone"
    );
}

#[test]
fn an_unreadable_value_that_cannot_be_moved_is_left_where_it_is() {
    let store = MemoryStore {
        quota: Some(SESSION_KEY.len() + 10),
        ..MemoryStore::with(&[(SESSION_KEY, "{ damaged")])
    };
    let restored = restore_session(&store, TODAY).unwrap();
    assert_eq!(
        restored.finding,
        Some(Finding::LeftInPlace {
            key: SESSION_KEY.into(),
            reason: Unreadable::Corrupt
        })
    );
    assert_eq!(store.value(SESSION_KEY).as_deref(), Some("{ damaged"));
}

// ---- Two tabs ----

fn request<'a>(case: &'a Case, base: Option<&'a SavedRef>, new_id: &'a str) -> SaveRequest<'a> {
    SaveRequest {
        case,
        label: "Fall 1",
        keep_names: false,
        base,
        new_id,
    }
}

#[test]
fn two_tabs_saving_the_same_case_the_second_is_refused_and_nothing_is_overwritten() {
    let store = MemoryStore::default();
    let first = save_case(&store, request(&named_case(), None, "f1"), now()).unwrap();
    assert_eq!(first.revision, 1);
    let opened_in_a = first.reference();
    let opened_in_b = first.reference();

    let mut edit_a = named_case();
    edit_a.title = Some("Ändrat i flik A".into());
    let saved_a = save_case(
        &store,
        request(&edit_a, Some(&opened_in_a), "unused"),
        at(TODAY, 12, 5),
    )
    .unwrap();
    assert_eq!(saved_a.revision, 2);
    let stored_after_a = store.value(&saved_key("f1")).unwrap();

    let mut edit_b = named_case();
    edit_b.title = Some("Ändrat i flik B".into());
    let refused = save_case(
        &store,
        request(&edit_b, Some(&opened_in_b), "unused"),
        at(TODAY, 12, 6),
    );
    assert_eq!(
        refused,
        Err(SaveError::Conflict(Conflict::ChangedElsewhere {
            saved_at: "2026-11-23T12:05:07".into()
        }))
    );
    assert_eq!(store.value(&saved_key("f1")).unwrap(), stored_after_a);
    let message = refused.unwrap_err().message_sv("Fall 1");
    assert!(
        message.contains("annan flik") && message.contains("2026-11-23 kl. 12:05"),
        "{message}"
    );
    assert!(message.contains("skrevs över"), "{message}");

    // Tab B saves as a new case instead; tab A goes on saving its own.
    let new_b = save_case(&store, request(&edit_b, None, "f2"), at(TODAY, 12, 7)).unwrap();
    assert_eq!(new_b.revision, 1);
    let again_a = save_case(
        &store,
        request(&edit_a, Some(&saved_a.reference()), "unused"),
        at(TODAY, 12, 8),
    )
    .unwrap();
    assert_eq!(again_a.revision, 3);
    let (cases, _) = list_saved(&store, at(TODAY, 12, 9)).unwrap();
    let titles: Vec<_> = cases
        .iter()
        .map(|c| c.case.title.clone().unwrap())
        .collect();
    assert_eq!(titles, ["Ändrat i flik A", "Ändrat i flik B"]);
}

#[test]
fn the_same_revision_saved_at_another_time_is_a_conflict_too() {
    // Two tabs that each started from nothing cannot share a revision number, but a value
    // replaced by hand (or by a deleted and re-saved case) can: saved_at tells them apart.
    let store = MemoryStore::default();
    let first = save_case(&store, request(&named_case(), None, "f1"), now()).unwrap();
    store.remove(&saved_key("f1")).unwrap();
    save_case(&store, request(&named_case(), None, "f1"), at(TODAY, 13, 0)).unwrap();
    assert!(matches!(
        save_case(
            &store,
            request(&named_case(), Some(&first.reference()), "x"),
            at(TODAY, 13, 1)
        ),
        Err(SaveError::Conflict(Conflict::ChangedElsewhere { .. }))
    ));
}

#[test]
fn a_case_removed_in_another_tab_is_not_saved_back_silently() {
    let store = MemoryStore::default();
    let first = save_case(&store, request(&named_case(), None, "f1"), now()).unwrap();
    clear_all(&[&store]).unwrap();
    let refused = save_case(
        &store,
        request(&named_case(), Some(&first.reference()), "x"),
        now(),
    );
    assert_eq!(refused, Err(SaveError::Conflict(Conflict::Removed)));
    assert_eq!(store.keys().unwrap(), Vec::<String>::new());
    store.set(&saved_key("f1"), "garbage").unwrap();
    assert_eq!(
        save_case(
            &store,
            request(&named_case(), Some(&first.reference()), "x"),
            now()
        ),
        Err(SaveError::Conflict(Conflict::Unreadable))
    );
    assert_eq!(store.value(&saved_key("f1")).as_deref(), Some("garbage"));
}

// ---- Saving ----

#[test]
fn a_saved_case_has_no_names_unless_asked_and_then_only_until_the_end_of_the_day() {
    let store = MemoryStore::default();
    let saved = save_case(&store, request(&numbered_case(), None, "n1"), now()).unwrap();
    assert_eq!(saved.names_until, None);
    assert!(!has_personal_data(&saved.case));
    let raw = store.value(&saved_key("n1")).unwrap();
    assert!(
        !raw.contains("Elsa") && !raw.contains("2393") && !raw.contains("Peter"),
        "{raw}"
    );

    let kept = save_case(
        &store,
        SaveRequest {
            keep_names: true,
            ..request(&numbered_case(), None, "n2")
        },
        now(),
    )
    .unwrap();
    assert_eq!(kept.names_until, Some(TODAY));
    assert_eq!(kept.case, numbered_case());
    let (cases, _) = list_saved(&store, now()).unwrap();
    assert_eq!(cases.len(), 2);
}

#[test]
fn a_label_naming_someone_is_refused_unless_names_are_kept() {
    let store = MemoryStore::default();
    let case = numbered_case();
    let naming = SaveRequest {
        label: "Elsa",
        ..request(&case, None, "n1")
    };
    let refused = save_case(&store, naming, now()).unwrap_err();
    assert_eq!(refused, SaveError::LabelRevealsIdentity);
    assert!(refused.message_sv("Elsa").contains("Välj ett annat namn"));
    assert!(store.keys().unwrap().is_empty());
    let blank = SaveRequest {
        label: "  ",
        ..request(&case, None, "n1")
    };
    assert_eq!(save_case(&store, blank, now()), Err(SaveError::NoLabel));
    let kept = SaveRequest {
        label: "Elsa",
        keep_names: true,
        ..request(&case, None, "n1")
    };
    assert!(save_case(&store, kept, now()).is_ok());
}

#[test]
fn storage_disabled_or_full_is_an_error_with_a_swedish_message_and_nothing_half_written() {
    let disabled = MemoryStore {
        failing: Some(StorageError::Unavailable),
        ..MemoryStore::default()
    };
    assert_eq!(
        save_case(&disabled, request(&named_case(), None, "a"), now()),
        Err(SaveError::Storage(StorageError::Unavailable))
    );
    assert_eq!(
        restore_session(&disabled, TODAY),
        Err(StorageError::Unavailable)
    );
    assert_eq!(
        list_saved(&disabled, now()).err(),
        Some(StorageError::Unavailable)
    );
    assert!(StorageError::Unavailable
        .message_sv()
        .contains("Fallet finns kvar"));

    let full = MemoryStore {
        quota: Some(100),
        ..MemoryStore::default()
    };
    assert_eq!(
        save_case(&full, request(&named_case(), None, "a"), now()),
        Err(SaveError::Storage(StorageError::Full))
    );
    assert!(full.keys().unwrap().is_empty());
    assert!(StorageError::Full.message_sv().contains("full"));
    assert!(StorageError::Full.message_sv().contains("oförändrat"));
}

// ---- The page as it starts, and Rensa allt ----

#[test]
fn the_page_as_it_starts_needs_nothing_stored() {
    let start = named_case();
    let start_on = start_date(&start, TODAY);
    let fresh = SessionCase {
        case: start.clone(),
        date: Some(start_on),
        keep_names: false,
        unsaved: false,
        saved: None,
    };
    assert!(!session_worth_keeping(&fresh, &start, start_on));
    let mut edited = fresh.clone();
    edited.unsaved = true;
    assert!(session_worth_keeping(&edited, &start, start_on));
    let other_day = SessionCase {
        date: Some(date(2030, 1, 1)),
        ..fresh.clone()
    };
    assert!(session_worth_keeping(&other_day, &start, start_on));
    let keeping = SessionCase {
        keep_names: true,
        ..fresh
    };
    assert!(session_worth_keeping(&keeping, &start, start_on));
}

#[test]
fn start_dates_follow_the_childs_minority() {
    let case = named_case(); // born 2015-05-10
    assert_eq!(start_date(&case, TODAY), TODAY);
    assert_eq!(start_date(&case, date(2040, 1, 1)), date(2033, 5, 10));
    let mut unborn = case.clone();
    unborn.child.birth_date = None;
    assert_eq!(start_date(&unborn, TODAY), TODAY);
    let mut numbered = numbered_case();
    numbered.child.birth_date = None;
    assert_eq!(start_date(&numbered, date(2040, 1, 1)), date(2035, 1, 1));
}

#[test]
fn rensa_allt_removes_every_insyn_key_and_only_those() {
    let session = MemoryStore::with(&[
        (SESSION_KEY, "x"),
        ("insyn.kept-aside.current-case", "y"),
        ("other-app", "z"),
    ]);
    let local = MemoryStore::with(&[
        ("insyn.saved-case.a", "1"),
        ("insyn.staff-details", "{}"),
        ("insyn.kept-aside.saved-case.b", "2"),
        ("someone-else", "3"),
    ]);
    assert_eq!(clear_all(&[&session, &local]), Ok(5));
    assert_eq!(session.keys().unwrap(), ["other-app"]);
    assert_eq!(local.keys().unwrap(), ["someone-else"]);

    // A storage that throws does not stop the other from being cleared.
    let broken = MemoryStore {
        failing: Some(StorageError::Unavailable),
        ..MemoryStore::default()
    };
    let local = MemoryStore::with(&[("insyn.saved-case.a", "1")]);
    assert_eq!(
        clear_all(&[&broken, &local]),
        Err(StorageError::Unavailable)
    );
    assert!(local.keys().unwrap().is_empty());
}

#[test]
fn saved_at_reads_as_date_and_time() {
    assert_eq!(now().stamp(), "2026-11-23T12:03:07");
    assert_eq!(saved_at_sv("2026-11-23T12:03:07"), "2026-11-23 kl. 12:03");
    assert_eq!(saved_at_sv("igår"), "igår");
}
