//! The rule sets are data: every parameter cites its source, the required regions are there,
//! and a case gets the version in force on the asked date.

use insyn_engine::rule_set::{check_citations, Catalog, Certainty, ParameterId};
use insyn_engine::{parse_date, Case, RuleSet};
use serde_json::{json, Value};

#[test]
fn every_required_rule_set_is_embedded() {
    let catalog = Catalog::embedded();
    for id in [
        "national",
        "vgr-2019",
        "vgr-2026",
        "rjl",
        "ostergotland",
        "skane",
        "stockholm",
        "orebro",
    ] {
        assert!(catalog.get(id).is_some(), "rule set {id} is missing");
    }
}

#[test]
fn the_compiled_rule_sets_are_the_files_as_read_and_checked_at_run_time() {
    // engine/build.rs compiles the files into Rust data for the app; reading the same files
    // with the JSON reader (which checks every citation) must give the same catalog, field
    // for field, in the same order.
    let read = Catalog::from_embedded_files().unwrap();
    let compiled = Catalog::embedded();
    assert_eq!(compiled.rule_sets.len(), read.rule_sets.len());
    for (compiled, read) in compiled.rule_sets.iter().zip(&read.rule_sets) {
        assert_eq!(compiled, read, "rule set {} differs from its file", read.id);
        check_citations(compiled).unwrap();
    }
}

#[test]
fn every_parameter_of_every_rule_set_has_a_citation() {
    for rule_set in &Catalog::embedded().rule_sets {
        for (name, citation, _) in rule_set.parameter_list() {
            let source = rule_set.source(&citation.source).unwrap_or_else(|| {
                panic!(
                    "{}: {name} cites unknown source {}",
                    rule_set.id, citation.source
                )
            });
            assert!(
                source.file.is_some() || source.url.is_some(),
                "{}: source {} has neither seed file nor URL",
                rule_set.id,
                source.id
            );
            match citation.certainty {
                Certainty::Stated => assert!(
                    !citation.quote.trim().is_empty(),
                    "{}: {name} has no quote",
                    rule_set.id
                ),
                Certainty::Inferred | Certainty::Unknown => assert!(
                    citation
                        .note
                        .as_deref()
                        .is_some_and(|n| !n.trim().is_empty()),
                    "{}: {name} is {:?} without a note",
                    rule_set.id,
                    citation.certainty
                ),
            }
        }
        assert!(check_citations(rule_set).is_ok());
    }
}

#[test]
fn every_source_has_a_name_staff_know_without_its_code_or_file() {
    for rule_set in &Catalog::embedded().rule_sets {
        for source in &rule_set.sources {
            let name = source.name.trim();
            assert!(
                !name.is_empty(),
                "{}: source {} has no name",
                rule_set.id,
                source.id
            );
            assert!(
                name.chars().count() <= 100,
                "{}: the name of {} is not short: {name}",
                rule_set.id,
                source.id
            );
            for code in [source.id.as_str(), "SEED-", "seeds/", ".txt", "http"] {
                assert!(
                    !name.contains(code),
                    "{}: the name of {} shows {code}: {name}",
                    rule_set.id,
                    source.id
                );
            }
            // A year in the name is the source's own: it appears in its date or title.
            for year in name
                .split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
            {
                let dated = source.date.as_deref().unwrap_or_default();
                assert!(
                    dated.contains(year) || source.title.contains(year),
                    "{}: the name of {} gives the year {year}, the source does not",
                    rule_set.id,
                    source.id
                );
            }
        }
    }
}

#[test]
fn no_note_staff_read_names_a_rule_by_its_id() {
    for rule_set in &Catalog::embedded().rule_sets {
        for (name, citation, _) in rule_set.parameter_list() {
            let note = citation.note.as_deref().unwrap_or_default();
            for id in ParameterId::ALL {
                assert!(
                    !note.contains(id.name()),
                    "{}: the note of {name} names {}; name it by its term, \"{}\"",
                    rule_set.id,
                    id.name(),
                    id.term_sv()
                );
            }
        }
    }
}

#[test]
fn a_parameter_without_a_quote_makes_the_rule_set_invalid() {
    let national = Catalog::embedded().get("national").unwrap();
    let mut broken = national.clone();
    broken
        .parameters
        .guardian_access_until_age
        .citation
        .quote
        .clear();
    let problems = check_citations(&broken).unwrap_err();
    assert!(problems.contains("guardian_access_until_age"), "{problems}");
}

#[test]
fn a_rule_set_file_with_an_uncited_parameter_is_refused_at_load() {
    let parent = include_str!("../rules/national.json");
    let child = r#"{
        "id": "test", "region": "test", "region_name": "Test", "version": "1", "title": "Test",
        "valid_from": "2020-01-01", "extends": "national", "summary": "Test",
        "validity": { "source": "INERA-AGE22", "quote": "x" },
        "sources": [],
        "parameters": { "adult_age": { "value": 18, "source": "INERA-AGE22", "quote": "" } }
    }"#;
    let error =
        Catalog::from_files(&[("national.json", parent), ("test.json", child)]).unwrap_err();
    assert!(error.to_string().contains("adult_age"), "{error}");
}

#[test]
fn inherited_parameters_are_marked_with_their_parent() {
    let skane = Catalog::embedded().get("skane").unwrap();
    let inherited = skane
        .parameter_list()
        .into_iter()
        .filter(|(_, c, _)| c.inherited_from.as_deref() == Some("national"))
        .count();
    assert!(inherited > 0);
    assert!(skane
        .parameters
        .blocking_covers_proxy
        .citation
        .inherited_from
        .is_none());
}

#[test]
fn a_case_gets_the_vgr_version_in_force_on_the_asked_date() {
    let catalog = Catalog::embedded();
    let date = |d| parse_date(d).unwrap();
    assert_eq!(
        catalog.resolve("vgr", None, date("2026-03-25")).unwrap().id,
        "vgr-2019"
    );
    assert_eq!(
        catalog.resolve("vgr", None, date("2026-03-26")).unwrap().id,
        "vgr-2026"
    );
    assert_eq!(
        catalog
            .resolve("vgr", Some("vgr-2019"), date("2026-11-23"))
            .unwrap()
            .id,
        "vgr-2019"
    );
    assert!(catalog.resolve("vgr", None, date("2019-01-01")).is_err());
}

#[test]
fn a_timeline_across_the_vgr_change_of_version_names_both_versions() {
    let case = Case::from_json(include_str!("../cases/one-guardian-risk-blocking.json")).unwrap();
    let timeline = insyn_engine::timeline(Catalog::embedded(), &case, None, None, None).unwrap();
    let ids: Vec<&str> = timeline
        .segments
        .iter()
        .map(|s| s.rule_set_id.as_str())
        .collect();
    assert!(
        ids.contains(&"vgr-2019") && ids.contains(&"vgr-2026"),
        "{ids:?}"
    );
}

#[test]
fn the_readme_indexes_every_rule_id_so_a_swedish_term_leads_to_its_rule() {
    let readme = include_str!("../../README.md");
    let national = Catalog::embedded().get("national").unwrap();
    let missing: Vec<&str> = national
        .parameter_list()
        .into_iter()
        .map(|(id, _, _)| id.name())
        .filter(|name| !readme.contains(&format!("`{name}`")))
        .collect();
    assert!(missing.is_empty(), "README lacks rule ids: {missing:?}");
}

#[test]
fn every_parameter_has_its_own_swedish_term_and_a_rule_id_that_reads_back() {
    for (index, id) in ParameterId::ALL.iter().enumerate() {
        assert!(!id.term_sv().trim().is_empty(), "no Swedish term for {id}");
        assert_eq!(ParameterId::from_name(id.name()), Some(*id));
        assert!(
            ParameterId::ALL[..index]
                .iter()
                .all(|earlier| earlier.term_sv() != id.term_sv()),
            "two parameters share the term {:?}",
            id.term_sv()
        );
    }
}

/// A one-file rule set that states every parameter of the national baseline, with the
/// given change applied to its `parameters` object.
fn national_with(change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut national: Value = serde_json::from_str(include_str!("../rules/national.json")).unwrap();
    change(national["parameters"].as_object_mut().unwrap());
    national.to_string()
}

/// Loading the national file changed by `change` fails, and the error says `expected`.
fn assert_refused(change: impl FnOnce(&mut serde_json::Map<String, Value>), expected: &str) {
    let text = national_with(change);
    let error = Catalog::from_files(&[("national.json", &text)])
        .unwrap_err()
        .to_string();
    assert!(error.contains(expected), "{error}");
}

#[test]
fn a_rule_set_file_missing_a_parameter_is_refused_naming_it() {
    assert_refused(
        |parameters| {
            parameters.remove("sealing_unlock_rule");
        },
        "missing parameter \"sealing_unlock_rule\"",
    );
}

#[test]
fn a_rule_set_file_with_an_unknown_parameter_is_refused_naming_it() {
    assert_refused(
        |parameters| {
            let copy = parameters["adult_age"].clone();
            parameters.insert("adult_agee".into(), copy);
        },
        "unknown parameter \"adult_agee\"",
    );
}

#[test]
fn a_parameter_value_of_the_wrong_type_is_refused_naming_the_parameter() {
    assert_refused(
        |parameters| parameters["adult_age"]["value"] = json!("arton"),
        "parameter \"adult_age\"",
    );
}

#[test]
fn a_misspelt_citation_field_is_refused_rather_than_ignored() {
    assert_refused(
        |parameters| {
            let entry = parameters["adult_age"].as_object_mut().unwrap();
            let quote = entry.remove("quote").unwrap();
            entry.insert("qoute".into(), quote);
        },
        "qoute",
    );
}

#[test]
fn a_rule_set_written_back_to_json_reads_in_as_the_same_rule_set() {
    for rule_set in &Catalog::embedded().rule_sets {
        let json = serde_json::to_value(rule_set).unwrap();
        let back: RuleSet = serde_json::from_value(json).unwrap();
        assert_eq!(&back, rule_set);
    }
}

#[test]
fn every_problem_of_a_rule_set_file_is_reported_at_once() {
    let both = |parameters: &mut serde_json::Map<String, Value>| {
        parameters.remove("urgent_phone");
        parameters["adult_age"]["value"] = json!(-1);
    };
    assert_refused(both, "missing parameter \"urgent_phone\"");
    assert_refused(both, "parameter \"adult_age\"");
}
